"""Settings the whole centre shares, in the database: every desk reads the same values.

Each setting is declared here with its default and its allowed range; the table holds
only what the centre changed. Changing one is on the audit trail and in the change log
(other desks see it at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import AuditRecord, CentreSetting
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, PermissionDenied
from workstation.services.auth import SignedInUser


@dataclass(frozen=True)
class SettingSpec:
    """A setting: its default, its allowed range and, for amounts, its decimal places."""

    name: str
    default: int | Decimal
    minimum: int
    maximum: int
    meaning: str
    decimals: int = 0


REPEAT_WINDOW_DAYS = SettingSpec(
    "repeat_window_days",
    default=30,
    minimum=1,
    maximum=365,
    meaning="a new fault on a device fixed within this many days is flagged as a repeat",
)
FOLLOW_UP_DELAY_DAYS = SettingSpec(
    "follow_up_delay_days",
    default=3,
    minimum=0,
    maximum=60,
    meaning="a follow-up call (回访) is due this many days after a ticket is resolved",
)
# Cost rates of a service visit (issue 5's service sheet), in the centre's currency.
LABOUR_RATE_PER_HOUR = SettingSpec(
    "labour_rate_per_hour",
    default=150,
    minimum=0,
    maximum=100_000,
    meaning="an engineer's hour of work on a visit costs this much",
    decimals=2,
)
DISTANCE_RATE_PER_KM = SettingSpec(
    "distance_rate_per_km",
    default=2,
    minimum=0,
    maximum=10_000,
    meaning="each kilometre an engineer travels to a visit (there and back) costs this much",
    decimals=2,
)
URGENCY_SURCHARGE = SettingSpec(
    "urgency_surcharge",
    default=200,
    minimum=0,
    maximum=1_000_000,
    meaning="added once to the cost of a visit the customer asked to be urgent",
    decimals=2,
)
# Travel between visits (issue 5's scheduling): straight-line distance × road factor, at a
# speed; too little time between two visits' sites is a scheduling problem.
ROAD_FACTOR = SettingSpec(
    "road_factor",
    default=Decimal("1.3"),
    minimum=1,
    maximum=5,
    meaning="road distance is the straight-line distance between two places times this",
    decimals=2,
)
TRAVEL_SPEED_KMH = SettingSpec(
    "travel_speed_kmh",
    default=40,
    minimum=5,
    maximum=200,
    meaning="an engineer travels between sites at this average speed (km/h)",
)
SPECS = {
    spec.name: spec
    for spec in (
        REPEAT_WINDOW_DAYS,
        FOLLOW_UP_DELAY_DAYS,
        LABOUR_RATE_PER_HOUR,
        DISTANCE_RATE_PER_KM,
        URGENCY_SURCHARGE,
        ROAD_FACTOR,
        TRAVEL_SPEED_KMH,
    )
}


@dataclass(frozen=True)
class SettingValue:
    spec: SettingSpec
    value: Decimal  # a whole number for settings without decimals
    changed: bool  # False: the program's default applies


class InvalidSetting(Refused):
    """An unknown setting, or a value outside its range."""

    def __init__(self, error: FieldError) -> None:
        super().__init__(error.code)
        self.error = error


def amount(session: Session, spec: SettingSpec) -> Decimal:
    """The value in force (an amount such as a cost rate), in the caller's transaction."""
    stored = session.scalar(select(CentreSetting.value).where(CentreSetting.name == spec.name))
    return _parse(spec, stored) if stored is not None else _parse(spec, str(spec.default))


def setting(session: Session, spec: SettingSpec) -> int:
    """The value in force of a whole-number setting, in the caller's transaction."""
    if spec.decimals:
        raise ValueError(f"{spec.name} has decimals: read it with amount()")
    return int(amount(session, spec))


def all_settings(db: Database) -> list[SettingValue]:
    with db.session() as session:
        rows = session.execute(select(CentreSetting.name, CentreSetting.value)).all()
        stored = {name: value for name, value in rows}
    return [
        SettingValue(spec, _parse(spec, stored.get(name, str(spec.default))), name in stored)
        for name, spec in SPECS.items()
    ]


def _json(spec: SettingSpec, value: Decimal) -> int | str:
    """As the audit trail keeps it: a whole number, or an amount as text (exact)."""
    return int(value) if not spec.decimals else str(value)


def change_setting(db: Database, name: str, value: str, user: SignedInUser | None) -> Decimal:
    """Set a setting (an administrator, or the command line on the server: `user` None)."""
    if user is not None and not user.may(Permission.ADMINISTER):
        raise PermissionDenied(user.role, Permission.ADMINISTER)
    spec = SPECS.get(name)
    if spec is None:
        raise InvalidSetting(FieldError("name", "unknown", {"known": ", ".join(SPECS)}))
    number = _parse(spec, value)
    user_id = user.id if user is not None else None
    with db.session() as session:
        row = session.scalar(select(CentreSetting).where(CentreSetting.name == name))
        old = _parse(spec, row.value if row is not None else str(spec.default))
        if row is None:
            row = CentreSetting(name=name, value=str(number), updated_by_id=user_id)
            session.add(row)
        else:
            row.value, row.updated_by_id = str(number), user_id
        session.flush()
        session.add(
            AuditRecord(
                user_id=user_id,
                entity="centre_setting",
                entity_id=row.id,
                action="update",
                details={"name": name, "value": [_json(spec, old), _json(spec, number)]},
            )
        )
        record_change(session, "centre_setting", row.id, "update", user_id, {"name": name})
        session.commit()
    return number


def _parse(spec: SettingSpec, text: str) -> Decimal:
    try:
        number = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidSetting(FieldError("value", "not_a_number")) from None
    if not number.is_finite():
        raise InvalidSetting(FieldError("value", "not_a_number"))
    if not spec.minimum <= number <= spec.maximum:
        raise InvalidSetting(
            FieldError(
                "value", "out_of_range", {"min": str(spec.minimum), "max": str(spec.maximum)}
            )
        )
    quantum = Decimal(1).scaleb(-spec.decimals)
    if number != number.quantize(quantum):
        raise InvalidSetting(FieldError("value", "too_precise", {"decimals": str(spec.decimals)}))
    return number.quantize(quantum)
