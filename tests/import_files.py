"""Spreadsheets for import tests, written by the test itself: .xlsx through openpyxl, .csv in
the encodings Excel saves (UTF-8, UTF-8 with BOM, GBK)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

CUSTOMER_HEADER = (
    "客户名称", "联系人", "手机", "电话", "邮箱", "地址", "城市", "客户等级",
    "序列号", "型号", "安装日期", "保修截止", "合同号",
)  # fmt: skip
ENGLISH_HEADER = (
    "Customer name", "Contact", "Mobile", "Phone", "E-mail", "Address", "City", "Tier",
    "Serial number", "Model", "Install date", "Warranty end", "Contract no.",
)  # fmt: skip

# Four customers, one of them with two contacts and two devices (rows 2–6).
GOOD_ROWS: tuple[tuple[Any, ...], ...] = (
    ("上海精密仪器有限公司", "张三", "138 1234 5678", "021-6552 1234", "zhang@jm.cn",
     "上海市浦东新区张江路 1 号", "上海", "VIP", "LP-2020-0001", "LP-2020", "2025-03-01", "", ""),
    ("上海精密仪器有限公司", "李四", "139 0000 1111", "", "", "", "上海", "", "LP-2020-0002",
     "LP-2020", datetime(2025, 4, 2), "2027/4/1", ""),
    ("北京华信科技", "王五", "+86 137 1111 2222", "", "", "北京市海淀区中关村大街 5 号", "北京",
     "重点", "", "", "", "", ""),
    ("Acme Trading Ltd", "John Smith", "0086 135 2222 3333", "", "john@acme.com", "",
     "Shenzhen", "standard", "LP-3050-0009", "LP-3050DN", "2024年12月5日", "20261205", ""),
    ("杭州个人用户", "赵六", "18600001234", "", "", "", "杭州", "", "", "", "", "", ""),
)  # fmt: skip


def write_xlsx(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], sheet: str = "客户"
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
        for cell in worksheet[worksheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as typed after a '
    workbook.create_sheet("说明").append(["这一页不是数据"])
    workbook.save(path)
    return path


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]], encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


def write_csv(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], encoding: str = "utf-8"
) -> Path:
    text_rows = [
        [v.strftime("%Y-%m-%d") if isinstance(v, datetime) else v for v in r] for r in rows
    ]
    path.write_bytes(csv_bytes(header, text_rows, encoding))
    return path
