"""Import of customers and equipment from Excel and CSV files, on both back ends."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import URL

from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    with_reference_data,
)
from tests.import_files import (
    CUSTOMER_HEADER,
    ENGLISH_HEADER,
    GOOD_ROWS,
    write_csv,
    write_xlsx,
)
from workstation.db import Database
from workstation.importing import write as import_write
from workstation.importing.columns import Field, ImportKind, guess_mapping
from workstation.importing.plan import ImportCancelled, RowError
from workstation.importing.report import write_error_report
from workstation.importing.sources import Source, detect_encoding
from workstation.importing.values import BadDate, parse_date
from workstation.models import (
    AuditRecord,
    ChangeLogEntry,
    Contact,
    ContactPhone,
    Customer,
    Equipment,
    Site,
    contract_equipment,
)
from workstation.permissions import PermissionDenied
from workstation.search_keys import name_search_keys
from workstation.services.auth import SignedInUser
from workstation.services.data_import import (
    ImportChanged,
    ImportRequest,
    MappingIncomplete,
    RowsRejected,
    check_import,
    inspect_file,
    run_import,
)
from workstation.services.lookup import lookup

DATA_TABLES = (Customer, Contact, ContactPhone, Site, Equipment)


@pytest.fixture
def admin(db: Database) -> SignedInUser:
    with_reference_data(db)
    return add_desk_user(db, "importer", "admin")


def _request(path: Path, kind: ImportKind = ImportKind.CUSTOMERS, **extra: Any) -> ImportRequest:
    with Source(path, extra.get("sheet")) as source:
        headers = source.headers
    return ImportRequest(path, kind, guess_mapping(headers, kind), **extra)


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an import writes (ordered by id)."""
    with db.session() as session:
        found = {}
        for model in DATA_TABLES:
            columns = list(model.__table__.columns)
            found[model.__tablename__] = [
                tuple(row) for row in session.execute(select(*columns).order_by(columns[0]))
            ]
        links = session.execute(select(contract_equipment).order_by(*contract_equipment.c))
        found["contract_equipment"] = [tuple(r) for r in links]
        return found


def _count(db: Database, model: Any) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- reading files: no database --------------------------------------------------------


def test_columns_are_guessed_from_chinese_and_english_headers() -> None:
    chinese = guess_mapping(CUSTOMER_HEADER, ImportKind.CUSTOMERS)
    english = guess_mapping(ENGLISH_HEADER, ImportKind.CUSTOMERS)
    assert chinese == english
    assert chinese[Field.CUSTOMER_NAME] == 0
    assert chinese[Field.MOBILE] == 2 and chinese[Field.PHONE] == 3
    assert chinese[Field.WARRANTY_END] == 11 and chinese[Field.CONTRACT] == 12
    other = ("公司", "联系人姓名", "联系电话", "S/N", "产品型号", "保修到期日", "装机日期")
    guessed = guess_mapping(other, ImportKind.CUSTOMERS)
    assert [guessed[f] for f in (Field.CUSTOMER_NAME, Field.CONTACT_NAME, Field.PHONE)] == [0, 1, 2]
    assert [guessed[f] for f in (Field.SERIAL, Field.MODEL, Field.WARRANTY_END)] == [3, 4, 5]
    assert guessed[Field.INSTALL_DATE] == 6
    # An equipment file maps only the fields equipment rows have.
    assert Field.CONTACT_NAME not in guess_mapping(CUSTOMER_HEADER, ImportKind.EQUIPMENT)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("2026/3/1", date(2026, 3, 1)),
        ("2026.03.01", date(2026, 3, 1)),
        ("2026年3月1日", date(2026, 3, 1)),
        ("２０２６年３月１日", date(2026, 3, 1)),
        ("20260301", date(2026, 3, 1)),
        ("2026-03-01 00:00:00", date(2026, 3, 1)),
        (datetime(2026, 3, 1, 9, 30), date(2026, 3, 1)),
        (date(2026, 3, 1), date(2026, 3, 1)),
        (46082, date(2026, 3, 1)),  # an Excel day number in a cell not formatted as a date
        ("", None),
        (None, None),
    ],
)
def test_dates_in_chinese_and_iso_forms(cell: object, expected: date | None) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["2026-02-30", "下周一", "3/1/2026", "2026-3", "12345"])
def test_what_is_not_a_date(cell: str) -> None:
    with pytest.raises(BadDate):
        parse_date(cell)


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_csv_encoding_is_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    path = write_csv(tmp_path / "客户.csv", CUSTOMER_HEADER, GOOD_ROWS, encoding)
    assert detect_encoding(path) == detected
    with Source(path) as source:
        assert source.headers == CUSTOMER_HEADER
        rows = list(source)
    assert rows[0][0] == "上海精密仪器有限公司" and rows[2][7] == "重点"


