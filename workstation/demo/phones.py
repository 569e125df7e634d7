"""Phone numbers for demo contacts: valid, distinct where it matters, cheap to make.

Numbers are assembled from blocks that `phonenumbers` accepts (see
geography.py) instead of being parsed row by row: parsing costs ~20 µs a
number, far too much for two million rows. The tests check a sample with
`phonenumbers`.
"""

from __future__ import annotations

import random
from math import gcd

from workstation.demo.geography import PhonePlan

# raw, e164, national, reversed_digits: the columns of contact_phones.
PhoneColumns = tuple[str, str, str, str]


class MobileNumbers:
    """Distinct mobile numbers of one country, looked up by a running index.

    An affine permutation of the number space (a·i + b mod size, a coprime to
    size) spreads consecutive indexes over all blocks and never repeats.
    """

    def __init__(self, plan: PhonePlan, rng: random.Random) -> None:
        self.plan = plan
        self._rest = plan.mobile_length - len(plan.mobile_blocks[0])
        self._scale = 10**self._rest
        self._size = len(plan.mobile_blocks) * self._scale
        a = rng.randrange(self._size // 3, self._size - 1)
        while gcd(a, self._size) != 1:
            a += 1
        self._a = a
        self._b = rng.randrange(self._size)
        self._format = f"0{self._rest}d"

    def nsn(self, index: int) -> str:
        """The national significant number of the index-th mobile."""
        k = (self._a * index + self._b) % self._size
        block, rest = divmod(k, self._scale)
        return self.plan.mobile_blocks[block] + format(rest, self._format)


def _group(digits: str, sizes: tuple[int, ...]) -> str:
    parts = []
    start = 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    if start < len(digits):
        parts.append(digits[start:])
    return " ".join(p for p in parts if p)


def cn_mobile(nsn: str, style: int) -> PhoneColumns:
    """A mainland mobile as typed in one of four common ways."""
    if style == 0:
        raw = f"{nsn[:3]} {nsn[3:7]} {nsn[7:]}"
    elif style == 1:
        raw = nsn
    elif style == 2:
        raw = f"{nsn[:3]}-{nsn[3:7]}-{nsn[7:]}"
    else:
        raw = f"+86 {nsn[:3]} {nsn[3:7]} {nsn[7:]}"
    return raw, "+86" + nsn, nsn, nsn[::-1]


def _local_grouped(local: str) -> str:
    split = 4 if len(local) >= 8 else 3
    return f"{local[:split]} {local[split:]}"


def cn_landline(area: str, local: str, style: int) -> PhoneColumns:
    """A mainland fixed line (area code without trunk 0, local number) as typed."""
    if style == 0:
        raw = f"0{area}-{_local_grouped(local)}"
    elif style == 1:
        raw = f"0{area}-{local}"
    elif style == 2:
        raw = f"(0{area}) {_local_grouped(local)}"
    else:
        raw = f"+86 {area} {_local_grouped(local)}"
    national = f"0{area}{local}"
    return raw, f"+86{area}{local}", national, national[::-1]


def foreign_mobile(plan: PhonePlan, nsn: str, international: bool) -> PhoneColumns:
    """A mobile of another country, written nationally or with its country code."""
    grouped = _group(nsn, plan.mobile_groups)
    national = plan.mobile_trunk + nsn
    raw = f"+{plan.country_code} {grouped}" if international else plan.mobile_trunk + grouped
    return raw, f"+{plan.country_code}{nsn}", national, national[::-1]


def foreign_landline(plan: PhonePlan, area: str, local: str, international: bool) -> PhoneColumns:
    """A fixed line of another country (area may be empty, as in Singapore)."""
    grouped = _local_grouped(local)
    if international:
        raw = (
            f"+{plan.country_code} {area} {grouped}" if area else f"+{plan.country_code} {grouped}"
        )
    else:
        raw = f"{plan.trunk}{area} {grouped}" if area else grouped
    national = (plan.trunk + area + local) if area else local
    return raw, f"+{plan.country_code}{area}{local}", national, national[::-1]
