"""Chinese word segmentation for the index and for queries (分词), plain Python.

Method
------
1. Text is normalised with a *length-preserving* map (full-width ASCII → ASCII, ideographic
   space → space, A–Z → a–z), so offsets into the normalised text are offsets into the original
   (the highlighter relies on this).
2. rjieba (the jieba-rs binding, ~20× faster than jieba) cuts it in precise mode, with the
   government user dictionary (``data/userdict.txt``) added word by word: rjieba 0.2 has no
   ``load_userdict``, but its ``add_word(word, freq, tag)`` gives the same effect, so we read the
   jieba-format file ourselves.
3. Every precise word longer than two characters is split again, recursively, with jieba's own
   dynamic programme over its dictionary frequencies (the most probable split that is not the
   word itself), until every piece is one or two characters. So 湖北省人民政府 → 湖北 省 人民 政府
   and 政府信息公开 → 政府 信息 公开.

Why step 3: jieba's search mode adds sub-words *next to* the word (湖北, 人民, 民政, 政府,
湖北省人民政府), which breaks phrase adjacency in a positional index, and a precise-only index
cannot find 人民政府 inside 湖北省人民政府 or 信息公开 inside 政府信息公开. The recursive split
gives one sequence of short, word-aligned tokens: a query is cut the same way and searched as
a phrase, so any query word found inside a longer word still matches (recall), while
word alignment keeps 民政 from matching 人民政府 (precision, unlike character bigrams).
The user dictionary keeps terms such as 依申请公开 whole in step 2, so their pieces do not
depend on the characters around them.

Non-Chinese runs (numbers, Latin words) are kept as tokens; punctuation, symbols and emoji
are dropped (a token is a run of Unicode letters/digits).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

USERDICT_PATH = Path(__file__).resolve().parent.parent / "data" / "userdict.txt"
MAX_TOKEN_CHARS = 64

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH.update({cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)})
# Full-width A–Z map to lower-case directly.
_FULLWIDTH.update({cp: cp - 0xFEE0 + 32 for cp in range(0xFF21, 0xFF3B)})
_NORMALIZE_CHARS = {chr(k): chr(v) for k, v in _FULLWIDTH.items()}
# re.sub touches only the characters that change: str.translate looks every character of a
# Chinese text up in the table (about 20x slower on imported texts, which are NFKC-folded and
# hold few full-width characters).
_NORMALIZE_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_NORMALIZE_CHARS)) + "]")
_normalize_char = _NORMALIZE_CHARS.__getitem__

_WORD_RUN = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def normalize(text: str) -> str:
    """Full-width → half-width, upper → lower case; never changes the length."""
    return _NORMALIZE_RE.sub(lambda m: _normalize_char(m.group()), text)


def read_userdict(lines: Iterable[str]) -> list[tuple[str, int | None, str | None]]:
    """Parse jieba userdict lines: ``word [freq] [tag]``; ``#`` starts a comment."""
    entries = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        entries.append((word, freq, tag))
    return entries


def _jieba_dict_path() -> Path:
    import jieba  # only to locate its dictionary file; jieba itself is not initialised

    return Path(jieba.__file__).resolve().parent / "dict.txt"


class Segmenter:
    """rjieba precise cut + recursive split into short word-aligned tokens."""

    def __init__(self, userdict: Iterable[tuple[str, int | None, str | None]] = (),
                 base_dict: Path | None = None, jieba_instance: Any = None):
        import rjieba

        # rjieba builds its default instance (~30 MB) on import; a second one would double
        # that, so the process-wide default gains the government terms unless one is given.
        self._jieba = jieba_instance if jieba_instance is not None else rjieba._DEFAULT_JIEBA
        freq: dict[str, int] = {}
        with open(base_dict or _jieba_dict_path(), encoding="utf-8") as fh:
            for line in fh:
                parts = line.split(" ", 2)
                if len(parts) >= 2:
                    freq[parts[0]] = int(parts[1])
        for word, f, tag in userdict:
            self._jieba.add_word(word, f, tag)
            freq[word] = max(freq.get(word, 0), f or 1000)
        self._freq = freq
        self._log_total = math.log(sum(freq.values()))
        self._split = lru_cache(maxsize=200_000)(self._split_uncached)
        self._word_tokens = lru_cache(maxsize=200_000)(self._word_tokens_uncached)

    def words(self, text: str) -> list[str]:
        """Precise-mode words of the normalised text (the reference cut)."""
        return self._jieba.cut(normalize(text))

    def tokens(self, text: str) -> list[str]:
        """The index / query tokens of a text, in order."""
        # One cached lookup per precise word, chained in C: a document's words repeat, and the
        # per-word work (runs, recursive split) is a pure function of the word.
        return list(chain.from_iterable(map(self._word_tokens, self._jieba.cut(normalize(text)))))

    def tokens_uncached(self, text: str) -> list[str]:
        """``tokens`` without any cache (the reference the cached path is tested against)."""
        out: list[str] = []
        for word in self._jieba.cut(normalize(text)):
            out.extend(self._word_tokens_uncached(word, self._split_uncached_all))
        return out

    def _word_tokens_uncached(self, word: str, split: Any = None) -> tuple[str, ...]:
        """The tokens of one precise word: its letter/digit runs, Chinese runs longer than two
        characters split recursively, other long runs cut at MAX_TOKEN_CHARS."""
        split = split or self._split
        out: list[str] = []
        for run in _WORD_RUN.findall(word):
            if len(run) <= 2:
                out.append(run)
            elif _HAN.match(run):
                out.extend(split(run))
            else:
                out.append(run[:MAX_TOKEN_CHARS])
        return tuple(out)

    def _split_uncached_all(self, word: str) -> tuple[str, ...]:
        return self._split_uncached(word, self._split_uncached_all)

    def _split_uncached(self, word: str, split: Any = None) -> tuple[str, ...]:
        """Most probable split of `word` into dictionary pieces other than itself, recursively
        down to pieces of at most two characters (jieba's DAG + max log-probability route)."""
        n = len(word)
        if n <= 2:
            return (word,)
        freq, log_total = self._freq, self._log_total
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        for i in range(n - 1, -1, -1):
            options = []
            for j in range(i + 1, n + 1):
                if j - i == n:
                    continue  # not the word itself
                piece = word[i:j]
                f = freq.get(piece, 0)
                if f or j == i + 1:
                    options.append((math.log(f or 1) - log_total + best[j][0], j))
            best[i] = max(options)
        split = split or self._split
        pieces: list[str] = []
        i = 0
        while i < n:
            j = best[i][1]
            pieces.extend(split(word[i:j]))
            i = j
        return tuple(pieces)


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The process-wide segmenter (dictionary data only, never document data)."""
    with open(USERDICT_PATH, encoding="utf-8") as fh:
        return Segmenter(read_userdict(fh))


def tokens(text: str) -> list[str]:
    return default_segmenter().tokens(text)
