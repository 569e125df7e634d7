"""`python main.py plans run`: the generator from the command line, no sign-in, idempotent."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from main import main
from tests.conftest import url_for_subprocess
from tests.factories import (
    add_contract,
    add_customer,
    add_desk_user,
    add_equipment,
    with_reference_data,
)
from workstation.db import Database
from workstation.models import ServiceContract, Visit
from workstation.services.maintenance_plans import PlanInput, create_plan
from workstation.services.plan_generator import centre_today


def _visits(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Visit)) or 0)


def test_plans_run_creates_due_visits_once(db: Database, capsys: pytest.CaptureFixture) -> None:
    with_reference_data(db)
    customer = add_customer(db)
    devices = (add_equipment(db, customer), add_equipment(db, customer))
    today = centre_today()
    contract = add_contract(
        db,
        customer,
        valid_from=today - timedelta(days=10),
        valid_to=today + timedelta(days=400),
        equipment_ids=devices,
    )
    with db.session() as session:
        session.execute(
            update(ServiceContract)
            .where(ServiceContract.id == contract)
            .values(delivery_date=today + timedelta(days=7))
        )
        session.commit()
    boss = add_desk_user(db, "boss", "supervisor")
    plan = PlanInput("年检", "inspection", 12, today + timedelta(days=20), lead_days=30)
    # Saving the plan made its visits; removed again, the run has them to make.
    create_plan(db, boss, plan, contract_id=contract, now=datetime.now().astimezone())
    with db.session() as session:
        session.query(Visit).delete()
        session.commit()
    url = url_for_subprocess(db.url)

    assert main(["plans", "run", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "created 4 visits (2 maintenance or inspection, 2 installation)" in out
    assert "skipped 0 already there" in out and today.isoformat() in out
    assert _visits(db) == 4

    assert main(["plans", "run", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "created 0 visits" in out and "skipped 4 already there" in out
    assert _visits(db) == 4


def test_plans_run_refuses_a_database_without_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "empty.db"
    assert main(["plans", "run", "--database", f"sqlite:///{path}"]) == 2
    assert "run 'python main.py db upgrade' first" in capsys.readouterr().err
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
