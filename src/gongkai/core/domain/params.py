"""Query-string parameters: the one place their values are checked.

Every page reads its parameters through these functions; a bad value raises ``ParamError``
naming the parameter, which ``core.middleware.InputGuardMiddleware`` answers with 400 and a
Chinese message (JSON under /api/). Nothing reaches the database unchecked: years are
calendar years, ids fit a 64-bit column, text has no NUL byte and a bounded length.
Plain Python: no django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

MAX_ID = 2**63 - 1  # BigAutoField
YEAR_RANGE = (1949, 2100)
MAX_TEXT = 1000
MAX_PAGE = 10_000


class ParamError(ValueError):
    """A parameter with a value the page cannot use."""

    code = "invalid_parameter"

    def __init__(self, name: str, message: str):
        super().__init__(f"参数 {name}：{message}")
        self.field = name
        self.message = f"参数 {name}：{message}"


def has_nul(value: str) -> bool:
    return "\x00" in value


def text_param(params: Mapping[str, str], name: str, *, default: str = "",
               max_chars: int = MAX_TEXT) -> str:
    raw = params.get(name)
    if raw is None:
        return default
    if has_nul(raw):
        raise ParamError(name, "含有不允许的控制字符")
    if len(raw) > max_chars:
        raise ParamError(name, f"过长（最多 {max_chars} 个字符）")
    return raw.strip()


def int_param(params: Mapping[str, str], name: str, *, default: int | None = None,
              minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    raw = text_param(params, name, max_chars=40)
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise ParamError(name, f"应为整数，实为 “{raw[:20]}”")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ParamError(name, f"应在 {minimum}–{maximum} 之间")
    return value


def id_param(params: Mapping[str, str], name: str) -> int | None:
    return int_param(params, name, minimum=1, maximum=MAX_ID)


def year_param(params: Mapping[str, str], name: str = "year", *,
               default: int | None = None) -> int | None:
    return int_param(params, name, default=default, minimum=YEAR_RANGE[0], maximum=YEAR_RANGE[1])


def page_param(params: Mapping[str, str], name: str = "page") -> int:
    """Page numbers past the last are clamped by the paginator; 0 and garbage are refused."""
    return int_param(params, name, default=1, minimum=1, maximum=MAX_PAGE) or 1


def choice_param(params: Mapping[str, str], name: str, choices: Iterable[str], *,
                 default: str = "") -> str:
    raw = text_param(params, name, max_chars=100)
    if raw == "":
        return default
    if raw not in set(choices):
        raise ParamError(name, f"取值 “{raw[:20]}” 不在可选范围内")
    return raw


# A JSON string holding U+0000 (an odd number of backslashes before u0000).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def json_has_nul(body: bytes) -> bool:
    return b"\x00" in body or bool(_JSON_NUL.search(body))
