"""Phone numbers as agents type them: validate, and normalise into the columns lookup searches.

`phonenumbers` (Google's libphonenumber) does the parsing: "138 1234 5678",
"+86-138-1234-5678", "0086 138…" and "010-6552 1234" all become one E.164
number. Numbers without a country code are read as mainland China's unless
another default region is given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

DEFAULT_REGION = "CN"
# "13812345678", "138 1234 5678", "138-1234-5678": a mainland mobile number, nothing else.
_PLAIN_CN_MOBILE = re.compile(r"^1[0-9]{10}$")


@dataclass(frozen=True)
class NormalisedPhone:
    """The columns of contact_phones for one valid number (see models.customers.ContactPhone)."""

    raw: str
    e164: str
    national: str
    reversed_digits: str


def _prepare(raw: str) -> str:
    text = raw.strip()
    # "0086 138…" is the international prefix as dialled from China: same as "+86".
    compact = "".join(
        "+" if ch in "+＋" else digits_of(ch) for ch in text if ch in "+＋" or ch.isdecimal()
    )
    if compact.startswith("00") and not compact.startswith("000"):
        return "+" + compact[2:]
    return text


def parse_phone(raw: str, default_region: str = DEFAULT_REGION) -> NormalisedPhone | None:
    """The normalised number, or None when `raw` is not a valid phone number."""
    number = _parsed(raw, default_region)
    return None if number is None else _normalised(raw, number)


def parse_phone_and_kind(
    raw: str, default_region: str = DEFAULT_REGION
) -> tuple[NormalisedPhone, str] | None:
    """parse_phone and phone_kind of a valid number from one parse (a bulk import's saving)."""
    number = _parsed(raw, default_region)
    if number is None:
        return None
    return _normalised(raw, number), _kind(number)


def _parsed(raw: str, default_region: str) -> phonenumbers.PhoneNumber | None:
    compact = raw.strip().replace(" ", "").replace("-", "")
    if default_region == "CN" and _PLAIN_CN_MOBILE.match(compact):
        # What parse() makes of it, without its text handling (a tenth of a bulk import).
        number = phonenumbers.PhoneNumber(country_code=86, national_number=int(compact))
        return number if phonenumbers.is_valid_number(number) else None
    if not raw or not any(ch.isdigit() for ch in raw):
        return None
    try:
        number = phonenumbers.parse(_prepare(raw), default_region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _normalised(raw: str, number: phonenumbers.PhoneNumber) -> NormalisedPhone:
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    nsn = phonenumbers.national_significant_number(number)
    trunk = _trunk_prefix(number)
    national = trunk + nsn
    return NormalisedPhone(raw.strip(), e164, national, national[::-1])


def _trunk_prefix(number: phonenumbers.PhoneNumber) -> str:
    """The digit(s) dialled before an area code at home ("0" in China; none for mobiles)."""
    region = phonenumbers.region_code_for_number(number)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region or "")
    if metadata is None or not metadata.national_prefix:
        return ""
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = "".join(ch for ch in formatted if ch.isdigit())
    return metadata.national_prefix if digits.startswith(metadata.national_prefix) else ""


def phone_kind(phone: NormalisedPhone) -> str:
    """ "mobile" or "office": how contact_phones.kind files the number."""
    return _kind(phonenumbers.parse(phone.e164))


def _kind(number: phonenumbers.PhoneNumber) -> str:
    kind = phonenumbers.number_type(number)
    mobile = {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }
    return "mobile" if kind in mobile else "office"


def is_valid_phone(raw: str, default_region: str = DEFAULT_REGION) -> bool:
    return parse_phone(raw, default_region) is not None


def digits_of(text: str) -> str:
    """Only the digits of what was typed, as ASCII ("138-1234" → "1381234"; a Chinese input
    method's full-width "１３８" → "138")."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