def test_error_report_keeps_formulas_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    errors = [
        RowError(7, "customer_name", "客户名称", "=cmd|' /C calc'!A0", "required"),
        RowError(9, "serial", "序列号", "LP-1", "duplicate_serial", (("row", "3"),)),
    ]
    path = tmp_path / "errors.xlsx"
    assert write_error_report(path, errors) == 2
    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Column", "Value in the file", "Problem")
    assert rows[1] == (7, "客户名称", "=cmd|' /C calc'!A0", "required, but empty")
    assert sheet["C2"].data_type == "s"
    assert rows[2][3] == "the serial number appears already in row 3"


# --- importing ---------------------------------------------------------------------------


def test_good_workbook_is_imported_with_search_keys(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "customers.xlsx", CUSTOMER_HEADER, GOOD_ROWS)
    overview = inspect_file(admin, path, ImportKind.CUSTOMERS)
    assert overview.preview.sheets == ("客户", "说明")
    assert overview.preview.rows[0][0] == "上海精密仪器有限公司"
    request = ImportRequest(path, ImportKind.CUSTOMERS, overview.guessed)

    check = check_import(db, admin, request)
    assert (check.counts.rows, check.counts.created, check.counts.rejected) == (5, 5, 0)
    assert _count(db, Customer) == 0  # a dry run writes nothing

    result = run_import(db, admin, request, expected=check.counts)
    counts = result.counts
    assert (counts.new_customers, counts.new_contacts, counts.new_phones) == (4, 5, 6)
    assert (counts.new_sites, counts.new_equipment) == (4, 3)
    with db.session() as session:
        customer = session.scalars(
            select(Customer).where(Customer.name == "上海精密仪器有限公司")
        ).one()
        assert (customer.tier, customer.kind, customer.version) == ("vip", "company", 1)
        assert (customer.pinyin_full, customer.pinyin_initials) == name_search_keys(customer.name)
        contacts = session.scalars(
            select(Contact).where(Contact.customer_id == customer.id).order_by(Contact.id)
        ).all()
        assert [c.name for c in contacts] == ["张三", "李四"]
        assert contacts[0].pinyin_initials == "zs" and contacts[0].email == "zhang@jm.cn"
        phones = session.scalars(
            select(ContactPhone).where(ContactPhone.contact_id == contacts[0].id)
        ).all()
        assert {(p.e164, p.kind) for p in phones} == {
            ("+8613812345678", "mobile"),
            ("+862165521234", "office"),
        }
        devices = {
            d.serial_number: d
            for d in session.scalars(select(Equipment).where(Equipment.customer_id == customer.id))
        }
        # No warranty end in the file: the install date plus the model's warranty months.
        assert devices["LP-2020-0001"].warranty_end == date(2026, 3, 1)
        assert devices["LP-2020-0002"].install_date == date(2025, 4, 2)
        assert devices["LP-2020-0002"].warranty_end == date(2027, 4, 1)
        site = session.get(Site, devices["LP-2020-0001"].site_id)
        assert site is not None and (site.city, site.customer_id) == ("上海", customer.id)
        acme = session.scalars(select(Equipment).where(Equipment.serial_number == "LP-3050-0009"))
        assert acme.one().install_date == date(2024, 12, 5)
        audits = session.scalars(select(AuditRecord).where(AuditRecord.entity == "import")).all()
        assert len(audits) == 1 and audits[0].id == result.audit_id
        assert audits[0].details["new_customers"] == 4 and audits[0].details["file"] == path.name
        changes = session.scalars(select(ChangeLogEntry)).all()
        assert [(c.entity, c.entity_id) for c in changes] == [("import", result.audit_id)]
        assert changes[0].data["new_customers"] == 4 and changes[0].data["customer_ids"] == []

    # The caller lookup finds them: by phone, name, pinyin initials, company part, serial.
    assert lookup(db, "13812345678").of_kind("contact")[0].title == "张三"
    assert lookup(db, "zs").of_kind("contact")[0].title == "张三"
    assert any(h.title == "北京华信科技" for h in lookup(db, "华信科").of_kind("customer"))
    assert lookup(db, "bjhx").of_kind("customer")[0].title == "北京华信科技"
    assert lookup(db, "LP-3050-0009").exact_equipment_id is not None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_files_import_like_the_workbook(
    db: Database, admin: SignedInUser, tmp_path: Path, encoding: str
) -> None:
    path = write_csv(tmp_path / "customers.csv", CUSTOMER_HEADER, GOOD_ROWS, encoding)
    result = run_import(db, admin, _request(path))
    assert (result.counts.created, result.counts.new_customers) == (5, 4)
    with db.session() as session:
        names = set(session.scalars(select(Customer.name)))
    assert names == {"上海精密仪器有限公司", "北京华信科技", "Acme Trading Ltd", "杭州个人用户"}


