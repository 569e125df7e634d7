"""Find the caller: one query string to customers, contacts, equipment and tickets, by index.

What a query can be, and the index that answers it (every statement has a LIMIT):

- a phone number in any format ("138 1234 5678", "+86-138-1234-5678", "0086…",
  "010-6552 1234"): equality on contact_phones.e164; a beginning of one: a range
  on `national` (or on `e164` after "+"/"00"); its last 4+ digits: a range on
  `reversed_digits`;
- a customer or contact name in Chinese characters: a range on customers.name
  (ix_customers_name); contacts by the pinyin of the typed characters (a range on
  contacts.pinyin_full, at most `_CONTACT_CANDIDATES` rows) checked against the
  name; full pinyin or its initials ("zs" finds 张三): ranges on pinyin_full and
  pinyin_initials of customers and contacts (Latin names are stored lower-case
  there, so they are found the same way);
- a part of a company name anywhere ("精密仪器"): SQLite FTS5 `trigram` table
  customers_fts, PostgreSQL pg_trgm GIN index with ILIKE (migration 0003).
  **Limit: both answer only parts of 3 characters or more.** A 1–2 character
  query (most Chinese personal names) is found by prefix only;
- a serial number exactly or by its beginning (upper-cased as stored): the
  unique index on equipment.serial_number; an exact serial also sets
  `exact_equipment_id`, so a scanner's Enter opens the device;
- a device's QR code "SDW:EQ:<serial>" (passport label, service sheet; workstation/
  device_code.py), scanned or pasted: that serial alone, as above;
- a ticket number "SR-2026-000123", "2026-000123" or a beginning of it: a range
  on tickets.number; its last digits (3–7 digits): equality on the numbers those
  digits make in the years tickets were numbered in.

Ranges are `col >= :low AND col < :high`, the bounds computed here: SQLite uses
an index for that but not for `LIKE 'x%'`. They assume code-point order, which
SQLite's BINARY collation and a PostgreSQL database in the C/C.UTF-8 collation
give. A query that fits several kinds ("2024") runs every strategy that applies;
the hits are merged, grouped by kind, exact before prefix before substring.
Customers merged into another never appear; rows still pointing at one show the
customer kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, TextClause, text

from workstation.db import Database
from workstation.device_code import serial_in_payload
from workstation.phones import digits_of, parse_phone
from workstation.search_keys import has_cjk, name_search_keys

KINDS = ("customer", "contact", "equipment", "ticket")

# Search objects the migrations create that SQLAlchemy models cannot describe.
FTS_TABLE = "customers_fts"
TRIGRAM_INDEXES = frozenset({"ix_customers_name_trgm"})
SUBSTRING_MIN_CHARS = 3
SUFFIX_MIN_DIGITS = 4
PREFIX_MIN_DIGITS = 3
# Contacts read by the pinyin of Chinese characters before their names are compared.
_CONTACT_CANDIDATES = 200
# Last digits of a ticket number find it among this year's and the two years before.
TICKET_YEARS = 3

_EXACT, _PREFIX, _SUBSTRING = 0, 1, 2


@dataclass(frozen=True)
class LookupHit:
    """One row found: what it is, whose it is, and why it was found.

    `detail` is one line of data (phone as typed, the contact's company, model and
    customer of a device, status code and customer of a ticket); `matched` a code
    (phone, phone_suffix, name, pinyin, company, serial, ticket) and `matched_text`
    the value that matched it; screens translate codes themselves.
    """

    kind: str
    id: int
    customer_id: int
    title: str
    detail: str
    matched: str
    tier: str
    customer_name: str = ""
    status: str = ""
    matched_text: str = ""


@dataclass(frozen=True)
class LookupResult:
    query: str
    hits: tuple[LookupHit, ...]
    exact_equipment_id: int | None

    def of_kind(self, kind: str) -> tuple[LookupHit, ...]:
        return tuple(hit for hit in self.hits if hit.kind == kind)


def is_search_index_object(name: str | None, type_: str) -> bool:
    """Whether a schema object is one of the lookup's FTS/trigram objects (for Alembic's
    model/migration comparison, which cannot model them)."""
    if not name:
        return False
    if type_ == "table":
        return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")
    if type_ == "index":
        return name in TRIGRAM_INDEXES
    return False


def upper_bound(prefix: str) -> str:
    """The smallest string above every string starting with `prefix` (code-point order)."""
    last = ord(prefix[-1])
    if last >= 0x10FFFF:
        return prefix + "\U0010ffff"
    return prefix[:-1] + chr(last + 1)


def normalise_serial(text_: str) -> str:
    """Serials as stored: upper case, no blanks (scanners and people differ)."""
    return "".join(text_.split()).upper()


# ---------------------------------------------------------------- statements
#
# Every strategy that applies is one branch of a single UNION ALL statement: one round trip
# per lookup. Each branch keeps its own ORDER BY and LIMIT (so its own index) inside a
# subquery, and returns the same columns:
#   s (the strategy), id, title, extra (address, phone as typed, model, ticket status),
#   ckind (a customer's kind), pf, pi (pinyin keys), owner_id, owner_name, owner_tier.

_OWNER = (
    "COALESCE(m.id, c.id) AS owner_id, COALESCE(m.name, c.name) AS owner_name, "
    "COALESCE(m.tier, c.tier) AS owner_tier"
)
_OWNER_JOIN = "LEFT JOIN customers m ON m.id = c.merged_into_id"
_CUSTOMER = (
    "SELECT {s} AS s, c.id, c.name AS title, c.address AS extra, c.kind AS ckind, "
    "c.pinyin_full AS pf, c.pinyin_initials AS pi, c.id AS owner_id, c.name AS owner_name, "
    "c.tier AS owner_tier FROM customers c "
)
_CONTACT = (
    "SELECT {s} AS s, ct.id, ct.name AS title, '' AS extra, '' AS ckind, "
    f"ct.pinyin_full AS pf, ct.pinyin_initials AS pi, {_OWNER} FROM "
)
_PHONE = (
    "SELECT {s} AS s, ct.id, ct.name AS title, p.raw AS extra, '' AS ckind, '' AS pf, "
    f"'' AS pi, {_OWNER} FROM contact_phones p JOIN contacts ct ON ct.id = p.contact_id "
    f"JOIN customers c ON c.id = ct.customer_id {_OWNER_JOIN} "
)
_EQUIPMENT = (
    "SELECT {s} AS s, e.id, e.serial_number AS title, pm.name AS extra, '' AS ckind, "
    f"'' AS pf, '' AS pi, {_OWNER} FROM equipment e "
    "JOIN product_models pm ON pm.id = e.product_model_id "
    f"JOIN customers c ON c.id = e.customer_id {_OWNER_JOIN} "
)
_TICKET = (
    "SELECT {s} AS s, t.id, t.number AS title, t.status AS extra, '' AS ckind, '' AS pf, "
    f"'' AS pi, {_OWNER} FROM tickets t JOIN customers c ON c.id = t.customer_id {_OWNER_JOIN} "
)

# Strategy codes: what matched, and how well, follow from them.
(
    PHONE_EXACT,
    PHONE_E164_PREFIX,
    PHONE_NATIONAL_PREFIX,
    PHONE_SUFFIX,
    CUSTOMER_NAME,
    CONTACT_NAME,
    CUSTOMER_INITIALS,
    CUSTOMER_PINYIN,
    CONTACT_INITIALS,
    CONTACT_PINYIN,
    COMPANY_PART_FTS,
    COMPANY_PART_TRGM,
    SERIAL,
    TICKET_RANGE,
    TICKET_DIGITS,
) = range(1, 16)


def _range_where(column: str) -> str:
    return f"{column} >= :{{p}}low AND {column} < :{{p}}high ORDER BY {column}"


_BRANCHES: dict[int, str] = {
    PHONE_EXACT: _PHONE + "WHERE p.e164 = :{p}value",
    PHONE_E164_PREFIX: _PHONE + "WHERE " + _range_where("p.e164"),
    PHONE_NATIONAL_PREFIX: _PHONE + "WHERE " + _range_where("p.national"),
    PHONE_SUFFIX: _PHONE + "WHERE " + _range_where("p.reversed_digits"),
    CUSTOMER_NAME: _CUSTOMER + "WHERE c.merged_into_id IS NULL AND " + _range_where("c.name"),
    # Contacts by the pinyin of the typed characters, at most `cap` of them, then by name.
    CONTACT_NAME: _CONTACT
    + "(SELECT id FROM contacts WHERE "
    + _range_where("pinyin_full")
    + " LIMIT :{p}cap) cand JOIN contacts ct ON ct.id = cand.id "
    f"JOIN customers c ON c.id = ct.customer_id {_OWNER_JOIN} "
    "WHERE ct.name >= :{p}name_low AND ct.name < :{p}name_high",
    CUSTOMER_INITIALS: _CUSTOMER
    + "WHERE c.merged_into_id IS NULL AND "
    + _range_where("c.pinyin_initials"),
    CUSTOMER_PINYIN: _CUSTOMER
    + "WHERE c.merged_into_id IS NULL AND "
    + _range_where("c.pinyin_full"),
    CONTACT_INITIALS: _CONTACT
    + f"contacts ct JOIN customers c ON c.id = ct.customer_id {_OWNER_JOIN} WHERE "
    + _range_where("ct.pinyin_initials"),
    CONTACT_PINYIN: _CONTACT
    + f"contacts ct JOIN customers c ON c.id = ct.customer_id {_OWNER_JOIN} WHERE "
    + _range_where("ct.pinyin_full"),
    COMPANY_PART_FTS: _CUSTOMER.replace("FROM customers c", "FROM customers_fts f")
    + "JOIN customers c ON c.id = f.rowid "
    "WHERE customers_fts MATCH :{p}value AND c.merged_into_id IS NULL",
    COMPANY_PART_TRGM: _CUSTOMER + "WHERE c.name ILIKE :{p}value AND c.merged_into_id IS NULL",
    SERIAL: _EQUIPMENT + "WHERE " + _range_where("e.serial_number"),
    TICKET_RANGE: _TICKET + "WHERE " + _range_where("t.number"),
    # The numbers the digits make in this year and the years before (TICKET_YEARS).
    TICKET_DIGITS: _TICKET
    + "WHERE t.number IN ("
    + ", ".join(f":{{p}}year{i}" for i in range(TICKET_YEARS))
    + ") ORDER BY t.number DESC",
}

_SERIAL_EXACT = text(
    "SELECT id FROM equipment WHERE serial_number IN (:serial, :typed) "
    "ORDER BY serial_number <> :serial LIMIT 1"
)

_PHONE_CHARS = re.compile(r"[\d\s()+\-./]+")
_TICKET_FULL = re.compile(r"SR-?(\d{4})(?:-(\d*))?")
_TICKET_YEAR_FIRST = re.compile(r"(\d{4})-(\d*)")
_SERIAL_CHARS = re.compile(r"[A-Z0-9][A-Z0-9\-_/.]*")
_PINYIN_CHARS = re.compile(r"[A-Za-z][A-Za-z .'&\-]*")
_TICKET_DIGITS = 6
_LIKE_SPECIAL = re.compile(r"([\\%_])")


class _Statement:
    """The branches one query needs, built into one UNION ALL statement."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.params: dict[str, Any] = {}
        self.context: dict[int, str] = {}  # strategy → the key it searched for

    def add(self, strategy: int, key: str, **params: Any) -> None:
        p = f"b{len(self.parts)}_"
        branch = _BRANCHES[strategy].format(s=strategy, p=p)
        self.parts.append(f"SELECT * FROM ({branch} LIMIT :{p}n) {p}q")
        self.params.update({p + name: value for name, value in params.items()})
        self.params[p + "n"] = self.limit
        self.context.setdefault(strategy, key)

    def add_range(self, strategy: int, prefix: str, **params: Any) -> None:
        self.add(strategy, prefix, low=prefix, high=upper_bound(prefix), **params)

    def run(self, conn: Connection) -> list[Any]:
        if not self.parts:
            return []
        return list(conn.execute(_compiled(" UNION ALL ".join(self.parts)), self.params))


