"""The printed service sheet (A4) and the equipment passport label, as PDF files.

Drawn with QPdfWriter and QPainter (Qt GUI, no widgets), one device unit a tenth of a
millimetre (254 dpi), so the layout reads in millimetres × 10. Both print in English and
Chinese side by side, whatever the desk's language: the sheet goes to the customer and the
label stays on the device for whoever comes next. So their captions are fixed pairs, not
translations. The CJK font of the desk (ui/fonts.py) is used for every word and embedded in
the file (a subset), so the PDF shows the same on a machine without it.

The device's QR code (segno) says "SDW:EQ:<serial>" (workstation/device_code.py): scanned into
the search field it opens the device. It is drawn as one vector path of whole modules, so it
stays sharp at any zoom and on any printer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import segno
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from ui.fonts import cjk_family
from ui.local_time import local_text
from workstation.device_code import device_payload
from workstation.services.passport import PassportFacts
from workstation.services.service_sheet import SheetDetail
from workstation.services.visit_part_lines import ConsumedPart

log = logging.getLogger(__name__)

DPI = 254  # one device unit = 0.1 mm
MM = 10.0
LABEL_SIZE_MM = (100.0, 60.0)
CREATOR = "Service Desk Workstation"

# Captions: English and Chinese side by side.
CAPTIONS: dict[str, tuple[str, str]] = {
    "sheet": ("Service sheet", "服务报告单"),
    "passport": ("Equipment passport", "设备档案"),
    "visit_section": ("Visit", "上门服务"),
    "visit": ("Visit no.", "服务单号"),
    "kind": ("Kind", "服务类型"),
    "booked": ("Booked", "预约时间"),
    "engineer": ("Engineer", "工程师"),
    "ticket": ("Ticket", "工单号"),
    "customer_section": ("Customer", "客户信息"),
    "customer": ("Customer", "客户"),
    "site": ("Site", "地点"),
    "contact": ("Contact", "联系人"),
    "phone": ("Phone", "电话"),
    "device_section": ("Device", "设备信息"),
    "model": ("Model", "型号"),
    "serial": ("Serial no.", "序列号"),
    "installed": ("Installed", "安装日期"),
    "warranty": ("Warranty until", "保修截止"),
    "fault_section": ("Fault reported", "故障描述"),
    "fault": ("Fault", "故障"),
    "error_code": ("Error code", "故障代码"),
    "checklist": ("Checklist", "检查项目"),
    "notes": ("Notes", "备注"),
    "service_section": ("Service record", "服务记录"),
    "arrived": ("Arrived", "到达时间"),
    "departed": ("Departed", "离开时间"),
    "on_site": ("Time on site", "工时"),
    "work_done": ("Work done", "维修内容"),
    "result": ("Result", "处理结果"),
    "cause": ("Cause found", "故障原因"),
    "advice": ("Advice given", "使用建议"),
    "new_unit": ("Replaced by", "更换为"),
    "parts_section": ("Parts", "备件"),
    "part": ("Part", "备件"),
    "parts": ("Parts", "备件费"),
    "grand_total": ("Total with parts", "含备件合计"),
    "cost_section": ("Cost", "费用"),
    "labour": ("Labour", "人工费"),
    "travel": ("Travel", "交通费"),
    "surcharge": ("Urgency surcharge", "加急费"),
    "total": ("Total", "合计"),
    "confirmation": ("Customer confirmation", "客户确认"),
    "confirmed_by": ("Confirmed by", "确认人"),
    "signature": ("Signature", "签字"),
    "date": ("Date", "日期"),
    "printed": ("Printed", "打印时间"),
    "page": ("Page", "页"),
    "hotline": ("Service hotline", "服务热线"),
    "scan": ("Scan to open this device", "扫码查看设备"),
}
KINDS: dict[str, tuple[str, str]] = {
    "repair": ("Repair", "维修"),
    "installation": ("Installation", "安装调试"),
    "preventive_maintenance": ("Preventive maintenance", "定期保养"),
    "inspection": ("Inspection", "巡检"),
    "training": ("Training", "培训"),
}
RESULTS: dict[str, tuple[str, str]] = {
    "fixed": ("Fixed", "已修复"),
    "another_visit": ("Another visit needed", "需再次上门"),
    "unit_replaced": ("Unit replaced", "已更换整机"),
    "no_fault_found": ("No fault found", "未发现故障"),
    "customer_misuse": ("Customer misuse", "客户使用不当"),
}
WARRANTY: dict[str, tuple[str, str]] = {
    "in_warranty": ("in warranty", "保修期内"),
    "under_contract": ("under contract", "合同保障"),
    "chargeable": ("chargeable", "收费"),
}

_INK = QColor("#1a1a1a")
_GREY = QColor("#666666")
_RULE = QColor("#b0b0b0")
_SHADE = QColor("#eef1f4")


def caption(key: str) -> str:
    """E.g. "Work done 维修内容"."""
    english, chinese = CAPTIONS[key]
    return f"{english} {chinese}"


def _pair(words: dict[str, tuple[str, str]], code: str) -> str:
    if not code:
        return ""
    english, chinese = words.get(code, (code, ""))
    return f"{english} {chinese}".strip()


def _model(code: str, name: str) -> str:
    """Its name, with the code in front unless the name has it (as the device card)."""
    if not code or name.startswith(code):
        return name or code
    return f"{code} {name}"


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:,.2f}"


def _font(point_size: float, *, bold: bool = False) -> QFont:
    """The CJK family for every word (embedded once); Qt's default if there is none."""
    family = cjk_family()
    font = QFont()
    if family is not None:
        font.setFamilies([family])
    else:
        log.warning("no Chinese font found: the printout's Chinese may show as boxes")
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