def test_importing_the_same_file_again_changes_nothing(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "customers.xlsx", CUSTOMER_HEADER, GOOD_ROWS)
    run_import(db, admin, _request(path))
    before = _snapshot(db)
    changes = _count(db, ChangeLogEntry)
    # The same rows as a GBK CSV, in another order: matched by phone, name and serial.
    again = write_csv(tmp_path / "again.csv", CUSTOMER_HEADER, GOOD_ROWS[::-1], "gbk")
    for file in (path, again):
        check = check_import(db, admin, _request(file))
        assert (check.counts.unchanged, check.counts.created, check.counts.updated) == (5, 0, 0)
        result = run_import(db, admin, _request(file))
        assert result.counts.unchanged == 5
    assert _snapshot(db) == before
    assert _count(db, ChangeLogEntry) == changes  # nothing changed: no desk is woken


def test_a_changed_file_updates_only_what_it_changes(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    run_import(db, admin, _request(write_xlsx(tmp_path / "a.xlsx", CUSTOMER_HEADER, GOOD_ROWS)))
    rows = [list(r) for r in GOOD_ROWS]
    rows[2][5] = "北京市朝阳区建国路 88 号"  # the address of 北京华信科技
    rows[3][11] = "2027-12-05"  # a longer warranty for LP-3050-0009
    rows.append(["北京华信科技", "孙七", "13600009999", "", "", "", "北京", "", "", "", "", "", ""])
    result = run_import(db, admin, _request(write_xlsx(tmp_path / "b.xlsx", CUSTOMER_HEADER, rows)))
    counts = result.counts
    assert (counts.created, counts.updated, counts.unchanged) == (1, 2, 3)
    assert (counts.new_contacts, counts.new_customers) == (1, 0)
    with db.session() as session:
        customer = session.scalars(select(Customer).where(Customer.name == "北京华信科技")).one()
        assert customer.address == "北京市朝阳区建国路 88 号" and customer.version == 2
        device = session.scalars(
            select(Equipment).where(Equipment.serial_number == "LP-3050-0009")
        ).one()
        assert device.warranty_end == date(2027, 12, 5) and device.version == 2
        change = session.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc())).first()
        assert change is not None and change.entity == "import"
        assert customer.id in change.data["customer_ids"]
        assert device.id in change.data["equipment_ids"]


