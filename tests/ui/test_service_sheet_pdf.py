"""The printed service sheet and passport label: written, one page each, the words in English
and Chinese present (pdftotext), fonts embedded, and the QR code on the page the device's."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.factories import add_customer, add_equipment
from tests.sheet_factories import add_visit
from tests.ticket_factories import add_office_plan, add_planned_ticket, add_worker, beijing
from ui.service_sheet_pdf import LABEL_SIZE_MM, qr_matrix, write_passport_label, write_service_sheet
from workstation.db import Database
from workstation.device_code import device_payload, serial_in_payload
from workstation.services.passport import PassportFacts, passport_facts
from workstation.services.reference import load_reference_data
from workstation.services.service_sheet import SheetDetail, SheetInput, record_sheet, sheet_detail

POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")
WORK = "更换定影组件，清洁进纸通道，打印测试页正常。Replaced the fuser unit."


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def _fonts_embedded(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "no fonts in the PDF"
    return [row.split()[-5] for row in rows]  # the "emb" column


@pytest.fixture
def completed(db: Database) -> SheetDetail:
    """A repair visit on a ticket, its sheet recorded: the detail the window prints."""
    load_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer, serial="SN-PDF-0001")
    engineer = add_worker(db, "王工")
    ticket = add_planned_ticket(
        db,
        customer,
        add_office_plan(db),
        beijing(2026, 3, 31, 9),
        status="assigned",
        assignee_id=engineer.id,
        equipment_id=device,
    )
    visit = add_visit(
        db,
        customer,
        beijing(2026, 4, 1, 9),
        engineer_id=engineer.id,
        ticket_id=ticket,
        equipment_id=device,
        checklist=("检查定影器", "打印测试页"),
    )
    sheet = SheetInput(
        arrived_at=beijing(2026, 4, 1, 9, 10),
        departed_at=beijing(2026, 4, 1, 10, 40),
        work_done=WORK,
        result="fixed",
        travel_km=Decimal("12.5"),
        confirmed_by="李经理",
        root_cause="定影组件老化",
    )
    record_sheet(db, engineer, visit, 1, sheet, beijing(2026, 4, 1, 11))
    return sheet_detail(db, engineer, visit)


@needs_poppler
def test_the_service_sheet_is_one_a4_page_in_both_languages(
    qapp: QApplication, tmp_path: Path, completed: SheetDetail
) -> None:
    pdf = tmp_path / f"{completed.number}.pdf"
    assert write_service_sheet(completed, pdf, datetime(2026, 4, 1, 3, tzinfo=UTC)) == 1
    assert _pages(pdf) == 1
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "595 x 842 pts (A4)" in info
    text = _text(pdf)
    for words in (
        "Service sheet 服务报告单",
        "Work done 维修内容",
        "Result 处理结果",
        "Fixed 已修复",
        "Total 合计",
        "Confirmed by 确认人",
        "Signature 签字",
        completed.number,
        completed.ticket_number,
        "上海精密仪器有限公司",
        "SN-PDF-0001",
        "更换定影组件",
        "定影组件老化",
        "打印机卡纸",  # the fault as reported
        "检查定影器",
        "李经理",
        "王工",
        "225.00",  # 90 min at 150 an hour
        "25.00",  # 12.5 km at 2 a km
        "250.00",
    ):
        assert words in text, words
    assert set(_fonts_embedded(pdf)) == {"yes"}


@needs_poppler
def test_a_long_sheet_flows_onto_more_pages_and_loses_nothing(
    qapp: QApplication, tmp_path: Path, completed: SheetDetail
) -> None:
    long_work = "\n".join(f"第{i}步：检查并清洁部件 {i}，测试正常。" for i in range(1, 81))
    pdf = tmp_path / "long.pdf"
    pages = write_service_sheet(replace(completed, work_done=long_work + "\nEND-OF-WORK"), pdf)
    assert pages == _pages(pdf) == 3  # the signature block is kept whole on the last page
    text = _text(pdf)
    assert all(f"第{i}步" in text for i in range(1, 81))
    assert "END-OF-WORK" in text and "Signature 签字" in text


@needs_poppler
def test_the_passport_label_is_one_small_page_with_the_devices_facts(
    qapp: QApplication, tmp_path: Path, db: Database
) -> None:
    load_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer, serial="SN-LABEL-0042", install_date=date(2025, 3, 1))
    facts = passport_facts(db, device)
    assert facts.payload == "SDW:EQ:SN-LABEL-0042" == device_payload("SN-LABEL-0042")
    assert serial_in_payload(facts.payload) == "SN-LABEL-0042"
    pdf = tmp_path / "label.pdf"
    assert write_passport_label(facts, pdf) == 1
    assert _pages(pdf) == 1
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "283 x 170 pts" in info  # 100 × 60 mm
    text = _text(pdf)
    for words in (
        "Equipment passport 设备档案",
        "Serial no. 序列号",
        "SN-LABEL-0042",
        "上海精密仪器有限公司",
        "Installed 安装日期",
        "2025-03-01",
        "Warranty until 保修截止",
    ):
        assert words in text, words
    assert set(_fonts_embedded(pdf)) == {"yes"}


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_the_qr_code_on_the_label_is_the_devices_payload_module_for_module(
    qapp: QApplication, tmp_path: Path
) -> None:
    """No decoder here: the page is rendered and every module's centre compared with the
    code segno makes of the payload (which a scanner then reads back)."""
    facts = PassportFacts(1, "SN-QR-0007", "LP-9000", "打印机", "某公司", "总部", "", None, None)
    pdf = tmp_path / "label.pdf"
    write_passport_label(facts, pdf)
    dpi = 254  # one pixel a tenth of a millimetre
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(tmp_path / "label")],
        check=True,
    )
    image = QImage(str(tmp_path / "label.png"))
    width_mm, _height_mm = LABEL_SIZE_MM
    assert abs(image.width() - width_mm * 10) <= 2
    matrix = qr_matrix(facts.payload)
    # Where ui/service_sheet_pdf.py draws it: 3 mm in, 5 mm down, 34 mm square, quiet zone 4.
    unit = 340 / (len(matrix) + 8)
    left, top = 30 + 4 * unit, 50 + 4 * unit
    seen = [
        [
            image.pixelColor(int(left + (x + 0.5) * unit), int(top + (y + 0.5) * unit)).lightness()
            < 128
            for x in range(len(matrix))
        ]
        for y in range(len(matrix))
    ]
    assert seen == matrix
    # The quiet zone is white.
    assert image.pixelColor(int(left - 2 * unit), int(top - 2 * unit)).lightness() > 200