# --- the QR code -------------------------------------------------------------------------


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's dark modules, rows of booleans, without the quiet zone."""
    code = segno.make(payload, error="m", micro=False)
    return [[bool(cell) for cell in row] for row in code.matrix_iter(scale=1, border=0)]


def draw_qr(painter: QPainter, payload: str, rect: QRectF) -> None:
    """The code in `rect` (a square; the quiet zone of 4 modules inside it), as one path of
    whole-module runs: no smoothing, no seams between modules."""
    matrix = qr_matrix(payload)
    modules = len(matrix) + 8
    size = min(rect.width(), rect.height())
    unit = size / modules
    origin = QPointF(rect.left() + 4 * unit, rect.top() + 4 * unit)
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            path.addRect(
                QRectF(origin.x() + start * unit, origin.y() + y * unit, (x - start) * unit, unit)
            )
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRectF(rect.topLeft(), QSizeF(size, size)), QColor("white"))
    painter.fillPath(path, QColor("black"))
    painter.restore()


# --- drawing helpers ---------------------------------------------------------------------


def _writer(path: Path, size: QPageSize, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    return writer


def _layout(text: str, font: QFont, width: float, painter: QPainter) -> QTextLayout:
    """`text` broken into lines of `width` (Chinese breaks between any two characters)."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font, painter.device())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


@dataclass
class _Flow:
    """A top-to-bottom cursor over A4 pages: a row that does not fit starts a new page."""

    writer: QPdfWriter
    painter: QPainter
    top: float
    bottom: float
    left: float
    right: float
    y: float
    pages: int = 1

    def room(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > self.top:
            self.writer.newPage()
            self.pages += 1
            self.y = self.top

    @property
    def width(self) -> float:
        return self.right - self.left


class _SheetPainter:
    LABEL_W = 30 * MM
    GAP = 2 * MM

    def __init__(self, flow: _Flow) -> None:
        self.flow = flow
        self.p = flow.painter
        self.body = _font(9.5)
        self.small = _font(7.5)
        self.bold = _font(9.5, bold=True)
        self.section_font = _font(11, bold=True)

    def section(self, key: str) -> None:
        f = self.flow
        height = 8 * MM
        f.room(height + 8 * MM)
        f.y += 2 * MM
        band = QRectF(f.left, f.y, f.width, 6.5 * MM)
        self.p.fillRect(band, _SHADE)
        self.p.setFont(self.section_font)
        self.p.setPen(_INK)
        self.p.drawText(
            band.adjusted(2 * MM, 0, 0, 0),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            caption(key),
        )
        f.y += 6.5 * MM + 1.5 * MM

    def row(self, key: str, value: str, *, bold: bool = False) -> None:
        """Caption at the left, the value wrapped beside it (a dash when empty); a value
        longer than the page goes on, line by line, on the next one."""
        f = self.flow
        font = self.bold if bold else self.body
        value_x = f.left + self.LABEL_W + self.GAP
        layout = _layout(value.strip() or "—", font, f.right - value_x, self.p)
        lines = [layout.lineAt(i) for i in range(layout.lineCount())]
        f.room(lines[0].height() + 1.5 * MM)
        self.p.setPen(_GREY)
        self.p.setFont(self.small)
        self.p.drawText(
            QRectF(f.left, f.y + 0.4 * MM, self.LABEL_W, 5 * MM),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            caption(key),
        )
        self.p.setPen(_INK)
        for line in lines:
            f.room(line.height())
            line.draw(self.p, QPointF(value_x, f.y - line.position().y()))
            f.y += line.height()
        f.y += 1.5 * MM

    def pairs(self, items: Iterable[tuple[str, str]]) -> None:
        """Two short rows side by side (half the width each)."""
        f = self.flow
        items = list(items)
        half = (f.width - 4 * MM) / 2
        label_w = self.LABEL_W
        metrics = QFontMetricsF(self.body, self.p.device())
        for start in range(0, len(items), 2):
            chunk = items[start : start + 2]
            height = metrics.height() + 1.5 * MM
            f.room(height)
            for column, (key, value) in enumerate(chunk):
                x = f.left + column * (half + 4 * MM)
                self.p.setPen(_GREY)
                self.p.setFont(self.small)
                self.p.drawText(
                    QRectF(x, f.y + 0.4 * MM, label_w, height),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                    caption(key),
                )
                self.p.setPen(_INK)
                self.p.setFont(self.body)
                room = QRectF(x + label_w + self.GAP, f.y, half - label_w - self.GAP, height)
                shown = metrics.elidedText(value or "—", Qt.TextElideMode.ElideRight, room.width())
                self.p.drawText(
                    room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), shown
                )
            f.y += height


# --- the service sheet -------------------------------------------------------------------


def _booked(detail: SheetDetail) -> str:
    if detail.starts_at is None:
        return _day(detail.due_on)
    end = local_text(detail.ends_at)[-5:] if detail.ends_at is not None else ""
    return local_text(detail.starts_at) + (f" – {end}" if end else "")


def _on_site(detail: SheetDetail) -> str:
    minutes = detail.labour_minutes
    if minutes is None:
        return ""
    return f"{minutes // 60} h {minutes % 60:02d} min  ({minutes} min)"


def write_service_sheet(
    detail: SheetDetail, path: str | Path, printed_at: datetime | None = None
) -> int:
    """Write the visit's service sheet to `path` (A4); the number of pages (1 as a rule)."""
    path = Path(path)
    size = QPageSize(QPageSize.PageSizeId.A4)
    writer = _writer(path, size, f"{CAPTIONS['sheet'][0]} {detail.number}")
    painter = QPainter(writer)
    try:
        page = size.rect(QPageSize.Unit.Millimeter)
        flow = _Flow(
            writer,
            painter,
            top=15 * MM,
            bottom=(page.height() - 18) * MM,
            left=15 * MM,
            right=(page.width() - 15) * MM,
            y=15 * MM,
        )
        _sheet_header(painter, flow, detail)
        _sheet_body(_SheetPainter(flow), detail)
        _signature(painter, flow, detail)
        _footer(painter, flow, printed_at or datetime.now().astimezone())
    finally:
        painter.end()
    return flow.pages


def _sheet_header(painter: QPainter, flow: _Flow, detail: SheetDetail) -> None:
    qr_size = 30 * MM
    qr_rect = QRectF(flow.right - qr_size, flow.top - 3 * MM, qr_size, qr_size)
    if detail.serial:
        draw_qr(painter, device_payload(detail.serial), qr_rect)
        painter.setFont(_font(6.5))
        painter.setPen(_GREY)
        painter.drawText(
            QRectF(qr_rect.left() - 10 * MM, qr_rect.bottom(), qr_size + 10 * MM, 4 * MM),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            caption("scan"),
        )
    painter.setPen(_INK)
    if detail.centre_name:
        painter.setFont(_font(10))
        painter.drawText(QPointF(flow.left, flow.y + 4 * MM), detail.centre_name)
        flow.y += 6 * MM
    painter.setFont(_font(18, bold=True))
    title = QRectF(flow.left, flow.y, flow.width - qr_size - 4 * MM, 10 * MM)
    painter.drawText(
        title, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), caption("sheet")
    )
    flow.y += 11 * MM
    painter.setFont(_font(11, bold=True))
    painter.drawText(QPointF(flow.left, flow.y + 4 * MM), detail.number)
    if detail.hotline:
        painter.setFont(_font(9))
        painter.drawText(
            QPointF(flow.left + 40 * MM, flow.y + 4 * MM),
            f"{caption('hotline')}: {detail.hotline}",
        )
    flow.y = max(flow.y + 8 * MM, qr_rect.bottom() + 5 * MM)
    painter.setPen(QPen(_INK, 0.4 * MM))
    painter.drawLine(QPointF(flow.left, flow.y), QPointF(flow.right, flow.y))
    flow.y += 1 * MM


