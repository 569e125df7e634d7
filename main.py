"""Start the Service Desk Workstation, or run one of its commands without a window.

python main.py                         the workstation (sign-in, then the main window)
python main.py db upgrade|current      the schema of a database (administrators)
python main.py demo-data --customers N a demo database, small or at full scale
python main.py pop --phone NUMBER      screen pop from telephony: the running desk shows the caller
python main.py settings [set NAME N]   the centre-wide settings every desk shares (administrators)
python main.py report NAME --from D --to D --user NAME --out FILE.xlsx   a report, headless
python main.py import FILE --kind K    customers or equipment from .xlsx/.csv (administrators)
python main.py plans run               create the visits maintenance plans and deliveries make due
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from workstation.config import DatabaseChoice
    from workstation.startup import DeskDatabase

SMALL_DEMO_CUSTOMERS = 300
SETTINGS_KEY_DATABASE_URL = "database/url"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Service Desk Workstation: after-sales service centre desk "
        "(call intake, customer and device history, queue, dispatch, reports).",
        epilog="The database is chosen in this order: --database, the environment variable "
        "WORKSTATION_DATABASE_URL, the saved setting, else an SQLite file in the user's data "
        "folder (created with demo data on first start). PostgreSQL URLs look like "
        "postgresql://user:password@host:5432/dbname.",
    )
    parser.add_argument("--database", metavar="URL", help="database URL (SQLite or PostgreSQL)")
    parser.add_argument(
        "--no-demo-data",
        action="store_true",
        help="do not load demo data into a newly created embedded database",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db_cmd = commands.add_parser("db", help="show or upgrade the schema of a database")
    db_cmd.add_argument("action", choices=["upgrade", "current"])
    db_cmd.add_argument("--database", metavar="URL", help="database URL", dest="sub_database")

    pop = commands.add_parser(
        "pop",
        help="incoming call: the running workstation comes to the front with the caller "
        "(started if none runs)",
    )
    pop.add_argument("--phone", required=True, metavar="NUMBER", help="the calling number")
    pop.add_argument("--call-id", default="", metavar="ID", help="the telephony system's call id")

    settings = commands.add_parser(
        "settings", help="show the centre-wide settings, or change one (administrators)"
    )
    settings.add_argument("action", nargs="?", choices=["show", "set"], default="show")
    settings.add_argument("name", nargs="?", help="the setting to change")
    settings.add_argument("value", nargs="?", help="its new value")
    settings.add_argument("--database", metavar="URL", help="database URL", dest="sub_database")

    report = commands.add_parser(
        "report",
        help="write a report workbook without a window (scheduled runs)",
        description="Write one report to an Excel workbook. Runs as --user, who must be an "
        "active supervisor or administrator, signed in with a password: asked, or read from the "
        "environment variable WORKSTATION_PASSWORD for a scheduled job.",
    )
    report.add_argument("name", metavar="NAME", help="the report (see 'report --list')", nargs="?")
    report.add_argument("--list", action="store_true", help="list the reports and stop")
    report.add_argument("--from", dest="start", metavar="DATE", help="first day, 2026-11-01")
    report.add_argument("--to", dest="end", metavar="DATE", help="last day (included)")
    report.add_argument("--region", action="append", default=[], metavar="CODE")
    report.add_argument("--queue", action="append", default=[], metavar="CODE")
    report.add_argument("--product-kind", action="append", default=[], metavar="KIND")
    report.add_argument("--tier", action="append", default=[], metavar="TIER")
    report.add_argument("--customer", metavar="ID-or-PHONE", help="customer report: who")
    report.add_argument("--user", metavar="NAME", help="run as this supervisor/administrator")
    report.add_argument("--lang", choices=["en", "zh"], default="en", help="workbook language")
    report.add_argument("--out", metavar="FILE.xlsx", help="the workbook to write")
    report.add_argument("--database", metavar="URL", help="database URL", dest="sub_database")
    imp = commands.add_parser(
        "import",
        help="import customers or equipment from an .xlsx or .csv file (administrators)",
        description="Check every row, then import all accepted rows in one transaction "
        "(or nothing). The user signs in: the password is asked, or read from the "
        "environment variable WORKSTATION_PASSWORD. Exit status: 0 imported (or checked), "
        "1 rows rejected (nothing imported unless --skip-rejected), 2 the file, the "
        "columns or the sign-in are wrong, 3 the database refused (nothing imported).",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help=".xlsx or .csv (UTF-8 or GBK)")
    imp.add_argument("--kind", required=True, choices=["customers", "equipment"])
    imp.add_argument("--user", required=True, metavar="NAME", help="an administrator's user name")
    imp.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook (default: first)")
    imp.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="take FIELD from the column with this header (overrides the guess; repeatable)",
    )
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    imp.add_argument(
        "--skip-rejected",
        action="store_true",
        help="import the accepted rows even when others are rejected",
    )
    imp.add_argument("--errors", type=Path, metavar="OUT.xlsx", help="save rejected rows here")
    imp.add_argument("--database", metavar="URL", help="database URL", dest="sub_database")

    plans = commands.add_parser(
        "plans",
        help="create the visits maintenance plans and contract deliveries make due",
        description="Create the due visits of maintenance and inspection plans and the "
        "installation visits of contract deliveries, as every desk does after sign-in (for a "
        "scheduled job on the server). Needs no sign-in: it only adds due work, each visit once "
        "however often and wherever it runs. Exit status: 0 done, 2 the schema is not current.",
    )
    plans.add_argument("action", choices=["run"])
    plans.add_argument("--database", metavar="URL", help="database URL", dest="sub_database")

    demo = commands.add_parser("demo-data", help="fill an empty database with demo data")
    demo.add_argument("--customers", type=int, default=SMALL_DEMO_CUSTOMERS, metavar="N")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same data (default 1)")
    demo.add_argument("--database", metavar="URL", help="database URL", dest="sub_database")
    return parser


def default_data_dir() -> Path:
    """The user's data folder for this program (QStandardPaths: right on every OS)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName("ServiceDesk")
    QCoreApplication.setApplicationName("Workstation")
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location)


