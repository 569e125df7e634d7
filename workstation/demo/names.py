"""Names of people and companies, with their pinyin search keys, from precomputed pools.

Every component is converted to pinyin once (pinyin.py); a name is then a
few list look-ups and string concatenations, which keeps a million
customers cheap.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from workstation.demo import vocabulary as v
from workstation.demo.pinyin import pinyin_parts

T = TypeVar("T")

GIVEN_NAME_POOL = 3000


def expand(weighted: Sequence[tuple[T, int]]) -> list[T]:
    """A list in which each item appears `weight` times: `pool[int(random() * len(pool))]`."""
    return [item for item, weight in weighted for _ in range(weight)]


def ascii_fold(text: str) -> str:
    """Fold "Müller" to "muller", for e-mail addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@dataclass(frozen=True)
class PersonName:
    """A person's name; `email_local` is the ASCII part an address can start with."""

    name: str
    pinyin_full: str
    pinyin_initials: str
    email_local: str


@dataclass(frozen=True)
class Industry:
    zh: str
    en: str
    pinyin: tuple[str, str]
    kinds: tuple[str, ...]  # expanded by weight


class NameMaker:
    """Draws names from the pools with one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        # A compound surname (欧阳) gives one initial per character.
        self._surnames = expand(
            [((s, py, py[0] if len(s) == 1 else pinyin_parts(s)[1]), w) for s, py, w in v.SURNAMES]
        )
        chars = v.GIVEN_NAME_CHARS
        given: dict[str, tuple[str, str]] = {}
        while len(given) < GIVEN_NAME_POOL:
            if rng.random() < 0.25:
                text = rng.choice(chars)
            else:
                text = rng.choice(chars) + rng.choice(chars)
            given.setdefault(text, pinyin_parts(text))
        self._given = [(text, full, initials) for text, (full, initials) in given.items()]
        trade = v.TRADE_NAME_CHARS
        self._trade_names = [(a + b, pinyin_parts(a + b)) for a in trade for b in trade if a != b]
        self.industries = [
            Industry(zh, en, pinyin_parts(zh), tuple(expand(kinds)))
            for zh, en, kinds in v.INDUSTRIES
        ]
        self._suffixes = [(s, pinyin_parts(s)) for s in expand(v.COMPANY_SUFFIXES)]
        self._ordinals = [
            (f"第{o}人民医院", pinyin_parts(f"第{o}人民医院")) for o in v.HOSPITAL_ORDINALS
        ]

    def chinese_person(self) -> PersonName:
        rand = self._rng.random
        surname, surname_py, surname_initials = self._surnames[int(rand() * len(self._surnames))]
        given, given_full, given_initials = self._given[int(rand() * len(self._given))]
        return PersonName(
            surname + given,
            surname_py + given_full,
            surname_initials + given_initials,
            f"{given_full}.{surname_py}",
        )

    def english_person(self) -> PersonName:
        rand = self._rng.random
        first = v.ENGLISH_FIRST_NAMES[int(rand() * len(v.ENGLISH_FIRST_NAMES))]
        last = v.ENGLISH_SURNAMES[int(rand() * len(v.ENGLISH_SURNAMES))]
        name = f"{first} {last}"
        lowered = name.lower()
        return PersonName(name, lowered, lowered, f"{ascii_fold(first)}.{ascii_fold(last)}")

    def chinese_company(self, city_zh: str, industry: Industry) -> tuple[str, str, str, str]:
        """(name, pinyin_full, pinyin_initials, domain) of e.g. 上海华信电子有限公司."""
        rand = self._rng.random
        trade, trade_py = self._trade_names[int(rand() * len(self._trade_names))]
        suffix, suffix_py = self._suffixes[int(rand() * len(self._suffixes))]
        city_py = pinyin_parts(city_zh)
        name = f"{city_zh}{trade}{industry.zh}{suffix}"
        full = city_py[0] + trade_py[0] + industry.pinyin[0] + suffix_py[0]
        initials = city_py[1] + trade_py[1] + industry.pinyin[1] + suffix_py[1]
        return name, full, initials, f"{trade_py[0]}{industry.pinyin[1]}.com.cn"

    def hospital(self, city_zh: str) -> tuple[str, str, str, str]:
        """(name, pinyin_full, pinyin_initials, domain) of e.g. 成都市第三人民医院."""
        ordinal, ordinal_py = self._ordinals[int(self._rng.random() * len(self._ordinals))]
        city = f"{city_zh}市"
        city_py = pinyin_parts(city)
        name = city + ordinal
        full = city_py[0] + ordinal_py[0]
        initials = city_py[1] + ordinal_py[1]
        return name, full, initials, f"{pinyin_parts(city_zh)[0]}{ordinal_py[1]}.org.cn"

    def english_company(self, industry: Industry, suffix: str) -> tuple[str, str, str, str]:
        """(name, search key, search key, domain) of e.g. "Northwind Trading Ltd"."""
        trade = v.ENGLISH_TRADE_NAMES[int(self._rng.random() * len(v.ENGLISH_TRADE_NAMES))]
        name = f"{trade} {industry.en} {suffix}"
        lowered = name.lower()
        return name, lowered, lowered, f"{trade.lower()}{ascii_fold(industry.en)}.com"
