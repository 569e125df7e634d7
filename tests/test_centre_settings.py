"""Centre-wide settings: defaults, changes by an administrator or the command line, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.engine import URL

import main
from tests.factories import add_desk_user
from workstation.db import Database
from workstation.models import AuditRecord, ChangeLogEntry
from workstation.permissions import PermissionDenied
from workstation.services.centre_settings import (
    LABOUR_RATE_PER_HOUR,
    REPEAT_WINDOW_DAYS,
    InvalidSetting,
    all_settings,
    amount,
    change_setting,
    setting,
)


def _current(db: Database) -> int:
    with db.session() as session:
        return setting(session, REPEAT_WINDOW_DAYS)


def test_the_default_applies_until_the_centre_changes_it(db: Database) -> None:
    assert _current(db) == 30
    shown = {s.spec.name: (s.value, s.changed) for s in all_settings(db)}
    assert shown == {
        "repeat_window_days": (30, False),
        "follow_up_delay_days": (3, False),
        "labour_rate_per_hour": (150, False),
        "distance_rate_per_km": (2, False),
        "urgency_surcharge": (200, False),
        "road_factor": (Decimal("1.30"), False),
        "travel_speed_kmh": (40, False),
    }
    admin = add_desk_user(db, "admin1", role="admin")
    assert change_setting(db, "repeat_window_days", " 14 ", admin) == 14
    assert change_setting(db, "repeat_window_days", "21", admin) == 21
    assert _current(db) == 21
    assert [s.spec.name for s in all_settings(db) if s.changed] == ["repeat_window_days"]
    with db.session() as session:
        audit = session.scalars(
            select(AuditRecord).where(AuditRecord.entity == "centre_setting")
        ).all()
        assert [a.details["value"] for a in audit] == [[30, 14], [14, 21]]
        assert all(a.user_id == admin.id for a in audit)
        changes = session.scalars(
            select(ChangeLogEntry).where(ChangeLogEntry.entity == "centre_setting")
        ).all()
        assert len(changes) == 2


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("repeat_window_days", "0", "out_of_range"),
        ("repeat_window_days", "366", "out_of_range"),
        ("repeat_window_days", "two weeks", "not_a_number"),
        ("no_such_setting", "5", "unknown"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    db: Database, name: str, value: str, code: str
) -> None:
    with pytest.raises(InvalidSetting) as refused:
        change_setting(db, name, value, user=None)
    assert refused.value.error.code == code
    assert _current(db) == 30


def test_cost_rates_are_amounts_with_two_decimals(db: Database) -> None:
    admin = add_desk_user(db, "admin1", role="admin")
    assert change_setting(db, "labour_rate_per_hour", " 180.5 ", admin) == Decimal("180.50")
    assert change_setting(db, "distance_rate_per_km", "1,200.25", admin) == Decimal("1200.25")
    assert change_setting(db, "urgency_surcharge", "0", admin) == 0
    with db.session() as session:
        assert amount(session, LABOUR_RATE_PER_HOUR) == Decimal("180.50")
        assert str(amount(session, LABOUR_RATE_PER_HOUR)) == "180.50"
        audit = session.scalars(
            select(AuditRecord.details).where(AuditRecord.entity == "centre_setting")
        ).all()
    assert audit[0] == {"name": "labour_rate_per_hour", "value": ["150.00", "180.50"]}
    for value, code in (
        ("12.345", "too_precise"),
        ("-1", "out_of_range"),
        ("1e40", "out_of_range"),
        ("NaN", "not_a_number"),
        ("cheap", "not_a_number"),
    ):
        with pytest.raises(InvalidSetting) as refused:
            change_setting(db, "labour_rate_per_hour", value, admin)
        assert refused.value.error.code == code, value
    with pytest.raises(InvalidSetting) as refused:
        change_setting(db, "repeat_window_days", "7.5", admin)
    assert refused.value.error.code == "too_precise"


def test_only_an_administrator_changes_settings(db: Database) -> None:
    agent = add_desk_user(db, "agent1", role="agent")
    with pytest.raises(PermissionDenied):
        change_setting(db, "repeat_window_days", "10", agent)
    assert _current(db) == 30


def test_the_command_line_shows_and_changes_a_setting(
    db: Database, database_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    url = database_url.render_as_string(hide_password=False)
    assert main.main(["settings", "--database", url]) == 0
    assert "repeat_window_days = 30  (default; 1–365)" in capsys.readouterr().out
    assert main.main(["settings", "set", "repeat_window_days", "45", "--database", url]) == 0
    assert "repeat_window_days = 45" in capsys.readouterr().out
    assert main.main(["settings", "set", "repeat_window_days", "400", "--database", url]) == 2
    assert "from 1 to 365" in capsys.readouterr().err
    assert _current(db) == 45