def saved_database_url() -> str | None:
    from PySide6.QtCore import QSettings

    value = QSettings("ServiceDesk", "Workstation").value(SETTINGS_KEY_DATABASE_URL)
    return str(value) if value else None


def choose_database(option: str | None) -> DatabaseChoice:
    from workstation.config import resolve_database_url

    return resolve_database_url(option, dict(os.environ), saved_database_url(), default_data_dir())


def url_text(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def cmd_db(args: argparse.Namespace) -> int:
    from workstation.db import Database
    from workstation.schema import check_schema, upgrade

    choice = choose_database(args.sub_database or args.database)
    db = Database.connect(choice.url)
    try:
        if args.action == "current":
            check = check_schema(db.engine)
            print(f"database: {url_text(choice.url)}")
            print(f"schema revision: {check.database_revision or 'none'} ({check.state.value})")
            print(f"program revision: {check.program_revision}")
            return 0
        upgrade(db.engine)
        print(f"{url_text(choice.url)}: upgraded to {check_schema(db.engine).database_revision}")
        return 0
    finally:
        db.dispose()


def cmd_settings(args: argparse.Namespace) -> int:
    from workstation.db import Database
    from workstation.services.centre_settings import InvalidSetting, all_settings, change_setting

    choice = choose_database(args.sub_database or args.database)
    db = Database.connect(choice.url)
    try:
        if args.action == "set":
            if args.name is None or args.value is None:
                print("usage: main.py settings set NAME VALUE", file=sys.stderr)
                return 2
            try:
                value = change_setting(db, args.name, args.value, user=None)
            except InvalidSetting as refused:
                print(f"not changed: {_setting_problem(refused)}", file=sys.stderr)
                return 2
            print(f"{args.name} = {value} (every desk uses it from now on)")
            return 0
        for current in all_settings(db):
            spec = current.spec
            source = "set by the centre" if current.changed else "default"
            print(f"{spec.name} = {current.value}  ({source}; {spec.minimum}–{spec.maximum})")
            print(f"    {spec.meaning}")
        return 0
    finally:
        db.dispose()


def _setting_problem(refused: Exception) -> str:
    error = getattr(refused, "error", None)
    if error is None:
        return str(refused)
    if error.code == "unknown":
        return f"no such setting (known: {error.params['known']})"
    if error.code == "out_of_range":
        return f"the value must be from {error.params['min']} to {error.params['max']}"
    return "the value must be a whole number"


def _print_progress(stage: str, done: int, total: int) -> None:
    percent = 100 * done // total if total else 100
    print(f"\r{stage:<16} {done:>10,} / {total:,} ({percent:3d}%)", end="", flush=True)
    if done >= total:
        print()


def cmd_demo_data(args: argparse.Namespace) -> int:
    from workstation.db import Database
    from workstation.demo import DemoDataExists, generate_demo_data
    from workstation.schema import SchemaState, check_schema, upgrade

    choice = choose_database(args.sub_database or args.database)
    db = Database.connect(choice.url)
    try:
        state = check_schema(db.engine).state
        if state is SchemaState.EMPTY or (
            state is SchemaState.BEHIND and choice.is_embedded_sqlite
        ):
            upgrade(db.engine)
        elif state is not SchemaState.CURRENT:
            print(
                f"schema is {state.value}: run 'python main.py db upgrade' first", file=sys.stderr
            )
            return 2
        started = time.perf_counter()
        try:
            summary = generate_demo_data(
                db, args.customers, seed=args.seed, progress=_print_progress
            )
        except DemoDataExists as error:
            print(f"not loaded: {error}", file=sys.stderr)
            return 2
        elapsed = time.perf_counter() - started
        print(
            f"loaded {summary.customers:,} customers, {summary.equipment:,} devices, "
            f"{summary.tickets:,} tickets, {summary.calls:,} calls, {summary.events:,} events, "
            f"{summary.visits:,} visits, {summary.maintenance_plans:,} maintenance plans "
            f"into {url_text(choice.url)} in {elapsed:.1f} s"
        )
        return 0
    finally:
        db.dispose()


def cmd_report(args: argparse.Namespace) -> int:
    """A report without a window: plain messages and exit code 2 for bad input."""
    from workstation.db import Database
    from workstation.export.workbook import ExportCancelled, ExportFailed
    from workstation.schema import SchemaState, check_schema
    from workstation.services.kpi_filters import Period
    from workstation.services.reports import export_report, report_definition, report_names
    from workstation.services.reports.base import ReportRequest
    from workstation.services.reports.scheduled import (
        BadReportInput,
        filter_from_codes,
        find_customer,
        parse_day,
        run_as,
    )

    if args.list:
        for name in report_names():
            print(f"{name:<14} {report_definition(name).title('en')}")
        return 0
    missing = [
        option
        for option, value in (
            ("NAME", args.name), ("--from", args.start), ("--to", args.end),
            ("--user", args.user), ("--out", args.out),
        )
        if not value
    ]  # fmt: skip
    if missing:
        print(f"report: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print("report: --out must name an .xlsx file", file=sys.stderr)
        return 2
    choice = choose_database(args.sub_database or args.database)
    db = Database.connect(choice.url)
    try:
        state = check_schema(db.engine).state
        if state is not SchemaState.CURRENT:
            raise BadReportInput(
                f"the database schema is {state.value}: run 'python main.py db upgrade' first"
            )
        definition = report_definition(args.name)
        period = Period(parse_day(args.start, "--from"), parse_day(args.end, "--to"))
        user = run_as(db, args.user)
        flt = filter_from_codes(db, args.region, args.queue, args.product_kind, args.tier)
        customer = find_customer(db, args.customer) if args.customer else None
        if definition.needs_customer and customer is None:
            raise BadReportInput(f"the {args.name} report needs --customer")
        request = ReportRequest(period, flt, customer, args.lang)
        started = time.perf_counter()
        shown: list[tuple[int, int]] = []

        def progress(done: int, total: int) -> None:
            if not shown or shown[-1] != (done, total):
                shown.append((done, total))
                _print_progress("rows", done, total)

        result = export_report(db, user, args.name, request, out, progress=progress)
    except (BadReportInput, ExportFailed, ValueError) as error:
        print(f"\nreport: {error}", file=sys.stderr)
        return 2
    except (ExportCancelled, KeyboardInterrupt):
        print("\nreport: cancelled, nothing written", file=sys.stderr)
        return 130
    finally:
        db.dispose()
    print(f"wrote {result.rows:,} rows to {result.path} in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    """Run the plan generator once and say what it did."""
    from workstation.db import Database
    from workstation.schema import SchemaState, check_schema
    from workstation.services.plan_generator import generate_due_visits

    choice = choose_database(args.sub_database or args.database)
    db = Database.connect(choice.url)
    try:
        state = check_schema(db.engine).state
        if state is not SchemaState.CURRENT:
            print(
                f"plans: the database schema is {state.value}: "
                "run 'python main.py db upgrade' first",
                file=sys.stderr,
            )
            return 2
        started = time.perf_counter()
        result = generate_due_visits(db)
    finally:
        db.dispose()
    print(
        f"created {result.created:,} visits ({result.maintenance:,} maintenance or inspection, "
        f"{result.installations:,} installation), skipped {result.skipped:,} already there, "
        f"moved {result.moved:,} to a changed delivery date "
        f"(today {result.today.isoformat()}, {time.perf_counter() - started:.1f} s)"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workstation.importing.cli import run_import_command

    choice = choose_database(args.sub_database or args.database)
    return run_import_command(args, choice.url)


def cmd_gui(args: argparse.Namespace, first_message: dict[str, object] | None = None) -> int:
    """The window first, the database behind it: SQLAlchemy loads on a worker thread while
    the sign-in window is already on screen (cold-start budget)."""
    from ui.app import run_workstation

    option, environ = args.database, dict(os.environ)
    saved, data_dir = saved_database_url(), default_data_dir()
    demo = 0 if args.no_demo_data else SMALL_DEMO_CUSTOMERS

    def open_database() -> DeskDatabase:
        from workstation.config import resolve_database_url
        from workstation.startup import open_desk_database

        choice = resolve_database_url(option, environ, saved, data_dir)
        return open_desk_database(choice, demo_customers=demo)

    return run_workstation(open_database, argv=sys.argv, first_message=first_message)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(argv)
    if args.command == "db":
        return cmd_db(args)
    if args.command == "demo-data":
        return cmd_demo_data(args)
    if args.command == "settings":
        return cmd_settings(args)
    if args.command == "report":
        return cmd_report(args)
    if args.command == "import":
        return cmd_import(args)
    if args.command == "plans":
        return cmd_plans(args)
    if args.command == "pop":
        # Handed to the running desk if there is one; else this start becomes the desk.
        return cmd_gui(args, {"command": "pop", "phone": args.phone, "call_id": args.call_id})
    return cmd_gui(args)


if __name__ == "__main__":
    sys.exit(main())
