"""Plausibility of a document's dates (成文 / 公布 / 施行), checked before it goes to review.

A typo in a date silently costs the unit its timeliness score or files the document under the
wrong year, so the obvious impossibilities are refused with the field named:
* 成文日期 and 公布日期 are not in the future (施行日期 and 有效期至 may be: 尚未生效);
* no date lies before 1949-10-01 (the documents of this platform cannot be older);
* 公布日期 is not before 成文日期 (a document is written, then published);
* 施行日期 before 公布日期 is retroactive (溯及既往): allowed only with a stated reason.
Pure Python: today is an argument.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EARLIEST = date(1949, 10, 1)

LABELS = {
    "written_date": "成文日期",
    "publish_date": "公布日期",
    "effective_date": "施行日期",
    "expiry_date": "有效期至",
}


@dataclass(frozen=True)
class DateProblem:
    field: str
    message: str


def date_problems(*, written_date: date | None, publish_date: date | None,
                  effective_date: date | None, today: date, expiry_date: date | None = None,
                  retroactive_reason: str = "") -> list[DateProblem]:
    """Every implausible date, in field order (empty when all are plausible)."""
    problems: list[DateProblem] = []
    values = {"written_date": written_date, "publish_date": publish_date,
              "effective_date": effective_date, "expiry_date": expiry_date}
    for name, value in values.items():
        if value is not None and value < EARLIEST:
            problems.append(DateProblem(name, f"{LABELS[name]} {value:%Y-%m-%d} 早于 1949-10-01，请核对"))
    for name in ("written_date", "publish_date"):
        value = values[name]
        if value is not None and value > today:
            problems.append(DateProblem(
                name, f"{LABELS[name]} {value:%Y-%m-%d} 晚于今天（{today:%Y-%m-%d}），请核对"))
    if written_date and publish_date and publish_date < written_date:
        problems.append(DateProblem(
            "publish_date",
            f"公布日期 {publish_date:%Y-%m-%d} 早于成文日期 {written_date:%Y-%m-%d}，请核对"))
    if (effective_date and publish_date and effective_date < publish_date
            and not (retroactive_reason or "").strip()):
        problems.append(DateProblem(
            "effective_date",
            f"施行日期 {effective_date:%Y-%m-%d} 早于公布日期 {publish_date:%Y-%m-%d}："
            "如确需溯及既往，请在“日期说明”中写明理由"))
    return problems
