"""Finding the caller: every kind of key an agent types, on both back ends, by index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event, text

from tests.factories import (
    CustomerIds,
    add_customer,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from workstation.db import Database
from workstation.device_code import device_payload
from workstation.services.lookup import LookupResult, find_serial, lookup, upper_bound


@dataclass(frozen=True)
class Desk:
    acme: CustomerIds  # 上海精密仪器有限公司 with 张三 and 李四
    beijing: CustomerIds  # a VIP, a landline contact
    latin: CustomerIds
    printer: int
    ticket: int
    ticket_number: str


@pytest.fixture
def desk(db: Database) -> Desk:
    with_reference_data(db)
    acme = add_customer(
        db,
        "上海精密仪器有限公司",
        contacts=(("张三", ("138 1234 5678",)), ("李四", ("139 0000 0123",))),
    )
    beijing = add_customer(
        db,
        "北京华信科技有限公司",
        tier="vip",
        contacts=(("王芳", ("010-6552 1234",)),),
    )
    latin = add_customer(
        db, "Acme Instruments Ltd", contacts=(("John Smith", ("+44 20 7946 0958",)),)
    )
    printer = add_equipment(db, acme, serial="LP-2020-2024-00001234")
    add_equipment(db, acme, serial="LP-2020-2024-00001299")
    ticket = add_ticket(db, beijing, equipment_id=None)
    with db.engine.begin() as conn:
        number = conn.execute(
            text("SELECT number FROM tickets WHERE id = :id"), {"id": ticket}
        ).scalar_one()
        year = int(number[3:7])
        conn.execute(
            text("INSERT INTO ticket_counters (year, last_number) VALUES (:y, 999)"), {"y": year}
        )
    return Desk(acme, beijing, latin, printer, ticket, number)


def _found(result: LookupResult, kind: str) -> list[int]:
    return [hit.id for hit in result.hits if hit.kind == kind]


def _contact_of(result: LookupResult, contact_id: int) -> str:
    hits = [hit for hit in result.hits if hit.kind == "contact" and hit.id == contact_id]
    assert hits, f"contact {contact_id} not found for {result.query!r}: {result.hits}"
    return hits[0].matched


@pytest.mark.parametrize(
    "typed",
    ["138 1234 5678", "13812345678", "+86-138-1234-5678", "0086 138 1234 5678", "+8613812345678"],
)
def test_a_mobile_number_in_any_format_finds_its_contact(
    db: Database, desk: Desk, typed: str
) -> None:
    result = lookup(db, typed)
    zhang = desk.acme.contact_ids[0]
    assert _found(result, "contact") == [zhang]
    hit = result.hits[0]
    assert (hit.title, hit.customer_id, hit.matched) == ("张三", desk.acme.customer_id, "phone")
    assert hit.detail == "138 1234 5678 · 上海精密仪器有限公司"


@pytest.mark.parametrize("typed", ["010-6552 1234", "(010) 65521234", "+86 10 6552 1234"])
def test_a_landline_with_its_area_code_finds_its_contact(
    db: Database, desk: Desk, typed: str
) -> None:
    result = lookup(db, typed)
    assert _found(result, "contact") == [desk.beijing.contact_ids[0]]
    assert result.hits[0].tier == "vip"


@pytest.mark.parametrize(
    "typed", ["138 123", "1381", "１３８１", "+86 138", "0086138", "010-6552", "+44 20"]
)
def test_the_beginning_of_a_number_finds_its_contact(db: Database, desk: Desk, typed: str) -> None:
    result = lookup(db, typed)
    found = _found(result, "contact")
    assert len(found) == 1
    assert result.hits[0].matched == "phone"


def test_only_the_last_four_digits_find_the_contact(db: Database, desk: Desk) -> None:
    result = lookup(db, "5678")
    assert _contact_of(result, desk.acme.contact_ids[0]) == "phone_suffix"
    assert _found(lookup(db, "1234"), "contact") == [desk.beijing.contact_ids[0]]
    # Three digits are too few to mean "the last digits" of a number.
    assert _found(lookup(db, "678"), "contact") == []


def test_a_chinese_name_finds_customers_by_prefix_and_contacts_by_name(
    db: Database, desk: Desk
) -> None:
    assert _found(lookup(db, "上海"), "customer") == [desk.acme.customer_id]
    assert _found(lookup(db, "张三"), "contact") == [desk.acme.contact_ids[0]]
    one_char = lookup(db, "王")
    assert _found(one_char, "contact") == [desk.beijing.contact_ids[0]]
    hit = one_char.hits[0]
    assert (hit.matched, hit.detail, hit.customer_id) == (
        "name",
        "北京华信科技有限公司",
        desk.beijing.customer_id,
    )


@pytest.mark.parametrize(
    ("typed", "title"),
    [("zs", "张三"), ("ZS", "张三"), ("zhangsan", "张三"), ("zhang", "张三"), ("wf", "王芳")],
)
def test_pinyin_or_its_initials_find_a_contact(
    db: Database, desk: Desk, typed: str, title: str
) -> None:
    contacts = [hit for hit in lookup(db, typed).hits if hit.kind == "contact"]
    assert [hit.title for hit in contacts] == [title]
    assert contacts[0].matched == "pinyin"


def test_pinyin_initials_find_a_customer(db: Database, desk: Desk) -> None:
    result = lookup(db, "shjm")
    assert _found(result, "customer") == [desk.acme.customer_id]
    assert result.hits[0].matched == "pinyin"


def test_a_latin_name_is_found_in_any_case(db: Database, desk: Desk) -> None:
    assert _found(lookup(db, "john"), "contact") == [desk.latin.contact_ids[0]]
    assert _found(lookup(db, "ACME"), "customer") == [desk.latin.customer_id]


@pytest.mark.parametrize("part", ["精密仪器", "仪器有限", "华信科技", "Instruments", "struments"])
def test_any_part_of_a_company_name_of_three_characters_or_more_finds_it(
    db: Database, desk: Desk, part: str
) -> None:
    result = lookup(db, part)
    customers = [hit for hit in result.hits if hit.kind == "customer"]
    assert len(customers) == 1
    assert customers[0].matched == "company"


def test_two_characters_from_the_middle_of_a_name_are_below_the_trigram_limit(
    db: Database, desk: Desk
) -> None:
    assert _found(lookup(db, "精密"), "customer") == []
    assert _found(lookup(db, "上海精"), "customer") == [desk.acme.customer_id]


def test_a_renamed_customer_is_found_by_its_new_name_only(db: Database, desk: Desk) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE customers SET name = '苏州光电设备有限公司' WHERE id = :id"),
            {"id": desk.acme.customer_id},
        )
    assert _found(lookup(db, "光电设备"), "customer") == [desk.acme.customer_id]
    assert _found(lookup(db, "精密仪器"), "customer") == []


def test_a_deleted_customer_leaves_the_company_search(db: Database, desk: Desk) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO customers (name, kind, tier, address, notes, pinyin_full, "
                "pinyin_initials, version, created_at, updated_at) VALUES ('深圳临时客户有限公司', "
                "'company', 'standard', '', '', '', '', 1, :now, :now)"
            ),
            {"now": "2026-01-01 00:00:00"},
        )
    assert len(_found(lookup(db, "临时客户"), "customer")) == 1
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM customers WHERE name = '深圳临时客户有限公司'"))
    assert _found(lookup(db, "临时客户"), "customer") == []


def test_an_exact_serial_is_opened_directly_whatever_its_case(db: Database, desk: Desk) -> None:
    for typed in ("LP-2020-2024-00001234", "lp-2020-2024-00001234", " LP-2020-2024-00001234 "):
        result = lookup(db, typed)
        assert result.exact_equipment_id == desk.printer
        assert _found(result, "equipment")[0] == desk.printer
        hit = result.hits[[h.kind for h in result.hits].index("equipment")]
        assert hit.matched == "serial"
        assert hit.detail.endswith(" · 上海精密仪器有限公司")
    assert find_serial(db, "lp-2020-2024-00001234") == desk.printer
    assert find_serial(db, "LP-2020-2024-0000123") is None
    assert find_serial(db, "  ") is None


def test_a_devices_qr_code_finds_that_device_alone_and_opens_it(db: Database, desk: Desk) -> None:
    """The passport label's code "SDW:EQ:<serial>", scanned or pasted (any case, blanks
    around): that serial, exactly; the prefix search of other kinds does not run."""
    for scanned in (
        device_payload("LP-2020-2024-00001234"),
        "  sdw:eq:lp-2020-2024-00001234\n",
    ):
        result = lookup(db, scanned)
        assert result.exact_equipment_id == desk.printer
        assert [(h.kind, h.id) for h in result.hits] == [("equipment", desk.printer)]
        assert result.hits[0].matched_text == "LP-2020-2024-00001234"
        assert find_serial(db, scanned) == desk.printer
    unknown = lookup(db, "SDW:EQ:LP-2020-2024")  # only a beginning: listed, never opened
    assert unknown.exact_equipment_id is None
    assert find_serial(db, "SDW:EQ:LP-2020-2024") is None
    assert lookup(db, "SDW:EQ:").hits == ()


def test_a_serial_prefix_lists_the_devices_without_opening_one(db: Database, desk: Desk) -> None:
    result = lookup(db, "lp-2020-2024-000012")
    assert len(_found(result, "equipment")) == 2
    assert result.exact_equipment_id is None


def test_a_ticket_is_found_by_its_number_with_or_without_prefix_and_by_last_digits(
    db: Database, desk: Desk
) -> None:
    number = desk.ticket_number  # e.g. SR-2026-000007
    for typed in (number, number.lower(), number[3:], number[:-1]):
        result = lookup(db, typed)
        assert _found(result, "ticket") == [desk.ticket], typed
    hit = next(h for h in lookup(db, number).hits if h.kind == "ticket")
    assert (hit.title, hit.status, hit.customer_id, hit.matched) == (
        number,
        "new",
        desk.beijing.customer_id,
        "ticket",
    )
    tail = number[-6:].lstrip("0").rjust(3, "0")
    assert desk.ticket in _found(lookup(db, tail), "ticket")


def test_an_ambiguous_number_runs_every_strategy_and_groups_the_hits(
    db: Database, desk: Desk
) -> None:
    ticket_digits = desk.ticket_number[-6:]  # the whole sequence (factory numbers are 900001…)
    phone = f"137 00{ticket_digits[:2]} {ticket_digits[2:]}"
    add_customer(db, "杭州测试有限公司", contacts=(("赵六", (phone,)),))
    result = lookup(db, ticket_digits)
    kinds = [hit.kind for hit in result.hits]
    assert "contact" in kinds and "ticket" in kinds
    assert kinds == sorted(kinds, key=["customer", "contact", "equipment", "ticket"].index)


def test_exact_matches_come_before_longer_names(db: Database, desk: Desk) -> None:
    add_customer(db, "张三丰", kind="person", contacts=(("张三丰", ("136 1111 2222",)),))
    titles = [hit.title for hit in lookup(db, "张三").hits if hit.kind == "contact"]
    assert titles == ["张三", "张三丰"]
    titles = [hit.title for hit in lookup(db, "zsf").hits if hit.kind == "contact"]
    assert titles == ["张三丰"]


def test_a_merged_customer_never_appears_and_its_rows_show_the_one_kept(
    db: Database, desk: Desk
) -> None:
    old = add_customer(db, "上海精密仪器", contacts=(("钱七", ("135 5555 6666",)),))
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE customers SET merged_into_id = :keep WHERE id = :old"),
            {"keep": desk.acme.customer_id, "old": old.customer_id},
        )
    assert _found(lookup(db, "上海精密"), "customer") == [desk.acme.customer_id]
    assert _found(lookup(db, "精密仪器"), "customer") == [desk.acme.customer_id]
    hit = lookup(db, "135 5555 6666").hits[0]
    assert (hit.title, hit.customer_id, hit.customer_name) == (
        "钱七",
        desk.acme.customer_id,
        "上海精密仪器有限公司",
    )


def test_nothing_typed_finds_nothing_and_nonsense_finds_nothing(db: Database, desk: Desk) -> None:
    assert lookup(db, "   ").hits == ()
    result = lookup(db, "xqzv 不存在的名字")
    assert result.hits == () and result.exact_equipment_id is None


def test_each_group_holds_at_most_the_limit(db: Database, desk: Desk) -> None:
    for n in range(5):
        add_customer(db, f"上海测试{n}号有限公司", contacts=())
    result = lookup(db, "上海", limit=3)
    assert len(_found(result, "customer")) == 3


def test_the_upper_bound_of_a_prefix_range() -> None:
    assert upper_bound("138") == "139"
    assert upper_bound("张") == chr(ord("张") + 1)
    assert upper_bound("138") > "13899" and upper_bound("138") <= "139"


@pytest.fixture
def statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", remember)
    yield seen
    event.remove(db.engine, "before_cursor_execute", remember)


# Aliases of real tables in the lookup's statements; "f" (FTS) and "cand" (a subquery) are not.
_TABLE_SCAN = re.compile(r"\bSCAN (c|m|ct|p|e|pm|t|customers|contacts|contact_phones|equipment)\b")


def test_every_lookup_is_one_statement_answered_by_indexes(
    db: Database, desk: Desk, statements: list[tuple[str, Any]]
) -> None:
    queries = (
        "138 1234 5678",
        "+86 138",
        "5678",
        "张三",
        "zs",
        "zhang san",
        "精密仪器",
        "LP-2020",
        desk.ticket_number,
        "2026-0001",
        "2024",
    )
    for typed in queries:
        lookup(db, typed)
    assert len(statements) == len(queries)  # one statement, one round trip, per lookup
    with db.engine.connect() as conn:
        if db.backend == "postgresql":
            # Tables this small are read whole by choice; forbidding that shows an index can
            # answer: without one the planner still has to choose a sequential scan.
            conn.exec_driver_sql("SET enable_seqscan = off")
        for statement, params in statements:
            explain = "EXPLAIN QUERY PLAN " if db.backend == "sqlite" else "EXPLAIN "
            plan = conn.exec_driver_sql(explain + statement, params).all()
            details = " | ".join(str(row[-1]) for row in plan)
            scan = _TABLE_SCAN if db.backend == "sqlite" else _SEQ_SCAN
            assert not scan.search(details), f"{statement}\n{details}"
        conn.rollback()


_SEQ_SCAN = re.compile(r"Seq Scan on (?!ticket_counters)")
