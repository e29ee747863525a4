"""Spreadsheet cells that cannot run: text starting with = + - @ (or a tab / carriage return
that spreadsheets skip before one) is a formula to Excel, LibreOffice and WPS when the file is
opened (CSV injection, OWASP). Such text gets a leading apostrophe, which shows the value as
typed and never evaluates it."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise(value: T) -> T | str:
    """The value, safe to put in a cell; numbers and dates stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