@lru_cache(maxsize=512)
def _compiled(sql: str) -> TextClause:
    return text(sql)


# ---------------------------------------------------------------- collecting


class _Hits:
    """Hits by kind, the best rank kept per row, in the order found within a rank."""

    def __init__(self) -> None:
        self._best: dict[tuple[str, int], tuple[int, int, LookupHit]] = {}
        self._seen = 0

    def add(self, rank: int, hit: LookupHit) -> None:
        key = (hit.kind, hit.id)
        self._seen += 1
        known = self._best.get(key)
        if known is None or rank < known[0]:
            self._best[key] = (rank, known[1] if known else self._seen, hit)

    def grouped(self, limit: int) -> tuple[LookupHit, ...]:
        ordered = sorted(self._best.values(), key=lambda item: (item[0], item[1]))
        out: list[LookupHit] = []
        for kind in KINDS:
            out += [hit for _rank, _order, hit in ordered if hit.kind == kind][:limit]
        return tuple(out)


def lookup(db: Database, query: str, limit: int = 20) -> LookupResult:
    """Everything the query can mean, `limit` hits at most per kind (see the module doc)."""
    typed = query.strip()
    if not typed or limit <= 0:
        return LookupResult(query, (), None)
    scanned = serial_in_payload(typed)
    if scanned is not None:
        typed = scanned
        statement = _Statement(limit)
        statement.add_range(SERIAL, normalise_serial(scanned))
    else:
        statement = _plan(typed, db.backend, limit)
    with db.engine.connect() as conn:
        if db.backend != "sqlite":
            # A read needs no transaction: no BEGIN and ROLLBACK round trips on a server.
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        rows = statement.run(conn)
        conn.rollback()
    hits = _Hits()
    exact_equipment: int | None = None
    for row in rows:
        rank, hit = _hit(row, typed, statement.context[row.s])
        hits.add(rank, hit)
        if row.s == SERIAL and rank == _EXACT:
            exact_equipment = row.id
    return LookupResult(query, hits.grouped(limit), exact_equipment)


