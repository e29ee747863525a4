"""URLs for long lists: one ``reverse()`` per view name instead of one per row.

A page that lists a thousand units with three links each spent most of its rendering in the
``{% url %}`` tag (each call resolves the namespace, the language and the pattern again).
``reverser(name)`` reverses the view once with a sentinel argument and returns a function that
puts a value where the sentinel was, quoted the way ``reverse()`` quotes it, so every URL is the
one ``reverse(name, args=[value])`` would give (tests/core/test_links.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

_SENTINEL = "918273645"  # digits, so that int-like converters accept it; unlikely in a path
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


def reverser(viewname: str) -> Callable[[object], str]:
    """``reverse(viewname, args=[value])`` as a function of the value, for one-argument views
    whose pattern takes one path segment (an id, a code). A value holding "/" goes through
    ``reverse()`` itself (which refuses it, as before)."""
    sample = reverse(viewname, args=[_SENTINEL])
    if sample.count(_SENTINEL) != 1:
        return lambda value: reverse(viewname, args=[value])
    head, _, tail = sample.partition(_SENTINEL)

    def make(value) -> str:
        text = str(value)
        if "/" in text:
            return reverse(viewname, args=[value])
        return f"{head}{quote(text, safe=_SAFE)}{tail}"

    return make