def _sheet_body(s: _SheetPainter, d: SheetDetail) -> None:
    s.section("visit_section")
    s.pairs(
        [
            ("visit", d.number),
            ("kind", _pair(KINDS, d.kind)),
            ("booked", _booked(d)),
            ("engineer", d.engineer_name),
            ("ticket", d.ticket_number),
        ]
    )
    if d.checklist:
        s.row("checklist", "\n".join(f"☐ {item}" for item in d.checklist))
    if d.notes:
        s.row("notes", d.notes)
    s.section("customer_section")
    s.row("customer", d.customer_name, bold=True)
    site = " · ".join(part for part in (d.site_name, d.site_address) if part)
    s.row("site", site or d.customer_address)
    s.pairs([("contact", d.contact_name), ("phone", d.contact_phone)])
    s.section("device_section")
    model = _model(d.model_code, d.model_name)
    warranty = _day(d.warranty_end)
    if d.warranty_state:
        warranty = f"{warranty} ({_pair(WARRANTY, d.warranty_state)})".strip()
    s.pairs(
        [
            ("model", model),
            ("serial", d.serial),
            ("installed", _day(d.install_date)),
            ("warranty", warranty),
        ]
    )
    if d.ticket_id is not None:
        s.section("fault_section")
        s.row("fault", d.fault_description)
        if d.error_code:
            s.row("error_code", d.error_code)
    s.section("service_section")
    s.pairs(
        [
            ("arrived", local_text(d.arrived_at)),
            ("departed", local_text(d.departed_at)),
            ("on_site", _on_site(d)),
            ("result", _pair(RESULTS, d.result)),
        ]
    )
    s.row("work_done", d.work_done)
    if d.root_cause:
        s.row("cause", d.root_cause)
    if d.advice or d.result == "customer_misuse":
        s.row("advice", d.advice)
    if d.replaced_by_serial:
        s.row("new_unit", d.replaced_by_serial)
    if d.parts:
        s.section("parts_section")
        for part in d.parts:
            s.row("part", _part_line(part))
    s.section("cost_section")
    _costs(s, d)


