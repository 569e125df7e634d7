"""Import figure `import_100k`: 100,000 customer rows (a customer, its contact with a mobile
number, a site and a device each) generated into an .xlsx file, imported into an empty
database through the service (read, check, write in one transaction). Beside it, its floor:
the same rows, already as tuples, inserted by a bare executemany on the same connection in one
transaction (rolled back). `import_100k_csv` is the same rows from a UTF-8 CSV file.

The database is a fresh one beside the benchmark's data set (an SQLite file in a temporary
folder, or a schema of its own on the PostgreSQL server), so the figure does not depend on
the scale the other figures run at.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database, sqlite_url
from workstation.importing.columns import ImportKind, guess_mapping
from workstation.importing.write import (
    CONTACT_COLUMNS,
    CUSTOMER_COLUMNS,
    EQUIPMENT_COLUMNS,
    PHONE_COLUMNS,
    SITE_COLUMNS,
)
from workstation.models import User
from workstation.schema import upgrade
from workstation.services.auth import SignedInUser
from workstation.services.data_import import ImportRequest, run_import
from workstation.services.reference import load_reference_data

NAMES = ("import_100k", "import_100k_csv")
ROWS = int(os.environ.get("WORKSTATION_BENCH_IMPORT_ROWS", "100000"))
# 100,000 rows take minutes: run only when asked (`--only export` / `--only import`).
HEAVY = True
HEADER = ("客户名称", "联系人", "手机", "城市", "地址", "序列号", "型号", "安装日期")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国"
_TRADES = ("精密仪器", "电子科技", "信息技术", "医疗设备", "自动化", "贸易", "制造", "物流")
_CITIES = ("上海", "北京", "广州", "深圳", "杭州", "南京", "成都", "武汉")


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def generate_rows(count: int) -> Iterator[tuple[str, ...]]:
    """Distinct customers, contacts, mobile numbers and serials; a few thousand name parts."""
    for i in range(count):
        city = _CITIES[i % len(_CITIES)]
        trade = _TRADES[(i // 8) % len(_TRADES)]
        person = _SURNAMES[i % 20] + _GIVEN[(i // 20) % 25] + _GIVEN[(i // 500) % 25]
        yield (
            f"{city}{person[1:]}{trade}有限公司{i:06d}",
            person,
            f"139{i:08d}",
            city,
            f"{city}市人民路 {i % 999 + 1} 号",
            f"IMP-{i:08d}",
            "LP-2020",
            f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
        )


_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}


def write_xlsx(path: Path, count: int) -> None:
    """The rows as Excel and WPS save a workbook: text in the shared-strings table, the sheet's
    dimension stated. (openpyxl writes every text inline instead, which its own reader parses
    several times slower: not what a user's file looks like.)"""
    import zipfile
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}
    letters = "ABCDEFGH"

    def cells(number: int, row: tuple[str, ...]) -> str:
        parts = []
        for letter, value in zip(letters, row, strict=True):
            index = strings.setdefault(value, len(strings))
            parts.append(f'<c r="{letter}{number}" t="s"><v>{index}</v></c>')
        return f'<row r="{number}">{"".join(parts)}</row>'

    rows = [cells(1, HEADER)]
    rows += [cells(n, row) for n, row in enumerate(generate_rows(count), start=2)]
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:H{count + 1}"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    )
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    table = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _PARTS.items():
            archive.writestr(name, content)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", table)


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(generate_rows(count))


@contextmanager
def empty_database(url: URL) -> Iterator[Database]:
    """A fresh migrated database with the reference data, on the back end of `url`."""
    if url.get_backend_name() == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
        db = Database.connect(sqlite_url(folder / "import.db"))
        try:
            upgrade(db.engine)
            load_reference_data(db)
            yield db
        finally:
            db.dispose()
            shutil.rmtree(folder, ignore_errors=True)
        return
    schema = f"import_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    db = Database.connect(url.update_query_dict({"options": f"-csearch_path={schema}"}))
    try:
        upgrade(db.engine)
        load_reference_data(db)
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def _admin(db: Database) -> SignedInUser:
    with db.session() as session:
        user = User(
            username="importer", display_name="importer", password_hash="-", role="admin", skills=[]
        )
        session.add(user)
        session.commit()
        return SignedInUser(user.id, "importer", "importer", "admin", None, ())


