"""Import customers and equipment from a spreadsheet: look at the file, check it (a dry run),
import it. Administrators only, checked here.

An import is all or nothing: every row the check accepted is written in one transaction, or
nothing is (the database refused, the user cancelled, or the file or the database changed so
that the promised counts no longer hold). It leaves one audit record and one change-log
entry: other desks refresh the open cards of customers it touched, not 100,000 cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.importing.columns import Field, ImportKind, guess_mapping, missing_required
from workstation.importing.plan import (
    ImportCounts,
    Plan,
    Progress,
    RowError,
    ShouldStop,
    make_plan,
)
from workstation.importing.sources import Preview, preview
from workstation.importing.write import write_plan
from workstation.models import AuditRecord, utcnow
from workstation.outcomes import Refused
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser

IMPORT_PERMISSION = Permission.ADMINISTER
CHANGE_ENTITY = "import"
# Ids of stored records an import touched, carried in its change entry up to this many;
# beyond it the entry says "many" and open cards simply read themselves again.
CHANGE_IDS_MAX = 500


@dataclass(frozen=True)
class FileOverview:
    """A file as the wizard first shows it: sheets, header, first rows, guessed columns."""

    preview: Preview
    guessed: dict[Field, int]


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    kind: ImportKind
    mapping: Mapping[Field, int]
    sheet: str | None = None


@dataclass(frozen=True)
class ImportCheck:
    """A dry run's answer: what importing would do, and every rejected row's problems."""

    counts: ImportCounts
    errors: tuple[RowError, ...]


@dataclass(frozen=True)
class ImportResult:
    counts: ImportCounts
    errors: tuple[RowError, ...]
    audit_id: int


class MappingIncomplete(Refused):
    """Required fields have no column: nothing was read."""

    def __init__(self, missing: tuple[Field, ...]) -> None:
        super().__init__("no column for " + ", ".join(f.value for f in missing))
        self.missing = missing


class RowsRejected(Refused):
    """Rows were rejected and the import was not told to leave them out: nothing written."""

    def __init__(self, check: ImportCheck) -> None:
        super().__init__(f"{check.counts.rejected} rows rejected")
        self.check = check


class ImportChanged(Refused):
    """The check now gives other counts than the ones the user agreed to: nothing written."""

    def __init__(self, expected: ImportCounts, now: ImportCounts) -> None:
        super().__init__("the file or the database changed since the check")
        self.expected = expected
        self.now = now


# Unique keys another desk can take between the plan and the write.
_RACED_CONSTRAINTS = frozenset({"uq_equipment_serial_number"})


def _registered_meanwhile(error: IntegrityError) -> bool:
    diag = getattr(error.orig, "diag", None)
    return getattr(diag, "constraint_name", None) in _RACED_CONSTRAINTS


def inspect_file(
    user: SignedInUser, path: Path, kind: ImportKind, sheet: str | None = None
) -> FileOverview:
    """Sheets, header, the first rows and the guessed columns (SourceError if unreadable)."""
    require(user.role, IMPORT_PERMISSION)
    shown = preview(path, sheet)
    return FileOverview(shown, guess_mapping(shown.headers, kind))


def _plan(
    session: Session, request: ImportRequest, progress: Progress | None, stop: ShouldStop | None
) -> Plan:
    missing = missing_required(request.mapping, request.kind)
    if missing:
        raise MappingIncomplete(missing)
    return make_plan(
        session, request.path, request.kind, request.mapping, request.sheet, progress, stop
    )


def check_import(
    db: Database,
    user: SignedInUser,
    request: ImportRequest,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportCheck:
    """Read and check every row: counts of rows that would be created, updated, left
    unchanged or rejected, and the rejected rows' problems. Writes nothing."""
    require(user.role, IMPORT_PERMISSION)
    with db.session() as session:
        plan = _plan(session, request, progress, should_stop)
        return ImportCheck(plan.counts, tuple(plan.errors))


def run_import(
    db: Database,
    user: SignedInUser,
    request: ImportRequest,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    skip_rejected: bool = False,
    expected: ImportCounts | None = None,
) -> ImportResult:
    """Check the file again inside the import's transaction and write every accepted row.

    RowsRejected unless `skip_rejected` when rows fail; ImportChanged when `expected` (the
    counts the user saw) no longer holds, or when another desk registered one of the file's
    serial numbers while it was being written; ImportCancelled when `should_stop` says so. In each
    case, and when the database refuses a write, nothing is written.
    """
    require(user.role, IMPORT_PERMISSION)
    with db.session() as session:
        # The audit record first: on SQLite its insert takes the write lock, so the ids the
        # writer hands out cannot be taken by another desk before this commits.
        record = AuditRecord(
            user_id=user.id, entity=CHANGE_ENTITY, entity_id=0, action="imported", details={}
        )
        session.add(record)
        session.flush()
        plan = _plan(session, request, progress, should_stop)
        check = ImportCheck(plan.counts, tuple(plan.errors))
        if plan.counts.rejected and not skip_rejected:
            raise RowsRejected(check)
        if expected is not None and expected != plan.counts:
            raise ImportChanged(expected, plan.counts)
        touched_customers = plan.touched_customers()
        touched_devices = set(plan.device_updates) | {
            device for _, device in plan.links if isinstance(device, int)
        }
        try:
            write_plan(session.connection(), plan, utcnow(), progress, should_stop)
        except IntegrityError as error:
            if not _registered_meanwhile(error):
                raise
            # Another desk registered one of the file's serial numbers after the check
            # (PostgreSQL; SQLite's write lock, taken above, keeps other desks out).
            session.rollback()
            raise ImportChanged(expected or plan.counts, plan.counts) from error
        counts = plan.counts
        details = {
            "file": plan.file_name,
            "sha256": plan.sha256,
            "kind": plan.kind.value,
            "sheet": request.sheet or "",
            "rows": counts.rows,
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "rejected": counts.rejected,
            "new_customers": counts.new_customers,
            "new_contacts": counts.new_contacts,
            "new_sites": counts.new_sites,
            "new_equipment": counts.new_equipment,
            "updated_records": counts.updated_records,
        }
        session.execute(
            update(AuditRecord)
            .where(AuditRecord.id == record.id)
            .values(entity_id=record.id, details=details)
        )
        change: dict[str, object] = {"kind": plan.kind.value, **_counts_of(counts)}
        if len(touched_customers) + len(touched_devices) <= CHANGE_IDS_MAX:
            change["customer_ids"] = sorted(touched_customers)
            change["equipment_ids"] = sorted(touched_devices)
        else:
            change["many"] = True
        if plan.records_to_write():  # an import that changes nothing wakes no desk
            record_change(session, CHANGE_ENTITY, record.id, "import", user.id, change)
        session.commit()
        return ImportResult(counts, tuple(plan.errors), record.id)


def _counts_of(counts: ImportCounts) -> dict[str, int]:
    return {
        "created": counts.created,
        "updated": counts.updated,
        "new_customers": counts.new_customers,
        "new_equipment": counts.new_equipment,
    }