def _costs(s: _SheetPainter, d: SheetDetail) -> None:
    minutes = d.labour_minutes
    labour = f"{_money(d.labour_cost)}"
    if minutes is not None:
        labour += f"   ({minutes} min × {_money(d.rates.labour_per_hour)} / h)"
    travel = _money(d.distance_cost)
    if d.travel_km is not None:
        travel += f"   ({d.travel_km} km × {_money(d.rates.distance_per_km)} / km)"
    s.row("labour", labour)
    s.row("travel", travel)
    s.row("surcharge", _money(d.surcharge))
    s.row("total", _money(d.total_cost), bold=True)
    if d.parts:
        s.row("parts", _money(d.parts_cost))
        grand = (d.total_cost or Decimal(0)) + d.parts_cost
        s.row("grand_total", _money(grand), bold=True)


def _part_line(part: ConsumedPart) -> str:
    """E.g. "FU-2020 Fuser unit 定影组件 × 1 @ 320.00 = 320.00 (removed A1 → fitted B2)"."""
    names = " ".join(dict.fromkeys(n for n in (part.name_en, part.name_zh) if n))
    text = (
        f"{part.part_code} {names} × {part.quantity} @ {_money(part.unit_price)}"
        f" = {_money(part.line_total)}"
    )
    if part.removed_serial or part.fitted_serial:
        text += f"  ({part.removed_serial or '—'} → {part.fitted_serial or '—'})"
    return text


