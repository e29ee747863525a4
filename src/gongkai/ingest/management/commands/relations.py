"""`gongkai relations FILE [--json] [--publish-date DATE] [--title TITLE]`: the references a
file makes, and `gongkai relations --link ID…` / `--all`: store them for documents in the library.

With --json, one object per line (an interface other tools rely on — keep the keys):
    {"action": "amend", "title": "武汉市统计管理办法", "doc_number": "市人民政府令第152号",
     "effective_date": "2024-07-01", "document_id": 12}
`document_id` is the resolved library document, or null when it is not in the library or no
database is reachable. `effective_date` is the decision's date for amend / repeal /
invalidate / replace, null for cite / interpret. Added keys (issue 19), per target:
`linked` (true when a library document was found and the link holds as stated), `stored_action`
(what would be stored: the stated action, or "cite" when the change is held as a citation for a
person to confirm), `reason` (a code of documents.domain.linking.LinkReason)
and `reason_label` (the Chinese explanation). The file's own 制定机关, 发文字号 and 公布日期 come
from its text (or --publish-date / --title).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.documents.domain.dates import parse_date
from gongkai.documents.domain.relations import CHANGING_ACTIONS, decision_analyse
from gongkai.documents.domain.vocab import RELATION_LABELS, RelationAction, State


def _database_ready() -> bool:
    try:
        from gongkai.documents.models import Document

        Document.objects.exists()
    except DatabaseError:
        return False
    return True


class Command(BaseCommand):
    help = "列出文件中引用、修改、废止的文件（--json 每行一个 JSON 对象）；--link 为库中文件建立关联"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="txt / html / docx / pdf 文件")
        parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
        parser.add_argument("--publish-date", help="公布日期（用于“自公布之日起施行”），如 2024-05-09")
        parser.add_argument("--title", help="本文件标题（不计入引用）；默认取第一行")
        parser.add_argument("--link", nargs="+", type=int, metavar="ID",
                            help="为库中这些文件提取并保存关联")
        parser.add_argument("--consolidate", nargs=2, type=int, metavar=("DECISION", "TARGET"),
                            help="按修改决定（编号）的逐条修改为目标文件（编号）生成整理版（非正式文本）")
        parser.add_argument("--all", action="store_true",
                            help="为库中所有已发布、含《》引用的文件提取并保存关联（可重复运行）")

    def handle(self, *args, **opts):
        if opts["consolidate"]:
            return self._consolidate(*opts["consolidate"])
        if opts["all"]:
            from gongkai.documents.models import Document

            ids = list(Document.objects.filter(state=State.PUBLISHED.value, body__contains="《")
                       .order_by("id").values_list("pk", flat=True))
            return self._link(ids, as_json=opts["json"])
        if opts["link"]:
            return self._link(opts["link"], as_json=opts["json"])
        if not opts["file"]:
            raise CommandError("请给出文件路径，或用 --link 指定库中文件编号")
        text, meta = self._read(opts["file"])
        publish = meta.publish_date if meta is not None else None
        if opts["publish_date"]:
            publish = parse_date(opts["publish_date"])
            if publish is None:
                raise CommandError(f"--publish-date “{opts['publish_date']}” 不是有效日期")
        title = opts["title"] or next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        decision = decision_analyse(text, publish_date=publish, self_title=title)
        db = _database_ready()
        facts = None
        if db:
            from gongkai.documents.relations import SourceFacts

            facts = SourceFacts.of_text(
                title=title, doc_number=(meta.doc_number or "") if meta else "",
                level=(meta.level or "") if meta else "",
                issuer_names=tuple(meta.issuers) if meta else (), publish_date=publish)
        for ref in decision.references:
            target, check = self._explain(ref, facts, title=title, meta=meta)
            stored = ref.action if check.linked else RelationAction.CITE
            effective = decision.effective_date if stored in CHANGING_ACTIONS else None
            row = {
                "action": ref.action.value,
                "title": ref.title,
                "doc_number": ref.doc_number,
                "effective_date": effective.isoformat() if effective else None,
                "document_id": target.pk if target is not None else None,
                "linked": target is not None and check.linked,
                "stored_action": stored.value,
                "reason": check.reason.value,
                "reason_label": check.label,
            }
            if opts["json"]:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            else:
                label = RELATION_LABELS[RelationAction(ref.action)]
                number = f"（{ref.doc_number}）" if ref.doc_number else ""
                count = f" 等{ref.count}件" if ref.count else ""
                self.stdout.write(f"{label}\t《{ref.title}》{number}{count}"
                                  f"{'  → #' + str(row['document_id']) if row['document_id'] else ''}"
                                  f"\t{check.label}")
        if not opts["json"]:
            for c in decision.counts:
                self.stdout.write(f"声明数量\t{RELATION_LABELS[c.action]} {c.count} 件：{c.text[:60]}")
            if decision.effective_date:
                self.stdout.write(f"施行日期\t{decision.effective_date.isoformat()}")

    def _explain(self, ref, facts, *, title: str, meta):
        """The library target and the trust check; without a database, only what the text
        itself tells (decision-type or not)."""
        from gongkai.documents.domain.linking import is_decision, link_check, may_replace

        if facts is None:
            number = (meta.doc_number or "") if meta else ""
            level = (meta.level or "") if meta else ""
            return None, link_check(action=ref.action, resolved=False,
                                    source_decision=is_decision(title, number),
                                    source_may_replace=may_replace(title, number, level))
        from gongkai.documents.relations import link_explain, reference_resolve

        target = reference_resolve(title=ref.title, doc_number=ref.doc_number)
        return target, link_explain(facts, ref.action, target)

    def _read(self, name: str):
        from gongkai.ingest.domain.metadata import extract, extract_html
        from gongkai.ingest.readers import ReaderError, read_path

        path = Path(name)
        if not path.is_file():
            raise CommandError(f"文件 “{name}” 不存在")
        try:
            result = read_path(path)
        except ReaderError as exc:
            raise CommandError(str(exc)) from exc
        try:
            meta = extract_html(result.html) if result.html else extract(result.text)
        except Exception:  # metadata is a help here, never a reason to fail
            meta = None
        return result.text, meta

    def _link(self, ids: list[int], *, as_json: bool) -> None:
        from gongkai.documents.models import Document
        from gongkai.documents.relations import relations_extract_and_link

        for pk in ids:
            doc = Document.objects.filter(pk=pk).first()
            if doc is None:
                raise CommandError(f"文件编号 {pk} 不存在")
            result = relations_extract_and_link(document=doc, actor=None)
            resolved = sum(1 for r in result.relations if r.target_id)
            if as_json:
                self.stdout.write(json.dumps({
                    "document_id": pk, "relations": len(result.relations), "resolved": resolved,
                    "declared": result.declared,
                    "effective_date": result.effective_date.isoformat() if result.effective_date else None,
                }, ensure_ascii=False))
            else:
                self.stdout.write(f"#{pk}《{doc.title}》：关联 {len(result.relations)} 条，"
                                  f"其中在库 {resolved} 条")

    def _consolidate(self, decision_id: int, target_id: int) -> None:
        from gongkai.documents.errors import DocumentError
        from gongkai.documents.models import Document
        from gongkai.documents.versions import version_consolidate

        decision = Document.objects.filter(pk=decision_id).first()
        target = Document.objects.filter(pk=target_id).first()
        if decision is None or target is None:
            raise CommandError(f"文件编号 {decision_id if decision is None else target_id} 不存在")
        try:
            doc = version_consolidate(decision=decision, target=target, actor=None)
        except DocumentError as exc:
            raise CommandError(f"不能生成整理版：{exc.message}") from exc
        self.stdout.write(f"整理版 #{doc.pk}《{doc.title}》（{'现行版本' if doc.is_current_version else '非现行版本'}）")

