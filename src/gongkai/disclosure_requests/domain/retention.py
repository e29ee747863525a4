"""Retention of applicants' personal data (个人信息保护法 第十九条: kept no longer than the
purpose needs). A request's handling record stays (the annual report's table 三 counts it,
条例 第五十条), but once it has been closed for the retention period the applicant's
personal fields are anonymised. The period is the office's policy (settings
REQUEST_RETENTION_DAYS, default 3 years — the span of the 政务公开 assessment's look-back).
Plain Python: no django.
"""

from __future__ import annotations

from datetime import date, timedelta

ANONYMISED_NAME = "（已匿名）"
# Personal fields and the value they get; applicant_type and the handling record stay.
PERSONAL_FIELDS = {
    "applicant_name": ANONYMISED_NAME, "id_number": "", "contact_person": "", "phone": "",
    "address": "", "postcode": "", "email": "",
}
EXPORT_FIELDS = (
    "number", "applicant_type", "applicant_name", "id_type", "id_number", "contact_person",
    "phone", "address", "postcode", "email", "info_title", "info_doc_number",
    "info_description", "delivery_form", "delivery_method", "channel", "status",
    "submitted_at", "received_on", "due_on", "answered_on", "outcome",
)


def purge_cutoff(today: date, retention_days: int) -> date:
    """Requests closed on or before this day are due for anonymisation."""
    if retention_days < 0:
        raise ValueError("retention_days must not be negative")
    return today - timedelta(days=retention_days)


def is_due(closed_on: date | None, *, today: date, retention_days: int, is_open: bool) -> bool:
    return (not is_open and closed_on is not None
            and closed_on <= purge_cutoff(today, retention_days))