def _signature(painter: QPainter, flow: _Flow, d: SheetDetail) -> None:
    height = 30 * MM
    flow.room(height)
    flow.y += 4 * MM
    painter.setFont(_font(11, bold=True))
    painter.setPen(_INK)
    painter.drawText(QPointF(flow.left, flow.y + 4 * MM), caption("confirmation"))
    flow.y += 8 * MM
    line_y = flow.y + 12 * MM
    small = _font(7.5)
    body = _font(10)
    columns = (
        ("confirmed_by", d.confirmed_by, 0.0, 60 * MM),
        ("signature", "", 66 * MM, 70 * MM),
        ("date", "", 142 * MM, flow.width - 142 * MM),
    )
    painter.setPen(QPen(_INK, 0.25 * MM))
    for key, value, x, width in columns:
        left = flow.left + x
        painter.drawLine(QPointF(left, line_y), QPointF(left + width, line_y))
        if value:
            painter.setFont(body)
            painter.drawText(QPointF(left + 1 * MM, line_y - 2 * MM), value)
        painter.setFont(small)
        painter.setPen(_GREY)
        painter.drawText(QPointF(left, line_y + 4 * MM), caption(key))
        painter.setPen(QPen(_INK, 0.25 * MM))
    flow.y = line_y + 6 * MM


def _footer(painter: QPainter, flow: _Flow, printed_at: datetime) -> None:
    painter.setFont(_font(7))
    painter.setPen(_GREY)
    y = flow.bottom + 8 * MM
    painter.drawText(
        QPointF(flow.left, y), f"{caption('printed')}: {local_text(printed_at)}  ·  {CREATOR}"
    )


# --- the passport label ------------------------------------------------------------------


def write_passport_label(facts: PassportFacts, path: str | Path) -> int:
    """Write the device's passport label (100 × 60 mm) to `path`; the number of pages (1)."""
    path = Path(path)
    width_mm, height_mm = LABEL_SIZE_MM
    size = QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "Passport label")
    writer = _writer(path, size, f"{CAPTIONS['passport'][0]} {facts.serial}")
    painter = QPainter(writer)
    try:
        margin = 3 * MM
        qr_size = 34 * MM
        painter.setPen(QPen(_RULE, 0.2 * MM))
        painter.drawRect(QRectF(1 * MM, 1 * MM, (width_mm - 2) * MM, (height_mm - 2) * MM))
        qr_rect = QRectF(margin, margin + 2 * MM, qr_size, qr_size)
        draw_qr(painter, facts.payload, qr_rect)
        painter.setPen(_GREY)
        painter.setFont(_font(5.5))
        painter.drawText(
            QRectF(margin, qr_rect.bottom(), qr_size, 8 * MM),
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            f"{CAPTIONS['scan'][0]}\n{CAPTIONS['scan'][1]}",
        )
        left = margin + qr_size + 2 * MM
        text_w = width_mm * MM - left - margin
        y = margin + 1 * MM
        painter.setPen(_INK)
        painter.setFont(_font(9, bold=True))
        painter.drawText(
            QRectF(left, y, text_w, 5 * MM),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            caption("passport"),
        )
        y += 6 * MM
        rows = [
            ("serial", facts.serial, True),
            ("model", _model(facts.model_code, facts.model_name), False),
            ("customer", facts.customer_name, False),
            ("site", facts.site_name, False),
            ("installed", _day(facts.install_date), False),
            ("warranty", _day(facts.warranty_end), False),
        ]
        if facts.hotline:
            rows.append(("hotline", facts.hotline, True))
        small = _font(5.5)
        for key, value, strong in rows:
            painter.setPen(_GREY)
            painter.setFont(small)
            painter.drawText(QPointF(left, y + 2 * MM), caption(key))
            font = _font(8, bold=strong)
            metrics = QFontMetricsF(font, writer)
            painter.setPen(_INK)
            painter.setFont(font)
            shown = metrics.elidedText(value or "—", Qt.TextElideMode.ElideRight, text_w)
            painter.drawText(QPointF(left, y + 5.6 * MM), shown)
            y += 7 * MM
        if facts.centre_name:
            painter.setPen(_GREY)
            painter.setFont(small)
            painter.drawText(QPointF(margin, (height_mm - 3) * MM), facts.centre_name)
    finally:
        painter.end()
    return 1