def find_serial(db: Database, serial: str) -> int | None:
    """The device with exactly this serial number (any case, blanks ignored), else None;
    also from a device's QR code."""
    serial = serial_in_payload(serial) or serial
    normalised = normalise_serial(serial)
    if not normalised:
        return None
    with db.engine.connect() as conn:
        found = conn.execute(
            _SERIAL_EXACT, {"serial": normalised, "typed": serial.strip()}
        ).scalar()
        conn.rollback()
    return int(found) if found is not None else None


# ---------------------------------------------------------------- which strategies apply


def _plan(typed: str, backend: str, limit: int) -> _Statement:
    statement = _Statement(limit)
    digits = digits_of(typed)
    cjk = has_cjk(typed)
    if _PHONE_CHARS.fullmatch(typed) and len(digits) >= PREFIX_MIN_DIGITS:
        _phones(statement, typed, digits)
    if cjk:
        _cjk_names(statement, typed)
    elif _PINYIN_CHARS.fullmatch(typed):
        _pinyin(statement, typed)
    serial = normalise_serial(typed)
    serial_like = bool(_SERIAL_CHARS.fullmatch(serial)) and any(ch.isdigit() for ch in serial)
    if len(typed) >= SUBSTRING_MIN_CHARS and (cjk or _PINYIN_CHARS.fullmatch(typed)):
        _company_part(statement, backend, typed)
    if serial_like:
        statement.add_range(SERIAL, serial)
    _tickets(statement, typed, digits)
    return statement


