"""The import wizard driven like an administrator would, on both back ends; its screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.factories import add_customer, add_desk_user, with_reference_data
from tests.import_files import CUSTOMER_HEADER, GOOD_ROWS, write_csv, write_xlsx
from tests.ui.desk import OpenDesk
from tests.ui.test_screenshots import save
from ui.i18n import CHINESE, ENGLISH, Translations
from ui.import_wizard import ImportWizard
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.importing.columns import Field
from workstation.models import AuditRecord, Customer, Equipment
from workstation.services.auth import SignedInUser

TIMEOUT = 20_000


@pytest.fixture
def admin(db: Database) -> SignedInUser:
    with_reference_data(db)
    return add_desk_user(db, "importer", "admin")


def _count(db: Database, model: object) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


def _bad_file(tmp_path: Path, round_: int = 0) -> Path:
    """The good rows and two bad ones; another round has other customers, phones, serials."""
    rows = [list(r) for r in GOOD_ROWS]
    for i, row in enumerate(rows if round_ else []):
        row[0] = f"{row[0]}（{round_}）"
        row[2], row[3] = f"135{round_:04d}{i:04d}", ""
        row[8] = f"{row[8]}-{round_}" if row[8] else ""
    rows.append(["坏数据公司", "孙七", "12345", "", "", "", "", "", "", "", "", "", ""])
    rows.append(["坏数据公司二", "周八", "13600001111", "", "", "", "", "", "LP-2020-0001",
                 "LP-2020", "2025-13-01", "", ""])  # fmt: skip
    return write_xlsx(tmp_path / f"客户导入{round_}.xlsx", CUSTOMER_HEADER, rows)


def _open(qtbot: QtBot, db: Database, runner: TaskRunner, user: SignedInUser) -> ImportWizard:
    wizard = ImportWizard(db, runner, user)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _to_check_page(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.load(path)
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=TIMEOUT)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    qtbot.waitUntil(wizard.mapping_page.isComplete, timeout=TIMEOUT)
    wizard.next()
    assert wizard.currentPage() is wizard.check_page
    qtbot.waitUntil(lambda: wizard.choice.check is not None, timeout=TIMEOUT)


def test_the_wizard_checks_reports_and_imports(
    qtbot: QtBot, db: Database, runner: TaskRunner, admin: SignedInUser, tmp_path: Path
) -> None:
    path = _bad_file(tmp_path)
    wizard = _open(qtbot, db, runner, admin)
    page = wizard.file_page
    assert not page.isComplete()
    page.load(tmp_path / "nowhere.xlsx")
    qtbot.waitUntil(lambda: page.status.text() == "There is no such file.", timeout=TIMEOUT)
    assert not page.isComplete()
    page.load(path)
    qtbot.waitUntil(page.isComplete, timeout=TIMEOUT)
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == [
        "客户",
        "说明",
    ]
    wizard.next()

    mapping = wizard.mapping_page
    assert mapping.combos[Field.CUSTOMER_NAME].currentText() == "客户名称"
    assert mapping.combos[Field.MOBILE].currentText() == "手机"
    assert mapping.preview.model().rowCount() == 7
    # Leaving out the customer name makes the page incomplete, and says why.
    mapping.combos[Field.CUSTOMER_NAME].setCurrentIndex(0)
    assert not mapping.isComplete()
    assert "Customer name" in mapping.missing.text()
    mapping.combos[Field.CUSTOMER_NAME].setCurrentIndex(1)
    mapping.combos[Field.EMAIL].setCurrentIndex(0)  # a choice of the user's own
    assert mapping.isComplete()

    # Back and forth keeps what was chosen.
    wizard.back()
    assert page.path_edit.text() == str(path)
    wizard.next()
    assert mapping.combos[Field.EMAIL].currentIndex() == 0
    assert Field.EMAIL not in (wizard.choice.mapping or {})

    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: wizard.choice.check is not None, timeout=TIMEOUT)
    assert "7 rows: 5 would be created" in check.summary.text()
    assert check.errors_model.rowCount() == 2
    problems = [check.errors_model.index(r, 3).data() for r in range(2)]
    assert problems == [
        "not a valid phone number",
        "not a date (2026-03-01, 2026/3/1, 2026年3月1日 or 20260301)",
    ]
    assert not check.isComplete()  # rejected rows: only with "leave them out"
    report = tmp_path / "errors.xlsx"
    check.save_report(report)
    assert report.exists()
    assert _count(db, Customer) == 0
    check.skip_box.setChecked(True)
    assert check.isComplete()

    wizard.next()
    run = wizard.run_page
    qtbot.waitUntil(lambda: run.result is not None, timeout=TIMEOUT)
    assert "5 created" in run.summary.text()
    assert _count(db, Customer) == 4 and _count(db, Equipment) == 3
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()


def test_cancel_in_the_wizard_writes_nothing(
    qtbot: QtBot, db: Database, runner: TaskRunner, admin: SignedInUser, tmp_path: Path
) -> None:
    rows = [
        (f"客户{i}", f"联系人{i}", f"139{i:08d}", "", "", "", "上海", "", "", "", "", "", "")
        for i in range(3000)
    ]
    path = write_csv(tmp_path / "many.csv", CUSTOMER_HEADER, rows, "gbk")
    wizard = _open(qtbot, db, runner, admin)
    _to_check_page(qtbot, wizard, path)
    assert "3,000 rows: 3,000 would be created" in wizard.check_page.summary.text()
    wizard.next()
    wizard.run_page.cancel_button.click()  # at once: the import stops at its next check
    qtbot.waitUntil(lambda: not wizard.run_page.running, timeout=TIMEOUT)
    assert wizard.run_page.stage.text() == "Import cancelled: nothing was written."
    assert _count(db, Customer) == 0 and _count(db, AuditRecord) == 0


def test_the_import_menu_is_for_administrators_only(
    qtbot: QtBot, open_desk: OpenDesk, db: Database
) -> None:
    _, window = open_desk("agent", username="agent7")
    assert not window.import_action.isVisible()
    window.show_import()
    assert window.import_wizard is None


def test_an_open_customer_card_reads_itself_again_after_an_import(
    qtbot: QtBot, open_desk: OpenDesk, db: Database, tmp_path: Path
) -> None:
    with_reference_data(db)
    known = add_customer(db, "北京华信科技", contacts=(("王五", ("13711112222",)),))
    _, window = open_desk("admin", username="admin7")
    window.agent_desk.show_customer(known.customer_id, 0)
    card = window.agent_desk.customer_card
    qtbot.waitUntil(lambda: card.card is not None, timeout=TIMEOUT)
    assert window.import_action.isVisible()
    window.import_action.trigger()
    wizard = window.import_wizard
    assert isinstance(wizard, ImportWizard)
    path = write_xlsx(tmp_path / "customers.xlsx", CUSTOMER_HEADER, GOOD_ROWS)
    _to_check_page(qtbot, wizard, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=TIMEOUT)
    # The file adds an address to 北京华信科技: the open card shows it without a click.
    qtbot.waitUntil(
        lambda: card.card is not None and card.card.address.startswith("北京市海淀区"),
        timeout=TIMEOUT,
    )


def test_screenshots_of_every_page_in_both_languages(
    qtbot: QtBot,
    db: Database,
    runner: TaskRunner,
    admin: SignedInUser,
    translations: Translations,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params["database_url"]
    for round_, language in enumerate((ENGLISH, CHINESE)):
        path = _bad_file(tmp_path, round_)
        translations.switch(language)
        wizard = _open(qtbot, db, runner, admin)
        wizard.resize(900, 640)
        wizard.file_page.load(path)
        qtbot.waitUntil(wizard.file_page.isComplete, timeout=TIMEOUT)
        qtbot.wait(50)
        save(wizard, f"import_1_file_{language}_{backend}")
        wizard.next()
        qtbot.wait(50)
        save(wizard, f"import_2_columns_{language}_{backend}")
        wizard.next()
        qtbot.waitUntil(lambda w=wizard: w.choice.check is not None, timeout=TIMEOUT)
        qtbot.wait(50)
        save(wizard, f"import_3_check_{language}_{backend}")
        wizard.check_page.skip_box.setChecked(True)
        wizard.next()
        qtbot.waitUntil(lambda w=wizard: w.run_page.result is not None, timeout=TIMEOUT)
        qtbot.wait(50)
        save(wizard, f"import_4_done_{language}_{backend}")
        wizard.close()
    translations.switch(ENGLISH)
