"""Demo documents: the seed documents, imported by our own importer, and a year of activity.

The seed (`demo/data/seed/`) is imported through `document_import`, exactly as a unit would
import its files; a document whose issuer resolves to a demo unit is filed under that unit and
published, the others (articles, scraped pages) stay drafts of the city office. The year of
activity is a register of numbered documents for every demo unit with a 机关代字 in the previous
year, most submitted on time, some late, one serial missing — the raw material of the
assessment. Their bodies say that they are register entries: they are never made of sentences
from real documents (issue 19: such collages quoted 《…》予以修改 and made false chains).
Idempotent: a second run finds everything.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from gongkai.core.models import Unit
from gongkai.core.selectors import unit_find
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.ingest.services import document_import, issuers_from_title

SEED_DIR = Path(__file__).resolve().parent / "data" / "seed"
ACTIVITY_YEAR = 2025
DEFAULT_UNIT = "武汉市人民政府办公厅"

TOPICS = [
    ("关于做好{y}年政务公开工作的通知", "综合政务\\政务公开"),
    ("关于印发{y}年工作要点的通知", "综合政务\\其他"),
    ("关于加强政府信息公开统计报送工作的通知", "综合政务\\政务公开"),
    ("关于进一步规范行政执法公示的意见", "综合政务\\行政执法"),
    ("关于开展规范性文件清理工作的通知", "综合政务\\法制"),
    ("关于优化营商环境若干措施的通知", "经济管理\\营商环境"),
    ("关于做好依申请公开工作的通知", "综合政务\\政务公开"),
    ("关于印发政务信息化项目管理办法的通知", "综合政务\\信息化"),
    ("关于加强重点领域信息公开的实施意见", "综合政务\\政务公开"),
    ("关于建立政策解读工作机制的通知", "综合政务\\政务公开"),
    ("关于做好防汛抗旱工作的通知", "城乡建设\\防汛"),
    ("关于印发安全生产专项整治方案的通知", "安全生产\\其他"),
]


REGISTER_NOTE = "（演示数据：本条目只登记文章属性，用于演示报送、审核和考评，未收录正文。）"


def _unit_by_prefix(doc_number: str | None) -> Unit | None:
    from gongkai.documents.domain.docnumber import parse_doc_number

    parsed = parse_doc_number(doc_number) if doc_number else None
    if parsed is None or not parsed.prefix:
        return None
    for unit in Unit.objects.exclude(doc_prefixes=[]):
        if parsed.prefix in unit.doc_prefixes:
            return unit
    return None


def _import_seed(stdout) -> None:
    fallback = Unit.objects.get(full_name=DEFAULT_UNIT)
    counts = {"imported": 0, "duplicate": 0, "failed": 0}
    for path in sorted(SEED_DIR.glob("*.txt")):
        data = path.read_bytes()
        from gongkai.ingest.services import read_and_extract

        _, _, meta = read_and_extract(name=path.name, data=data)
        # The unit that numbers with the 发文字号's 代字 owns it (武政办 → 办公厅, even where a
        # database header says 发布部门 武汉市政府); else the issuer named in the text or title.
        unit = _unit_by_prefix(meta.doc_number)
        names = list(meta.issuers) or issuers_from_title(meta.title or "")
        unit = unit or next((u for u in (unit_find(n) for n in names) if u), None)
        outcome = document_import(unit=unit or fallback, actor=None, name=path.name, data=data,
                                  publish=unit is not None)
        counts[outcome.status] += 1
        if outcome.status == "failed":
            stdout.write(f"  种子文件 {path.name} 导入失败：{outcome.reason}")
    stdout.write(f"种子文件：导入 {counts['imported']}，已存在 {counts['duplicate']}，"
                 f"失败 {counts['failed']}")


def _aware(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, 0)))


@transaction.atomic
def _activity(stdout) -> None:
    rng = random.Random(20250101)
    made = 0
    for unit in Unit.objects.exclude(doc_prefixes=[]).exclude(assessment_group="").order_by("id"):
        prefix = unit.doc_prefixes[0]
        if Document.objects.filter(unit=unit, doc_prefix=prefix, doc_year=ACTIVITY_YEAR).exists():
            continue
        count = rng.randint(8, 14)
        missing = rng.randint(2, count - 1) if rng.random() < 0.6 else None
        lateness = rng.random() * 0.5  # share of late submissions differs per unit
        for serial in range(1, count + 1):
            if serial == missing:
                continue  # a serial gap: a document issued but never submitted
            title_tpl, category = TOPICS[(serial + unit.pk) % len(TOPICS)]
            title = unit.full_name + title_tpl.format(y=ACTIVITY_YEAR)
            published_on = date(ACTIVITY_YEAR, 1, 6) + timedelta(days=int(serial * 340 / (count + 1)))
            level = "地方规范性文件" if serial % 4 == 0 else "工作文件"
            doc = document_create(
                unit=unit, actor=None, title=title, doc_number=f"{prefix}〔{ACTIVITY_YEAR}〕{serial}号",
                issuer_names=[unit.full_name], written_date=published_on - timedelta(days=2),
                publish_date=published_on, effective_date=published_on,
                expiry_date=published_on.replace(year=ACTIVITY_YEAR + 5) if level == "地方规范性文件" else None,
                level=level, category=category if rng.random() > 0.15 else "",
                body=f"{title}\n{REGISTER_NOTE}",
            )
            doc = document_publish_direct(document=doc, actor=None, reason="演示数据")
            delay = rng.randint(1, 12) if rng.random() > lateness else rng.randint(30, 60)
            Document.objects.filter(pk=doc.pk).update(
                submitted_at=_aware(published_on + timedelta(days=delay)),
                published_at=_aware(published_on + timedelta(days=delay + 1), 15),
            )
            made += 1
            if level == "地方规范性文件" and rng.random() < 0.6:
                # 政策解读: published with the document it explains (some units forget).
                reading = document_create(
                    unit=unit, actor=None, title=f"《{title}》政策解读",
                    issuer_names=[unit.full_name], publish_date=published_on,
                    level="工作文件", category=category, interprets=doc,
                    body=f"《{title}》政策解读\n{REGISTER_NOTE}",
                )
                document_publish_direct(document=reading, actor=None, reason="演示数据")
                made += 1
    stdout.write(f"{ACTIVITY_YEAR} 年演示业务数据：新建文件 {made} 件")


def load(*, stdout) -> None:
    _import_seed(stdout)
    _activity(stdout)
