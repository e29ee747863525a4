"""URL converters: ``<id:pk>`` matches 1–19 digits and at most 2**63-1 (a BigAutoField), so
an id no column can hold is a 404 instead of an overflow error in the database driver."""

from __future__ import annotations

from gongkai.core.domain.params import MAX_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # Django treats this as "no match": 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))
