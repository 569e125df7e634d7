"""Pinyin of names for the search columns, memoised per name component.

pypinyin takes tens of microseconds a call; names are built from a few
thousand components (surnames, given names, trade names, cities), so each
component is converted once and a full name is a concatenation.
"""

from __future__ import annotations

from functools import cache

from pypinyin import lazy_pinyin
from pypinyin.seg.simpleseg import seg


@cache
def _word_pinyin(word: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(word))


@cache
def pinyin_parts(text: str) -> tuple[str, str]:
    """("zhangsan", "zs") for "张三": lower-case, no tones, no spaces.

    A run of Latin letters or digits counts as one syllable. pypinyin converts each word of
    its own segmentation on its own, so the words' pinyin is remembered: the same result as
    `lazy_pinyin(text)`, three times faster on a list of unique company names (an import).
    """
    syllables = [s.strip().lower() for word in seg(text) for s in _word_pinyin(word)]
    syllables = [s.replace(" ", "") for s in syllables if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def join_pinyin(*parts: tuple[str, str]) -> tuple[str, str]:
    """Concatenate already converted components into the full name's pair."""
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


def latin_search_keys(name: str) -> tuple[str, str]:
    """A Latin-script name is searched by itself, lower-cased, in both columns."""
    lowered = name.lower()
    return lowered, lowered
