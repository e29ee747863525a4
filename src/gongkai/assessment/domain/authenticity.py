"""真实性 checks of a document's 文章属性 (seed 06: 真实性、及时性、完整性、可读性), pure:

* the 发文字号's year equals the 成文 year (武政办〔2024〕3号 written in 2025 is wrong);
* 公布 not before 成文;
* the 机关代字 of the 发文字号 belongs to the issuing unit (when the unit has 机关代字 entered);
* the title names the issuer (its full name, a 简称 or an alias).

Each finding is a short Chinese sentence naming the field, for the submitter and for the
assessment's evidence. Checks whose data is missing are skipped, not failed: completeness is the
规范性 indicator's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

# 〔2025〕 is the standard bracket; scraped and typed numbers use [], (), （）, 【】 or ［］.
_NUMBER = re.compile(r"^\s*(?P<prefix>[^\d〔\[\(（【［]+?)\s*[〔\[\(（【［](?P<year>\d{4})[〕\]\)）】］]\s*(?P<serial>\d+)\s*号?")


def doc_number_parts(doc_number: str) -> tuple[str, int, int] | None:
    """"武政办〔2025〕12号" → ("武政办", 2025, 12); None when it is not of that form."""
    m = _NUMBER.match(doc_number or "")
    if not m:
        return None
    return m.group("prefix").strip(), int(m.group("year")), int(m.group("serial"))


def authenticity_findings(
    *,
    doc_number: str,
    title: str,
    written_date: date | None,
    publish_date: date | None,
    unit_prefixes: Iterable[str] = (),
    issuer_names: Iterable[str] = (),
) -> list[str]:
    findings: list[str] = []
    parts = doc_number_parts(doc_number)
    if parts and written_date is not None and parts[1] != written_date.year:
        findings.append(f"发文字号年份{parts[1]}与成文日期年份{written_date.year}不一致")
    if written_date is not None and publish_date is not None and publish_date < written_date:
        findings.append(f"公布日期{publish_date.isoformat()}早于成文日期{written_date.isoformat()}")
    prefixes = [p for p in unit_prefixes if p]
    if parts and prefixes and parts[0] not in prefixes:
        findings.append(f"机关代字“{parts[0]}”不属于本单位（本单位：{'、'.join(prefixes)}）")
    names = [n for n in issuer_names if n]
    if title and names and not any(n in title for n in names):
        findings.append("标题未写明发文机关")
    return findings