def _bad_rows(db: Database) -> tuple[list[tuple[Any, ...]], dict[int, tuple[str, str]]]:
    """Rows with every kind of problem, and {row number: (field, code)} expected."""
    other = add_customer(db, "苏州别家公司", contacts=(("钱八", ("139 8888 7777",)),))
    add_equipment(db, other, serial="TAKEN-0001")
    their_contract = add_contract(db, other)
    with db.session() as session:
        from workstation.models import ServiceContract

        contract_number = session.scalar(
            select(ServiceContract.number).where(ServiceContract.id == their_contract)
        )
    future = (date.today() + timedelta(days=30)).isoformat()
    good = (
        "上海精密仪器有限公司", "张三", "13812345678", "", "", "上海", "上海", "",
        "SN-GOOD-1", "LP-2020", "2025-01-01", "", "",
    )  # fmt: skip

    def row(**changes: Any) -> tuple[Any, ...]:
        values = list(good)
        for name, value in changes.items():
            values[CUSTOMER_HEADER.index(name)] = value
        return tuple(values)

    rows = [
        good,  # 2
        row(客户名称="", 手机="13800000003", 序列号="SN-3"),  # 3
        row(客户名称="新公司4", 手机="12345", 序列号="SN-4"),  # 4
        row(客户名称="新公司5", 手机="13800000005", 序列号="SN-5", 安装日期="2026-13-45"),  # 5
        row(客户名称="新公司6", 手机="13800000006", 序列号="SN-6", 型号="XYZ-999"),  # 6
        row(客户名称="新公司7", 手机="13800000007"),  # 7: the serial of row 2 again
        row(客户名称="新公司8", 手机="13800000008", 序列号="taken-0001"),  # 8
        row(客户名称="新公司9", 手机="13800000009", 序列号="SN-9", 安装日期=future),  # 9
        row(客户名称="新公司10", 手机="13800000010", 序列号="SN-10", 保修截止="2024-01-01"),  # 10
        row(客户名称="新公司11", 手机="13800000011", 序列号="SN-11", 客户等级="金牌"),  # 11
        row(客户名称="新公司12", 手机="13800000012", 序列号="SN-12", 邮箱="not-an-address"),  # 12
        row(客户名称="新公司13", 手机="13800000013", 序列号="SN-13", 合同号="CT-NOPE"),  # 13
        row(手机="13800000014", 序列号="SN-14", 合同号=contract_number),  # 14
        row(手机="13800000015", 序列号="SN-15", 地址="杭州"),  # 15: row 2 said 上海
        row(客户名称="新公司16", 手机="139 8888 7777", 序列号="SN-16"),  # 16
        row(客户名称="公" * 201, 手机="13800000017", 序列号="SN-17"),  # 17
        row(客户名称="新公司18", 联系人="", 手机="13800000018", 序列号="SN-18"),  # 18
        row(客户名称="新公司19", 手机="13800000019", 序列号="SN-19", 型号=""),  # 19
        row(客户名称="新公司20", 手机="", 序列号="SN-20"),  # 20
        row(客户名称="=cmd|' /C calc'!A0", 手机="13800000021", 序列号="SN-21"),  # 21: fine
    ]
    expected = {
        3: ("customer_name", "required"),
        4: ("mobile", "invalid_phone"),
        5: ("install_date", "bad_date"),
        6: ("model", "unknown_model"),
        7: ("serial", "duplicate_serial"),
        8: ("serial", "serial_of_other_customer"),
        9: ("install_date", "in_future"),
        10: ("warranty_end", "before_install"),
        11: ("tier", "unknown_tier"),
        12: ("email", "invalid_email"),
        13: ("contract", "unknown_contract"),
        14: ("contract", "contract_of_other_customer"),
        15: ("address", "conflict"),
        16: ("customer_name", "phone_of_other_customer"),
        17: ("customer_name", "too_long"),
        18: ("contact_name", "required"),
        19: ("model", "required"),
        20: ("phone", "required"),
    }
    return rows, expected


