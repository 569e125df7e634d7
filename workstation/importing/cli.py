"""`python main.py import FILE --kind customers|equipment`: the import without a window.

The user signs in like at a desk (an administrator: the service checks the role). The
password is asked on the terminal, or read from WORKSTATION_PASSWORD for scheduled jobs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from workstation.importing.columns import Field, ImportKind, guess_mapping, normalise_header
from workstation.importing.plan import ImportCancelled, ImportCounts, RowError
from workstation.importing.report import english_message, write_error_report
from workstation.importing.sources import Source, SourceError
from workstation.terminal_sign_in import terminal_sign_in

ERRORS_SHOWN = 20

OK, REJECTED, WRONG, REFUSED = 0, 1, 2, 3


def _mapping(
    headers: tuple[str, ...], kind: ImportKind, overrides: list[str], out: TextIO
) -> dict[Field, int] | None:
    mapping = guess_mapping(headers, kind)
    normalised = [normalise_header(h) for h in headers]
    for item in overrides:
        name, _, header = item.partition("=")
        try:
            field = Field(name.strip())
        except ValueError:
            print(f"unknown field {name!r} (known: {', '.join(f.value for f in Field)})", file=out)
            return None
        if normalise_header(header) not in normalised:
            print(f"no column {header!r} in the file", file=out)
            return None
        mapping[field] = normalised.index(normalise_header(header))
    return mapping


def _print_counts(counts: ImportCounts, dry_run: bool, out: TextIO) -> None:
    verb = "would be" if dry_run else "were"
    print(
        f"{counts.rows:,} rows: {counts.created:,} {verb} created, {counts.updated:,} "
        f"updated, {counts.unchanged:,} unchanged, {counts.rejected:,} rejected",
        file=out,
    )
    print(
        f"new records: {counts.new_customers:,} customers, {counts.new_contacts:,} contacts, "
        f"{counts.new_phones:,} phone numbers, {counts.new_sites:,} sites, "
        f"{counts.new_equipment:,} devices; {counts.updated_records:,} records updated",
        file=out,
    )


def _print_errors(errors: tuple[RowError, ...], out: TextIO) -> None:
    for error in errors[:ERRORS_SHOWN]:
        column = f" [{error.column}]" if error.column else ""
        value = f" {error.value!r}:" if error.value else ""
        print(f"  row {error.row}{column}{value} {english_message(error)}", file=out)
    if len(errors) > ERRORS_SHOWN:
        print(f"  … and {len(errors) - ERRORS_SHOWN:,} more", file=out)


def _progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        percent = 100 * done // total if total else 100
        print(f"\r{stage:<10} {done:>10,} / {total:,} ({percent:3d}%)", end="", file=sys.stderr)
        if done >= total:
            print(file=sys.stderr)


def run_import_command(args: argparse.Namespace, url: URL) -> int:
    """The import subcommand; its exit status."""
    from workstation.db import Database
    from workstation.errors import classify
    from workstation.permissions import PermissionDenied
    from workstation.services.auth import SignInFailed
    from workstation.services.data_import import (
        ImportRequest,
        MappingIncomplete,
        RowsRejected,
        check_import,
        run_import,
    )

    out, err = sys.stdout, sys.stderr
    kind = ImportKind(args.kind)
    path: Path = args.file
    try:
        with Source(path, args.sheet) as source:
            headers, sheet = source.headers, source.sheet or None
    except SourceError as error:
        print(f"cannot read {path}: {error}", file=err)
        return WRONG
    mapping = _mapping(headers, kind, args.column, err)
    if mapping is None:
        return WRONG
    db = Database.connect(url)
    try:
        try:
            user = terminal_sign_in(db, args.user)
        except SignInFailed:
            print("sign-in failed: wrong user name or password", file=err)
            return WRONG
        request = ImportRequest(path, kind, mapping, sheet)
        try:
            if args.dry_run:
                check = check_import(db, user, request, _progress)
                counts, errors = check.counts, check.errors
            else:
                result = run_import(db, user, request, _progress, skip_rejected=args.skip_rejected)
                counts, errors = result.counts, result.errors
        except PermissionDenied:
            print(f"not imported: {args.user} is not an administrator", file=err)
            return WRONG
        except MappingIncomplete as missing:
            names = ", ".join(f.value for f in missing.missing)
            print(f"not imported: no column for {names} (use --column FIELD=HEADER)", file=err)
            return WRONG
        except RowsRejected as rejected:
            counts, errors = rejected.check.counts, rejected.check.errors
            _print_counts(counts, True, out)
            _print_errors(errors, err)
            _save_errors(args.errors, errors, out)
            print("nothing imported: fix the rejected rows, or pass --skip-rejected", file=err)
            return REJECTED
        except (ImportCancelled, KeyboardInterrupt):
            print("\ncancelled: nothing imported", file=err)
            return REFUSED
        except DBAPIError as error:
            problem = classify(error)
            if problem is None:
                raise
            print(f"nothing imported: the database refused ({problem.detail})", file=err)
            return REFUSED
        _print_counts(counts, args.dry_run, out)
        _print_errors(errors, err)
        _save_errors(args.errors, errors, out)
        return REJECTED if errors and args.dry_run else OK
    finally:
        db.dispose()


def _save_errors(target: Path | None, errors: tuple[RowError, ...], out: TextIO) -> None:
    if target is not None and errors:
        write_error_report(target, errors)
        print(f"rejected rows saved to {target}", file=out)
