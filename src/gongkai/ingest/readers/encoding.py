"""Decoding bytes to str: BOM, then strict UTF-8, then detection among GB18030 and what
charset-normalizer proposes, scored by how much the result looks like Chinese text.

charset-normalizer alone is not enough for short Chinese samples: "人民政府" in GBK comes back as
cp949 (Korean) and "关于" as big5. Each candidate is decoded strictly and scored by the share of
characters a Chinese government text is made of (ASCII, the 3,755 common 一级 hanzi of GB2312,
CJK punctuation); GB18030 wins ties. When no encoding decodes strictly, the closest one is used
if only a few bytes fail (<= 1 %), each replaced by U+FFFD and reported with its position.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from charset_normalizer import from_bytes

from gongkai.ingest.readers.base import ReaderError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Everything GB-ish is read as GB18030, the superset the national standard requires.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "x-gbk": "gb18030",
    "euc-cn": "gb18030",
    "euc_cn": "gb18030",
    "gb18030": "gb18030",
    "utf8": "utf-8",
    "utf_8": "utf-8",
    "utf-8": "utf-8",
}

MAX_LOSSY_SHARE = 0.01  # at most 1 % of the bytes may be undecodable
_SCORE_SAMPLE = 20_000  # characters scored per candidate
# A strict decoding scoring below _PLAUSIBLE loses to a near-miss UTF-8 / GB18030 reading
# (a damaged Chinese file read as cp1252 is mojibake); below _DOUBTFUL it is never used.
_CERTAIN = 0.9
_PLAUSIBLE = 0.6
_DOUBTFUL = 0.3
_SHORT = 1024  # bytes: below this, valid UTF-8 may still be GBK by chance


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def canonical_encoding(label: str) -> str | None:
    """A Python codec name for an encoding label (from <meta charset> or a detector)."""
    label = label.strip().lower()
    if label in _ALIASES:
        return _ALIASES[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def decode_text(data: bytes, name: str, *, declared: str | None = None) -> Decoded:
    """Decode `data`; `declared` is an encoding the file states (HTML <meta charset>).
    Raises ReaderError binary / undecodable."""
    decoded = _decode(data, name, declared)
    _check_controls(decoded.text, name)
    return decoded


def _decode(data: bytes, name: str, declared: str | None) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_known(data[len(bom) :], name, encoding, "BOM")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise ReaderError(
                f'文件 "{name}" 含有二进制内容（NUL 字节），不是文本文件', code="binary", name=name
            )
        return utf16
    warnings: list[str] = []
    if declared:
        encoding = canonical_encoding(declared)
        if encoding is None:
            warnings.append(f'文件 "{name}" 声明的编码 "{declared}" 无法识别，已自动检测编码')
        else:
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                warnings.append(f'文件 "{name}" 声明的编码 "{declared}" 与内容不符，已自动检测编码')
    decoded = _detect(data, name)
    return Decoded(decoded.text, decoded.encoding, tuple(warnings) + decoded.warnings)


def _decode_known(data: bytes, name: str, encoding: str, source: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        pass
    lossy = _lossy(data, encoding, name)
    if lossy is None:
        raise ReaderError(
            f'文件 "{name}" 按 {source} 标明的 {encoding} 无法解码', code="undecodable", name=name
        )
    return lossy


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: NUL bytes in the high half of ASCII characters."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and plausibility(text) > 0.9:
            return Decoded(text, encoding)
    return None


def _detect(data: bytes, name: str) -> Decoded:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if len(data) > _SHORT or text.isascii():
            return Decoded(text, "utf-8")
        return _short_utf8_or_gbk(data, text)
    # A UTF-8 file with a few damaged bytes: most multi-byte sequences are valid UTF-8.
    # (GBK read as UTF-8 fails on nearly every character instead.)
    kept = data.decode("utf-8", errors="ignore")
    dropped = len(data) - len(kept.encode("utf-8"))
    multibyte = len(kept) - len(kept.encode("ascii", errors="ignore"))
    if dropped <= len(data) * MAX_LOSSY_SHARE and dropped * 20 <= multibyte:
        lossy = _lossy(data, "utf-8", name)
        if lossy is not None:
            return lossy

    # GB18030 first: when it decodes strictly into ordinary Chinese text there is nothing to
    # ask charset-normalizer (which costs ~10x the decoding).
    try:
        gb_text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if plausibility(gb_text[:_SCORE_SAMPLE]) >= _CERTAIN:
            return Decoded(gb_text, "gb18030")
    candidates = ["gb18030"]
    for match in from_bytes(data):
        encoding = canonical_encoding(match.encoding)
        # UTF-16/32 without a BOM were handled with the NUL bytes above; here any even
        # number of bytes "decodes" as UTF-16.
        if encoding and encoding not in candidates and not encoding.startswith("utf-"):
            candidates.append(encoding)
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text[:_SCORE_SAMPLE])
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, encoding, text)
    if best is not None and best[0] >= _PLAUSIBLE:
        return Decoded(best[3], best[2])

    lossy_options = [d for d in (_lossy(data, e, name) for e in ("utf-8", "gb18030")) if d]
    if lossy_options:
        return min(lossy_options, key=lambda d: d.text.count("\ufffd"))
    if best is not None and best[0] >= _DOUBTFUL:
        warning = f'文件 "{name}" 的编码无法可靠识别，按 {best[2]} 读取，请核对内容'
        return Decoded(best[3], best[2], (warning,))
    raise ReaderError(
        f'文件 "{name}" 的编码无法识别（不是 UTF-8、GB18030/GBK 或其他已知编码）',
        code="undecodable",
        name=name,
    )


def _short_utf8_or_gbk(data: bytes, text: str) -> Decoded:
    """A few GBK characters can be valid UTF-8 by chance ("通知" = CD A8 D6 AA = "֪ͨ").
    Beyond a few hundred bytes the chance is nil, so only short texts are compared."""
    try:
        gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        return Decoded(text, "utf-8")
    if plausibility(gbk) > plausibility(text) + 0.2:
        return Decoded(gbk, "gb18030")
    return Decoded(text, "utf-8")


_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x19\x1b-\x1f\x7f]")


def _check_controls(text: str, name: str) -> None:
    """C0 control characters (other than tab, line ends, form feed, DOS end-of-file) do not
    occur in documents; more than 2 % of them means a binary file that happened to decode."""
    sample = text[:_SCORE_SAMPLE]
    if sample and len(_CONTROLS.findall(sample)) / len(sample) > 0.02:
        raise ReaderError(f'文件 "{name}" 含有大量控制字符，不是文本文件', code="binary", name=name)


def _lossy(data: bytes, encoding: str, name: str) -> Decoded | None:
    text, bad = _decode_recording(data, encoding)
    bad_bytes = sum(end - start for start, end in bad)
    if not bad or bad_bytes > max(1, len(data) * MAX_LOSSY_SHARE):
        return None
    first = bad[0][0]
    where = f"字节位置 {first}"
    if not encoding.startswith(("utf-16", "utf-32")):
        line = data.count(b"\n", 0, first) + 1
        where = f"第 {line} 行，{where}"
    warning = (
        f'文件 "{name}" 有 {bad_bytes} 个字节无法按 {encoding} 解码（共 {len(bad)} 处，'
        f"首处在{where}），已替换为 \ufffd"
    )
    return Decoded(text, encoding, (warning,))


_recorded = threading.local()


def _record_error(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _recorded.errors.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("gongkai-record", _record_error)


def _decode_recording(data: bytes, encoding: str) -> tuple[str, list[tuple[int, int]]]:
    _recorded.errors = []
    try:
        text = data.decode(encoding, errors="gongkai-record")
        return text, _recorded.errors
    finally:
        _recorded.errors = []


def plausibility(text: str) -> float:
    """Share (0..1) of `text` made of what Chinese documents are made of."""
    if not text:
        return 0.0
    total = 0.0
    for ch in text:
        total += _char_weight(ch)
    return total / len(text)


_weights: dict[str, float] = {}


def _char_weight(ch: str) -> float:
    weight = _weights.get(ch)
    if weight is not None:
        return weight
    code = ord(ch)
    if 0x20 <= code < 0x7F or ch in "\t\n\r\f":
        weight = 1.0
    elif code < 0x20 or 0x7F <= code < 0xA0 or ch == "\ufffd":
        weight = 0.0
    elif 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or 0x2000 <= code <= 0x206F:
        weight = 1.0  # CJK punctuation, full-width ASCII forms, general punctuation
    else:
        try:
            gb = ch.encode("gb2312")
        except UnicodeEncodeError:
            gb = b""
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            weight = 1.0  # GB2312 level 1: the 3,755 common hanzi
        elif len(gb) == 2 and 0xD8 <= gb[0] <= 0xF7:
            weight = 0.6  # GB2312 level 2
        elif len(gb) == 2:
            weight = 0.8  # GB2312 symbols, Greek, Cyrillic, full-width forms
        elif 0x4E00 <= code <= 0x9FFF:
            weight = 0.3  # other CJK ideographs (traditional, rare)
        elif 0xAC00 <= code <= 0xD7AF or 0x3040 <= code <= 0x30FF:
            weight = 0.1  # hangul, kana: what GBK bytes look like to a Korean/Japanese codec
        else:
            weight = 0.2
    if len(_weights) < 100_000:
        _weights[ch] = weight
    return weight
