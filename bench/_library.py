"""Shared by the benchmarks: real corpus documents, a realistic unit table, and a quick way to
fill a library up to a size (copies of imported documents written in bulk with their index
entries) — so pages, imports and searches are measured against libraries of 10k–100k documents."""

from __future__ import annotations

import os
import re
from pathlib import Path

CORPUS = Path(os.environ.get("GONGKAI_CORPUS", "/work/shared/corpus"))

PROVINCES = ["北京市", "天津市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
             "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
             "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省"]
CITIES = ["武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市",
          "黄冈市", "咸宁市", "随州市", "郑州市", "开封市", "洛阳市", "南阳市", "长沙市", "株洲市",
          "湘潭市", "衡阳市"]
DISTRICTS = ["江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区",
             "汉南区", "蔡甸区", "江夏区", "黄陂区", "新洲区"]
BUREAUS = ["发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局",
           "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局",
           "交通运输局", "水务局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会",
           "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局",
           "林业局", "城市管理执法委员会", "地方金融工作局", "信访局", "数据局", "体育局"]
MINISTRIES = ["国务院", "国务院办公厅", "全国人民代表大会常务委员会", "全国人民代表大会", "外交部",
              "国家发展和改革委员会", "教育部", "科学技术部", "工业和信息化部", "公安部", "民政部",
              "司法部", "财政部", "人力资源社会保障部", "自然资源部", "生态环境部", "住房城乡建设部",
              "交通运输部", "水利部", "农业农村部", "商务部", "文化和旅游部", "国家卫生健康委员会",
              "应急管理部", "中国人民银行", "审计署", "国家市场监督管理总局", "国家税务总局"]


def unit_table(limit: int = 1000) -> list[tuple[str, str]]:
    """(full name, code) of a realistic unit table: ministries, provinces and their 人民政府,
    cities with their bureaus, districts of 武汉市 with theirs."""
    names: list[str] = list(MINISTRIES)
    names += [f"{p}人民政府" for p in PROVINCES] + [f"{p}人民政府办公厅" for p in PROVINCES]
    names += ["北京市人民代表大会常务委员会", "河南省人民代表大会常务委员会"]
    for city in CITIES:
        names += [f"{city}人民政府", f"{city}人民政府办公厅"] + [city + b for b in BUREAUS]
    for district in DISTRICTS:
        names += [f"武汉市{district}人民政府"] + [f"武汉市{district}{b}" for b in BUREAUS]
    seen: dict[str, None] = dict.fromkeys(names)
    return [(n, f"{i + 1:09d}") for i, n in enumerate(list(seen)[:limit])]


def corpus_files() -> list[tuple[str, bytes]]:
    files = sorted((CORPUS / "lawrefbook").rglob("*.md")) + sorted(
        (CORPUS / "govcn_zhengce_2019" / "html").glob("*.html"))
    out = []
    for p in files:
        if p.name.lower() in {"readme.md", "_index.md", "index.md"}:
            continue
        data = p.read_bytes()
        if len(data) > 400:
            out.append((p.name, data))
    return out


_NUMBER = re.compile(r"(〔\d{4}〕|\[\d{4}\]|令第)(\d+)(号)")


def variant(name: str, data: bytes, round_no: int) -> tuple[str, bytes]:
    """Round 0 is the real file; round k adds the k-th 汇编 marker to its title and body and
    moves its 发文字号 serials on (so it is neither a duplicate nor a version of round 0)."""
    if round_no == 0:
        return name, data
    text = data.decode("utf-8")
    text = _NUMBER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 10000 * round_no}{m.group(3)}",
                       text)
    mark = f"（汇编本第{round_no}号）"
    if name.endswith(".md"):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if line.startswith("# "):
                lines[i] = line.rstrip() + mark
                break
        text = "\n".join(lines) + f"\n\n汇编说明：本文为汇编本第{round_no}号。\n"
    else:
        text = text.replace("</title>", mark + "</title>", 1) if "</title>" in text else text
        text = text.replace("UCAP-CONTENT\">", f"UCAP-CONTENT\"><p>汇编本第{round_no}号</p>", 1)
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-{round_no:03d}{dot}{ext}", text.encode("utf-8")


def documents(corpus: list[tuple[str, bytes]], start: int, n: int):
    size = len(corpus)
    for i in range(start, start + n):
        name, data = corpus[i % size]
        yield variant(name, data, i // size)



def import_batch(unit, items, statuses, chunk: int = 200) -> None:
    """Import (name, bytes) pairs as `gongkai import --publish` does: one run, chunks of 200."""
    from gongkai.ingest.services import document_import, import_chunk, import_run

    with import_run():
        for start in range(0, len(items), chunk):
            with import_chunk():
                for name, data in items[start:start + chunk]:
                    outcome = document_import(unit=unit, actor=None, name=name, data=data,
                                              publish=True)
                    statuses[outcome.status] = statuses.get(outcome.status, 0) + 1


def units_create() -> None:
    from gongkai.core.services import unit_save

    for full_name, code in unit_table():
        unit_save(full_name=full_name, code=code)


def library_fill(target: int, round_start: int) -> None:
    """Bring the library up to `target` documents quickly (not timed): copies of documents
    already imported, each with its own title, hash, 索引号 and no 发文字号, written in bulk, and
    their index entries copied from the source's (segmented once per source document)."""
    import dataclasses
    import hashlib

    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.documents.domain.relations import title_match_keys
    from gongkai.documents.models import Document
    from gongkai.search import services as search_services

    sources = list(Document.objects.filter(state="published").order_by("pk")[:2000])
    rows = {r.document_id: r for r in search_services._rows(
        Document.objects.filter(pk__in=[d.pk for d in sources])
        .values_list(*search_services._INDEX_FIELDS))}
    backend = search_services.backend_for(connection)
    have = Document.objects.count()
    i = round_start
    while have < target:
        batch = []
        for k in range(min(2000, target - have)):
            src = sources[(i + k) % len(sources)]
            clone = Document(**{f.attname: getattr(src, f.attname) for f in Document._meta.concrete_fields
                                if f.attname not in ("id", "work_id", "version_decision_id",
                                                     "interprets_id")})
            clone.title = f"{src.title}（库存副本{i + k}）"[:500]
            clone.title_core_key, clone.title_inner_key = title_match_keys(clone.title)
            clone.content_hash = hashlib.sha256(f"fill{i + k}".encode()).hexdigest()
            clone.index_no = f"FILL/{i + k:08d}"
            clone.doc_number = clone.doc_number_key = clone.doc_prefix = ""
            clone.doc_year = clone.doc_serial = None
            batch.append((src.pk, clone))
        with transaction.atomic():
            made = Document.objects.bulk_create([c for _, c in batch])
            entries = [dataclasses.replace(rows[src], document_id=c.pk)
                       for (src, _), c in zip(batch, made, strict=True) if src in rows]
            with connection.cursor() as cur:
                backend.write(cur, entries, timezone.now())
        have += len(batch)
        i += len(batch)
    from gongkai.documents.counts import public_counts_refresh

    public_counts_refresh()  # the copies were written in bulk, without announcements
