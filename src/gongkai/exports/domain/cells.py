"""Spreadsheet cell safety: text that a spreadsheet would run as a formula.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return before one) is
a formula to Excel, WPS and LibreOffice; ``=HYPERLINK(…)`` or ``+cmd|' /C calc'!A0`` in a
document title would run when an official opens the export (CSV injection, OWASP). Such text
gets a leading apostrophe, which spreadsheets show as plain text. Full-width forms (＝＋－＠)
are included because WPS converts them on input.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise(value: T) -> T | str:
    """The value to write to a cell: text that starts like a formula is neutralised;
    numbers, dates and other non-text values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


cell_text = neutralise  # the name the CSV/XLSX exports of the library use
