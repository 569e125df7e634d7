"""`python main.py report …`: a scheduled run writes the workbook, bad input says why."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update

from main import main
from tests.conftest import url_for_subprocess
from tests.factories import add_customer, add_desk_user, add_ticket, with_reference_data
from tests.ticket_factories import beijing
from workstation.db import Database
from workstation.models import User
from workstation.passwords import hash_password
from workstation.terminal_sign_in import PASSWORD_VARIABLE

PASSWORD = "s3cret-report"


@pytest.fixture
def url(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    """A centre with a supervisor and an agent who sign in with PASSWORD (a scheduled job
    gives it in WORKSTATION_PASSWORD)."""
    with_reference_data(db)
    for name, role in (("boss", "supervisor"), ("agent1", "agent")):
        add_desk_user(db, name, role)
        with db.session() as session:
            session.execute(
                update(User)
                .where(User.username == name)
                .values(password_hash=hash_password(PASSWORD))
            )
            session.commit()
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    customer = add_customer(db, "北京华信科技", contacts=(("张三", ("138 1234 5678",)),))
    for day in (3, 4):
        add_ticket(db, customer, reported_at=beijing(2026, 11, day, 9) + timedelta(minutes=day))
    return url_for_subprocess(db.url)


def test_report_writes_the_workbook(url: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "tickets.xlsx"
    code = main(
        ["report", "tickets", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "boss",
         "--lang", "zh", "--out", str(out), "--database", url]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "wrote 2 rows" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["汇总", "工单"]
    assert book["工单"]["E2"].value == "北京华信科技"


def test_customer_by_phone(url: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "c.xlsx"
    code = main(
        ["report", "customer", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "boss",
         "--customer", "13812345678", "--out", str(out), "--database", url]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert len(list(openpyxl.load_workbook(out)["Tickets"].iter_rows())) == 3


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--user", "agent1"], "may not export reports"),
        (["--user", "nobody"], "sign-in failed"),
        (["--user", "boss", "--region", "XX"], "no region with code 'XX'"),
        (["--user", "boss", "--tier", "gold"], "no tier 'gold'"),
        (["--user", "boss", "--from", "1.11.2026"], "--from must be a date"),
        (["--user", "boss", "--to", "2026-10-01"], "must not end before it starts"),
        (["--user", "boss", "--name-is-wrong"], "unrecognized arguments"),
    ],
)
def test_bad_input_is_a_plain_message(
    url: str, tmp_path: Path, capsys, extra: list[str], message: str
) -> None:
    out = tmp_path / "t.xlsx"
    argv = ["report", "tickets", "--from", "2026-11-01", "--to", "2026-11-30",
            "--out", str(out), "--database", url, *extra]  # fmt: skip
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own refusal
        code = int(exit_.code or 0)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_customer_report_needs_a_customer(url: str, tmp_path: Path, capsys) -> None:
    code = main(
        ["report", "customer", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "boss",
         "--out", str(tmp_path / "c.xlsx"), "--database", url]
    )  # fmt: skip
    assert code == 2 and "needs --customer" in capsys.readouterr().err


def test_unwritable_target_is_a_plain_message(url: str, tmp_path: Path, capsys) -> None:
    code = main(
        ["report", "tickets", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "boss",
         "--out", str(tmp_path / "missing" / "t.xlsx"), "--database", url]
    )  # fmt: skip
    assert code == 2 and "folder_missing" in capsys.readouterr().err


def test_a_wrong_password_writes_nothing(
    url: str, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, "not-the-password")
    out = tmp_path / "t.xlsx"
    code = main(["report", "tickets", "--from", "2026-11-01", "--to", "2026-11-30",
                 "--user", "boss", "--out", str(out), "--database", url])  # fmt: skip
    assert code == 2
    assert "sign-in failed: wrong user name or password" in capsys.readouterr().err
    assert not out.exists()
