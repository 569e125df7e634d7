"""The fields an import fills, and which column of a file holds each: guessed from the header
in English or Chinese, changed by the user in the wizard or on the command line."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum


class ImportKind(StrEnum):
    CUSTOMERS = "customers"  # customers with a contact, a site and optionally a device a row
    EQUIPMENT = "equipment"  # devices of customers that exist already


class Field(StrEnum):
    CUSTOMER_NAME = "customer_name"
    CUSTOMER_KIND = "customer_kind"
    TIER = "tier"
    ADDRESS = "address"
    CONTACT_NAME = "contact_name"
    PHONE = "phone"
    MOBILE = "mobile"
    EMAIL = "email"
    WECHAT = "wechat"
    SITE_NAME = "site_name"
    CITY = "city"
    SITE_ADDRESS = "site_address"
    SERIAL = "serial"
    MODEL = "model"
    INSTALL_DATE = "install_date"
    WARRANTY_END = "warranty_end"
    CONTRACT = "contract"


# Header names seen in customer lists, English and Chinese, compared after normalising
# (lower case, no blanks, brackets or punctuation). The first match in this order wins.
HEADER_NAMES: dict[Field, tuple[str, ...]] = {
    Field.CUSTOMER_NAME: (
        "客户名称",
        "客户名",
        "客户",
        "公司名称",
        "公司",
        "单位名称",
        "单位",
        "企业名称",
        "企业",
        "customer",
        "customername",
        "company",
        "companyname",
        "account",
        "accountname",
    ),
    Field.CUSTOMER_KIND: ("客户类型", "客户类别", "类型", "kind", "customertype", "type"),
    Field.TIER: ("客户等级", "等级", "级别", "服务等级", "tier", "level", "customertier"),
    Field.ADDRESS: ("地址", "客户地址", "公司地址", "详细地址", "address", "customeraddress"),
    Field.CONTACT_NAME: (
        "联系人",
        "联系人姓名",
        "联系人名称",
        "姓名",
        "contact",
        "contactname",
        "contactperson",
    ),
    Field.PHONE: (
        "电话",
        "联系电话",
        "座机",
        "办公电话",
        "固定电话",
        "电话号码",
        "phone",
        "telephone",
        "tel",
        "officephone",
        "phonenumber",
    ),
    Field.MOBILE: (
        "手机",
        "手机号",
        "手机号码",
        "移动电话",
        "mobile",
        "mobilephone",
        "cell",
        "cellphone",
    ),
    Field.EMAIL: ("邮箱", "电子邮箱", "电子邮件", "邮件", "email", "e-mail", "mail"),
    Field.WECHAT: ("微信", "微信号", "wechat", "wechatid", "weixin"),
    Field.SITE_NAME: (
        "场所",
        "场所名称",
        "站点",
        "网点",
        "安装地点",
        "地点",
        "site",
        "sitename",
        "location",
    ),
    Field.CITY: ("城市", "所在城市", "市", "city"),
    Field.SITE_ADDRESS: (
        "场所地址",
        "安装地址",
        "站点地址",
        "siteaddress",
        "installationaddress",
    ),
    Field.SERIAL: (
        "序列号",
        "设备序列号",
        "机身号",
        "机器序列号",
        "sn",
        "s/n",
        "serial",
        "serialnumber",
        "serialno",
    ),
    Field.MODEL: (
        "型号",
        "产品型号",
        "设备型号",
        "机型",
        "model",
        "productmodel",
        "modelcode",
    ),
    Field.INSTALL_DATE: (
        "安装日期",
        "安装时间",
        "装机日期",
        "installdate",
        "installationdate",
        "installed",
    ),
    Field.WARRANTY_END: (
        "保修截止",
        "保修截止日期",
        "保修到期",
        "保修到期日",
        "质保到期",
        "保修期至",
        "warrantyend",
        "warrantyuntil",
        "warrantyexpiry",
        "warranty",
    ),
    Field.CONTRACT: (
        "合同号",
        "合同编号",
        "合同",
        "服务合同",
        "contract",
        "contractnumber",
        "contractno",
    ),
}

CUSTOMER_FIELDS: tuple[Field, ...] = tuple(Field)
EQUIPMENT_FIELDS: tuple[Field, ...] = (
    Field.CUSTOMER_NAME,
    Field.PHONE,
    Field.MOBILE,
    Field.SITE_NAME,
    Field.SERIAL,
    Field.MODEL,
    Field.INSTALL_DATE,
    Field.WARRANTY_END,
    Field.CONTRACT,
)
# Required: a column must be chosen, and its cell filled. The phone of a customer row may be
# in either phone column; an equipment row names its customer by phone or name.
REQUIRED: dict[ImportKind, tuple[Field, ...]] = {
    ImportKind.CUSTOMERS: (Field.CUSTOMER_NAME, Field.CONTACT_NAME),
    ImportKind.EQUIPMENT: (Field.SERIAL, Field.MODEL),
}


def fields_of(kind: ImportKind) -> tuple[Field, ...]:
    return CUSTOMER_FIELDS if kind is ImportKind.CUSTOMERS else EQUIPMENT_FIELDS


_NOISE = re.compile(r"[\s_\-.:：()（）\[\]【】*#]+")


def normalise_header(text: str) -> str:
    """ "Serial No." → "serialno", "保修截止（日期）" → "保修截止日期", " 手机 * " → "手机"."""
    return _NOISE.sub("", str(text or "").strip().lower())


def guess_mapping(headers: Sequence[str], kind: ImportKind) -> dict[Field, int]:
    """{field: column index} for the fields whose column the header names.

    An exact name first, then a header that starts with a known name ("联系电话1"); each
    column is given to one field only.
    """
    normalised = [normalise_header(h) for h in headers]
    taken: set[int] = set()
    found: dict[Field, int] = {}
    wanted = fields_of(kind)
    for exact in (True, False):
        for field in wanted:
            if field in found:
                continue
            for name in HEADER_NAMES[field]:
                column = _find(normalised, name, exact, taken)
                if column is not None:
                    found[field] = column
                    taken.add(column)
                    break
    return {field: found[field] for field in wanted if field in found}


def _find(headers: Sequence[str], name: str, exact: bool, taken: set[int]) -> int | None:
    for index, header in enumerate(headers):
        if index in taken or not header:
            continue
        if header == name or (not exact and len(name) > 1 and header.startswith(name)):
            return index
    return None


def missing_required(mapping: Mapping[Field, int], kind: ImportKind) -> tuple[Field, ...]:
    """Required fields without a column (an import cannot start without them)."""
    missing = [f for f in REQUIRED[kind] if f not in mapping]
    phones = Field.PHONE in mapping or Field.MOBILE in mapping
    if kind is ImportKind.CUSTOMERS and not phones:
        missing.append(Field.PHONE)
    if kind is ImportKind.EQUIPMENT and not phones and Field.CUSTOMER_NAME not in mapping:
        missing.append(Field.CUSTOMER_NAME)
    return tuple(missing)