def _floor_rows(db: Database, count: int) -> dict[str, tuple[tuple[str, ...], list[Any]]]:
    """The rows an import of the file writes, as plain tuples, ids from 1."""
    sqlite = db.backend == "sqlite"
    now: Any = datetime.now(UTC)
    now = now.replace(tzinfo=None).isoformat(" ") if sqlite else now
    with db.session() as session:
        model = session.execute(text("SELECT id FROM product_models WHERE code = 'LP-2020'"))
        model_id = model.scalar_one()
    tables: dict[str, tuple[tuple[str, ...], list[Any]]] = {
        "customers": (CUSTOMER_COLUMNS, []),
        "contacts": (CONTACT_COLUMNS, []),
        "contact_phones": (PHONE_COLUMNS, []),
        "sites": (SITE_COLUMNS, []),
        "equipment": (EQUIPMENT_COLUMNS, []),
    }
    for i, (name, person, mobile, city, address, serial, _m, install) in enumerate(
        generate_rows(count), start=1
    ):
        day: Any = install if sqlite else date.fromisoformat(install)
        tables["customers"][1].append(
            (i, name, "company", "standard", address, "", "x", "x", 1, now, now)
        )
        tables["contacts"][1].append((i, i, person, "", "", "x", "x"))
        tables["contact_phones"][1].append(
            (i, i, "mobile", mobile, "+86" + mobile, mobile, mobile[::-1])
        )
        tables["sites"][1].append((i, i, name, address, city))
        tables["equipment"][1].append((i, serial, model_id, i, i, day, day, "active", 1))
    return tables


def _floor_ms(db: Database, count: int) -> float:
    tables = _floor_rows(db, count)
    mark = "?" if db.backend == "sqlite" else "%s"
    with db.engine.connect() as conn:
        raw: Any = conn.connection.driver_connection
        cursor = raw.cursor()
        started = time.perf_counter()
        if db.backend == "sqlite":
            cursor.execute("BEGIN")
        for table, (columns, rows) in tables.items():
            marks = ", ".join([mark] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        elapsed = (time.perf_counter() - started) * 1000
        raw.rollback() if db.backend != "sqlite" else cursor.execute("ROLLBACK")
    return elapsed


def _import_ms(db: Database, path: Path) -> tuple[float, str]:
    user = _admin(db)
    headers = HEADER
    request = ImportRequest(
        path, ImportKind.CUSTOMERS, guess_mapping(headers, ImportKind.CUSTOMERS)
    )
    started = time.perf_counter()
    result = run_import(db, user, request)
    elapsed = (time.perf_counter() - started) * 1000
    counts = result.counts
    assert counts.new_customers == ROWS and counts.new_equipment == ROWS, counts
    return elapsed, f"{counts.rows:,} rows, {counts.new_customers:,} customers created"


def run(url: URL, only: str | None = None) -> list[Figure]:
    figures: list[Figure] = []
    wanted = [name for name in NAMES if _wanted(name, only)]
    if not wanted:
        return figures
    folder = Path(tempfile.mkdtemp(prefix="import-files-"))
    try:
        for name in wanted:
            path = folder / ("customers.xlsx" if name == "import_100k" else "customers.csv")
            (write_xlsx if path.suffix == ".xlsx" else write_csv)(path, ROWS)
            with empty_database(url) as db:
                floor = _floor_ms(db, ROWS)
                elapsed, note = _import_ms(db, path)
            figures.append(figure(name, [elapsed], [floor], note=f"{note}, {path.suffix}"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return figures