def test_every_kind_of_bad_row_is_reported_and_nothing_is_half_imported(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    rows, expected = _bad_rows(db)
    path = write_xlsx(tmp_path / "bad.xlsx", CUSTOMER_HEADER, rows)
    request = _request(path)
    check = check_import(db, admin, request)
    found = {e.row: (e.field, e.code) for e in check.errors}
    assert found == expected
    assert len(check.errors) == len(expected)  # one clear problem a row
    by_row = {e.row: e for e in check.errors}
    assert by_row[4].value == "12345" and by_row[4].column == "手机"
    assert by_row[7].param("row") == "2" and by_row[15].param("row") == "2"
    assert by_row[8].param("customer") == "苏州别家公司"
    assert by_row[16].param("customer") == "苏州别家公司"
    assert check.counts.rejected == len(expected)
    assert check.counts.created == 2  # rows 2 and 21

    before = _snapshot(db)
    with pytest.raises(RowsRejected) as refused:
        run_import(db, admin, request)
    assert refused.value.check.counts == check.counts
    assert _snapshot(db) == before
    assert _count(db, AuditRecord) == 0

    result = run_import(db, admin, request, skip_rejected=True, expected=check.counts)
    assert result.counts.created == 2
    with db.session() as session:
        names = set(session.scalars(select(Customer.name)))
        serials = set(session.scalars(select(Equipment.serial_number)))
    assert names == {"苏州别家公司", "上海精密仪器有限公司", "=cmd|' /C calc'!A0"}
    assert serials == {"TAKEN-0001", "SN-GOOD-1", "SN-21"}

    report = tmp_path / "errors.xlsx"
    assert write_error_report(report, check.errors) == len(expected)


def test_an_import_that_no_longer_matches_its_check_writes_nothing(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "customers.xlsx", CUSTOMER_HEADER, GOOD_ROWS)
    check = check_import(db, admin, _request(path))
    # Another desk registers one of the file's customers in between.
    add_customer(db, "北京华信科技", contacts=(("王五", ("13711112222",)),))
    before = _snapshot(db)
    with pytest.raises(ImportChanged) as changed:
        run_import(db, admin, _request(path), expected=check.counts)
    assert changed.value.now.created == 4
    assert _snapshot(db) == before


def test_a_serial_registered_at_another_desk_during_the_write_is_a_plain_refusal(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    if db.backend == "sqlite":
        pytest.skip("SQLite: the import holds the write lock, no other desk writes meanwhile")
    path = write_csv(tmp_path / "many.csv", CUSTOMER_HEADER, _many_rows(5))
    other_customer = add_customer(db, "别的客户")
    registered: list[bool] = []

    def progress(stage: str, _done: int, _total: int) -> None:
        if stage == "writing" and not registered:  # the plan is made: another desk is faster
            add_equipment(db, other_customer, serial="SN-000003")
            registered.append(True)

    with pytest.raises(ImportChanged):
        run_import(db, admin, _request(path), progress=progress)
    assert registered
    assert _count(db, AuditRecord) == 0  # no import recorded, and nothing of the file written:
    with db.session() as session:
        assert session.scalar(select(func.count()).where(Customer.name == "客户0")) == 0


def _refuse_serial(db: Database, serial: str) -> None:
    """A trigger standing for a database that refuses a write half-way through."""
    with db.engine.begin() as conn:
        if db.backend == "sqlite":
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON equipment "
                f"WHEN new.serial_number = '{serial}' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        else:
            conn.exec_driver_sql(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF new.serial_number = '{serial}' THEN RAISE EXCEPTION 'refused'; END IF; "
                "RETURN new; END $$"
            )
            conn.exec_driver_sql(
                "CREATE TRIGGER refuse BEFORE INSERT ON equipment "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )


def _many_rows(count: int) -> list[tuple[Any, ...]]:
    return [
        (f"客户{i}", f"联系人{i}", f"139{i:08d}", "", "", "", "上海", "", f"SN-{i:06d}",
         "LP-2020", "2025-01-01", "", "")
        for i in range(count)
    ]  # fmt: skip


def test_a_database_refusing_midway_leaves_nothing(
    db: Database, admin: SignedInUser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import DBAPIError

    monkeypatch.setattr(import_write, "BATCH", 10)
    path = write_csv(tmp_path / "many.csv", CUSTOMER_HEADER, _many_rows(60))
    _refuse_serial(db, "SN-000055")
    before = _snapshot(db)
    with pytest.raises(DBAPIError, match="refused"):
        run_import(db, admin, _request(path))
    assert _snapshot(db) == before
    assert _count(db, AuditRecord) == 0 and _count(db, ChangeLogEntry) == 0


def test_cancel_while_writing_leaves_nothing(
    db: Database, admin: SignedInUser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_write, "BATCH", 10)
    path = write_csv(tmp_path / "many.csv", CUSTOMER_HEADER, _many_rows(60))
    stages: list[tuple[str, int, int]] = []

    def cancelled() -> bool:
        # The user presses Cancel once the customers are written and contacts are going in.
        return any(s == "writing" and done > 60 for s, done, _ in stages)

    with pytest.raises(ImportCancelled):
        run_import(
            db,
            admin,
            _request(path),
            progress=lambda *a: stages.append(a),
            should_stop=cancelled,
        )
    assert {s for s, *_ in stages} == {"reading", "checking", "writing"}
    assert _count(db, Customer) == 0 and _count(db, AuditRecord) == 0
    # And it can be cancelled while reading, too.
    with pytest.raises(ImportCancelled):
        check_import(db, admin, _request(path), should_stop=lambda: True)


def test_equipment_file_adds_devices_to_existing_customers(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    known: CustomerIds = add_customer(db, "上海精密仪器有限公司")
    contract = add_contract(db, known)
    with db.session() as session:
        from workstation.models import ServiceContract

        number = session.scalar(
            select(ServiceContract.number).where(ServiceContract.id == contract)
        )
    header = ("客户", "手机", "序列号", "型号", "安装日期", "保修截止", "合同编号")
    rows = [
        ("", "138 1234 5678", "EQ-1", "LP-2020", "2025/5/1", "", number),  # by phone
        ("上海精密仪器有限公司", "", "EQ-2", "lp-2020", "", "", ""),  # by name, model code case
        ("没有的公司", "", "EQ-3", "LP-2020", "", "", ""),
    ]
    path = write_xlsx(tmp_path / "devices.xlsx", header, rows, sheet="设备")
    request = _request(path, ImportKind.EQUIPMENT)
    result = run_import(db, admin, request, skip_rejected=True)
    assert (result.counts.created, result.counts.rejected) == (2, 1)
    assert [(e.row, e.code) for e in result.errors] == [(4, "unknown_customer")]
    with db.session() as session:
        devices = session.scalars(select(Equipment).order_by(Equipment.serial_number)).all()
        assert [(d.serial_number, d.customer_id, d.site_id) for d in devices] == [
            ("EQ-1", known.customer_id, known.site_id),
            ("EQ-2", known.customer_id, known.site_id),
        ]
        assert devices[0].warranty_end == date(2026, 5, 1)
        links = session.execute(select(contract_equipment)).all()
        assert [tuple(link) for link in links] == [(contract, devices[0].id)]
        change = session.scalars(select(ChangeLogEntry).where(ChangeLogEntry.entity == "import"))
        assert change.one().data["customer_ids"] == [known.customer_id]
    again = run_import(db, admin, request, skip_rejected=True)
    assert (again.counts.unchanged, again.counts.created) == (2, 0)


def test_only_administrators_import(db: Database, tmp_path: Path) -> None:
    with_reference_data(db)
    agent = add_desk_user(db, "agent1", "agent")
    supervisor = add_desk_user(db, "boss", "supervisor")
    path = write_xlsx(tmp_path / "customers.xlsx", CUSTOMER_HEADER, GOOD_ROWS)
    for user in (agent, supervisor):
        with pytest.raises(PermissionDenied):
            inspect_file(user, path, ImportKind.CUSTOMERS)
        with pytest.raises(PermissionDenied):
            check_import(db, user, _request(path))
        with pytest.raises(PermissionDenied):
            run_import(db, user, _request(path))
    assert _count(db, Customer) == 0


def test_required_columns_must_be_mapped(db: Database, admin: SignedInUser, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "customers.xlsx", ("名称", "备注"), [("x", "y")])
    with pytest.raises(MappingIncomplete) as missing:
        check_import(db, admin, _request(path))
    assert set(missing.value.missing) == {Field.CUSTOMER_NAME, Field.CONTACT_NAME, Field.PHONE}


def test_a_wrong_row_cannot_slip_in_through_sql(
    db: Database, admin: SignedInUser, tmp_path: Path
) -> None:
    name = "x'); DROP TABLE customers; --"
    rows = [(name, "张三", "13812345678", *[""] * 10)]
    run_import(db, admin, _request(write_csv(tmp_path / "q.csv", CUSTOMER_HEADER, rows)))
    with db.session() as session:
        assert session.scalar(select(Customer.name)) == name
        assert session.execute(text("SELECT count(*) FROM contacts")).scalar_one() == 1


def test_fast_paths_give_what_the_libraries_give() -> None:
    """The import's speed-ups (phone numbers without parse's text handling, pinyin per word)
    must store exactly what the slow way stores: lookup depends on it."""
    import random

    import phonenumbers
    from pypinyin import lazy_pinyin

    from workstation import phones
    from workstation.demo.pinyin import pinyin_parts

    rng = random.Random(7)
    numbers = [f"1{rng.randrange(10**10):010d}" for _ in range(2000)]
    numbers += [f"{n[:3]} {n[3:7]}-{n[7:]}" for n in numbers[:300]]
    for raw in numbers:
        try:
            number = phonenumbers.parse(raw, "CN")
            valid = phonenumbers.is_valid_number(number)
        except phonenumbers.NumberParseException:
            valid = False
        fast = phones.parse_phone_and_kind(raw)
        if not valid:
            assert fast is None, raw
            continue
        assert fast is not None
        assert fast[0].e164 == phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.E164
        )
        assert fast[1] == phones.phone_kind(fast[0])
    tricky = "重庆长沙银行行长音乐快乐都市首都朝阳朝代单于单位曾经曾家的确目的着急睡着还有还钱"
    tricky += "ABC 12（）·"
    for _ in range(2000):
        name = "".join(rng.choice(tricky) for _ in range(rng.randint(2, 14)))
        syllables = [s.strip().lower().replace(" ", "") for s in lazy_pinyin(name)]
        syllables = [s for s in syllables if s]
        assert pinyin_parts(name) == ("".join(syllables), "".join(s[0] for s in syllables))


# --- the command line --------------------------------------------------------------------


def _cli(url: str, *args: str, password: str = "s3cret") -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, WORKSTATION_PASSWORD=password, PYTHONPATH=str(root))
    return subprocess.run(
        [sys.executable, "main.py", "--database", url, "import", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_line_import_end_to_end(db: Database, database_url: URL, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.conftest import url_for_subprocess
    from tests.ui.helpers import add_user

    with_reference_data(db)
    add_user(db, "root", "s3cret", role="admin")
    add_user(db, "clerk", "s3cret", role="agent")
    url = url_for_subprocess(database_url)
    rows, expected = _bad_rows(db)
    bad = write_csv(tmp_path / "bad.csv", CUSTOMER_HEADER, rows, "gbk")
    good = write_xlsx(tmp_path / "good.xlsx", CUSTOMER_HEADER, GOOD_ROWS)
    report = tmp_path / "errors.xlsx"
    before = _snapshot(db)

    refused = _cli(url, str(good), "--kind", "customers", "--user", "clerk")
    assert refused.returncode == 2 and "not an administrator" in refused.stderr
    wrong = _cli(url, str(good), "--kind", "customers", "--user", "root", password="nope")
    assert wrong.returncode == 2 and "sign-in failed" in wrong.stderr
    missing = _cli(url, str(tmp_path / "none.xlsx"), "--kind", "customers", "--user", "root")
    assert missing.returncode == 2 and "cannot read" in missing.stderr

    rejected = _cli(url, str(bad), "--kind", "customers", "--user", "root", "--errors", str(report))
    assert rejected.returncode == 1, rejected.stderr
    assert "18 rejected" in rejected.stdout and "nothing imported" in rejected.stderr
    assert "row 4 [手机] '12345': not a valid phone number" in rejected.stderr
    sheet = load_workbook(report).active
    assert sheet is not None and sheet.max_row == len(expected) + 1
    assert _snapshot(db) == before

    dry = _cli(url, str(good), "--kind", "customers", "--user", "root", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "5 would be created" in dry.stdout
    assert _snapshot(db) == before

    done = _cli(url, str(good), "--kind", "customers", "--user", "root")
    assert done.returncode == 0, done.stderr
    assert "5 were created" in done.stdout and "4 customers" in done.stdout
    again = _cli(url, str(good), "--kind", "customers", "--user", "root", "--sheet", "客户")
    assert again.returncode == 0 and "5 unchanged" in again.stdout
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 5
