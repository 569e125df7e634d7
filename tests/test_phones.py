"""Phone normalisation: every way agents and callers write a number becomes the same columns."""

from __future__ import annotations

import pytest

from workstation.phones import digits_of, is_valid_phone, parse_phone

BEIJING_LANDLINE = ("+861065521234", "01065521234", "43212556010")
MOBILE = ("+8613812345678", "13812345678", "87654321831")


@pytest.mark.parametrize(
    "typed",
    [
        "138 1234 5678",
        "13812345678",
        "138-1234-5678",
        "138.1234.5678",
        "+86-138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086 138 1234 5678",
        "008613812345678",
        "00 86 138 1234 5678",
        "86 138 1234 5678",
        "１３８ １２３４ ５６７８",  # full-width digits from a Chinese input method
        "＋８６ １３８ １２３４ ５６７８",
        "  138 1234 5678  ",
    ],
)
def test_a_mobile_number_in_any_format_normalises_to_one_number(typed: str) -> None:
    phone = parse_phone(typed)
    assert phone is not None
    assert (phone.e164, phone.national, phone.reversed_digits) == MOBILE
    assert phone.raw == typed.strip()


@pytest.mark.parametrize(
    "typed",
    [
        "010-6552 1234",
        "010 6552 1234",
        "(010) 65521234",
        "01065521234",
        "+86 10 6552 1234",
        "+86 (0)10 6552 1234",
        "0086-10-65521234",
        "1065521234",
    ],
)
def test_a_landline_with_its_area_code_keeps_the_trunk_zero_nationally(typed: str) -> None:
    phone = parse_phone(typed)
    assert phone is not None
    assert (phone.e164, phone.national, phone.reversed_digits) == BEIJING_LANDLINE


@pytest.mark.parametrize(
    ("typed", "e164", "national"),
    [
        ("021-5049 1234", "+862150491234", "02150491234"),
        ("0755-8888 1234", "+8675588881234", "075588881234"),
        ("0591-8765 4321", "+8659187654321", "059187654321"),
        ("400-810-8888", "+864008108888", "4008108888"),
    ],
)
def test_other_area_codes_and_service_numbers(typed: str, e164: str, national: str) -> None:
    phone = parse_phone(typed)
    assert phone is not None
    assert (phone.e164, phone.national) == (e164, national)
    assert phone.reversed_digits == national[::-1]


@pytest.mark.parametrize(
    ("typed", "e164", "national"),
    [
        ("+1 415 555 2671", "+14155552671", "4155552671"),
        ("001 415 555 2671", "+14155552671", "4155552671"),
        ("+44 20 7946 0958", "+442079460958", "02079460958"),
    ],
)
def test_foreign_numbers_keep_their_country(typed: str, e164: str, national: str) -> None:
    phone = parse_phone(typed)
    assert phone is not None
    assert (phone.e164, phone.national) == (e164, national)


def test_a_foreign_number_without_country_code_reads_with_the_given_region() -> None:
    phone = parse_phone("(415) 555-2671", default_region="US")
    assert phone is not None and phone.e164 == "+14155552671"


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "abc", "12345", "138 1234 567", "12345678901", "000 1234 5678", "+86"],
)
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    assert parse_phone(typed) is None
    assert not is_valid_phone(typed)


def test_the_last_digits_are_a_prefix_of_the_reversed_number() -> None:
    phone = parse_phone("138 1234 5678")
    assert phone is not None
    assert phone.reversed_digits.startswith("5678"[::-1])


def test_digits_of_keeps_only_ascii_digits() -> None:
    assert digits_of("+86-138 (1234)") == "861381234"
    assert digits_of("１３８-１２") == "13812"
    assert digits_of("无") == ""