def _phones(statement: _Statement, typed: str, digits: str) -> None:
    parsed = parse_phone(typed)
    if parsed is not None:
        statement.add(PHONE_EXACT, parsed.e164, value=parsed.e164)
        return
    compact = "".join(ch for ch in typed if ch.isdigit() or ch == "+")
    if compact.startswith(("+", "00")):
        international = "+" + (digits[2:] if compact.startswith("00") else digits)
        if len(international) > 2:
            statement.add_range(PHONE_E164_PREFIX, international)
        if compact.startswith("+"):
            return
        # "0069" may be the beginning of "0086…" or the last digits of a number.
    statement.add_range(PHONE_NATIONAL_PREFIX, digits)
    if len(digits) >= SUFFIX_MIN_DIGITS:
        statement.add_range(PHONE_SUFFIX, digits[::-1])


def _cjk_names(statement: _Statement, typed: str) -> None:
    statement.add_range(CUSTOMER_NAME, typed)
    full, _initials = name_search_keys(typed)
    if full:
        statement.add_range(
            CONTACT_NAME,
            full,
            cap=_CONTACT_CANDIDATES,
            name_low=typed,
            name_high=upper_bound(typed),
        )


def _pinyin(statement: _Statement, typed: str) -> None:
    key = "".join(typed.lower().split())  # "zhang san" is stored "zhangsan"
    latin = " ".join(typed.lower().split())  # Latin names keep their blanks
    statement.add_range(CUSTOMER_INITIALS, key)
    statement.add_range(CONTACT_INITIALS, key)
    statement.add_range(CUSTOMER_PINYIN, latin)
    statement.add_range(CONTACT_PINYIN, latin)
    if latin != key:
        statement.add_range(CUSTOMER_PINYIN, key)
        statement.add_range(CONTACT_PINYIN, key)


def _company_part(statement: _Statement, backend: str, typed: str) -> None:
    if backend == "sqlite":
        statement.add(COMPANY_PART_FTS, typed, value='"' + typed.replace('"', '""') + '"')
    else:
        pattern = "%" + _LIKE_SPECIAL.sub(r"\\\1", typed) + "%"
        statement.add(COMPANY_PART_TRGM, typed, value=pattern)


def _tickets(statement: _Statement, typed: str, digits: str) -> None:
    compact = "".join(typed.split()).upper()
    full = _TICKET_FULL.fullmatch(compact)
    year_first = _TICKET_YEAR_FIRST.fullmatch(compact)
    if full:
        prefix = f"SR-{full.group(1)}" + (f"-{full.group(2)}" if full.group(2) is not None else "")
        statement.add_range(TICKET_RANGE, prefix)
    elif year_first:
        statement.add_range(TICKET_RANGE, f"SR-{year_first.group(1)}-{year_first.group(2)}")
    elif compact.isdigit() and PREFIX_MIN_DIGITS <= len(digits) <= _TICKET_DIGITS + 1:
        number = digits.zfill(_TICKET_DIGITS)
        this_year = datetime.now(UTC).year
        years = {f"year{i}": f"SR-{this_year - i}-{number}" for i in range(TICKET_YEARS)}
        statement.add(TICKET_DIGITS, digits, **years)


# ---------------------------------------------------------------- rows to hits

_MATCHED = {
    PHONE_EXACT: "phone",
    PHONE_E164_PREFIX: "phone",
    PHONE_NATIONAL_PREFIX: "phone",
    PHONE_SUFFIX: "phone_suffix",
    CUSTOMER_NAME: "name",
    CONTACT_NAME: "name",
    SERIAL: "serial",
    TICKET_RANGE: "ticket",
    TICKET_DIGITS: "ticket",
}
_KIND = {
    **dict.fromkeys((PHONE_EXACT, PHONE_E164_PREFIX, PHONE_NATIONAL_PREFIX), "contact"),
    PHONE_SUFFIX: "contact",
    CONTACT_NAME: "contact",
    CONTACT_INITIALS: "contact",
    CONTACT_PINYIN: "contact",
    SERIAL: "equipment",
    TICKET_RANGE: "ticket",
    TICKET_DIGITS: "ticket",
}


def _hit(row: Any, typed: str, key: str) -> tuple[int, LookupHit]:
    """How well the row matched, and the hit it makes."""
    s = row.s
    kind = _KIND.get(s, "customer")
    matched = _MATCHED.get(s, "")
    if s in (PHONE_EXACT,):
        rank = _EXACT
    elif s in (PHONE_E164_PREFIX, PHONE_NATIONAL_PREFIX):
        rank = _PREFIX
    elif s == PHONE_SUFFIX:
        rank, key = _SUBSTRING, key[::-1]
    elif s in (CUSTOMER_NAME, CONTACT_NAME):
        rank = _EXACT if row.title == typed else _PREFIX
    elif s in (CUSTOMER_INITIALS, CUSTOMER_PINYIN, CONTACT_INITIALS, CONTACT_PINYIN):
        whole = (row.pf, row.pi, row.pf.replace(" ", ""))
        rank = _EXACT if key in whole else _PREFIX
        matched = "pinyin" if has_cjk(row.title) else "name"
    elif s in (COMPANY_PART_FTS, COMPANY_PART_TRGM):
        name, part = row.title.lower(), typed.lower()
        rank = _EXACT if name == part else _PREFIX if name.startswith(part) else _SUBSTRING
        matched = "company" if row.ckind == "company" else "name"
    elif s == TICKET_DIGITS:
        rank = _SUBSTRING
    else:  # SERIAL, TICKET_RANGE
        rank = _EXACT if row.title == key else _PREFIX
    if kind == "customer":
        detail = row.extra or ""
    elif kind == "contact":
        is_phone = s in (PHONE_EXACT, PHONE_E164_PREFIX, PHONE_NATIONAL_PREFIX, PHONE_SUFFIX)
        detail = f"{row.extra} · {row.owner_name}" if is_phone else row.owner_name
        if is_phone:
            key = row.extra
    else:
        detail = f"{row.extra} · {row.owner_name}"
    hit = LookupHit(
        kind=kind,
        id=row.id,
        customer_id=row.owner_id,
        title=row.title,
        detail=detail,
        matched=matched,
        tier=row.owner_tier,
        customer_name=row.owner_name,
        status=row.extra if kind == "ticket" else "",
        matched_text=key,
    )
    return rank, hit
