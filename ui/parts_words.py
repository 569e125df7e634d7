"""Words of the spare-parts screens: kinds of location, line statuses, nearness, refusals.

The services give stable codes (a location's kind "van", a refusal "shortage"); these are
what the screens say for them in the desk's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.admin_common import failure_text
from ui.customer_dialogs import field_error_text
from workstation.outcomes import FieldError
from workstation.services.customer_edit import EditRejected
from workstation.services.stock import SAME_REGION, WAREHOUSE, StockShortage


def location_kind_name(kind: str) -> str:
    match kind:
        case "warehouse":
            return QCoreApplication.translate("PartsWords", "Central warehouse")
        case "regional":
            return QCoreApplication.translate("PartsWords", "Regional store")
        case "van":
            return QCoreApplication.translate("PartsWords", "Engineer's van")
    return kind


def line_status_name(status: str) -> str:
    match status:
        case "reserved":
            return QCoreApplication.translate("PartsWords", "Reserved")
        case "consumed":
            return QCoreApplication.translate("PartsWords", "Fitted")
        case "returned":
            return QCoreApplication.translate("PartsWords", "Returned")
    return status


def nearness_name(nearness: int) -> str:
    if nearness == SAME_REGION:
        return QCoreApplication.translate("PartsWords", "This region")
    if nearness == WAREHOUSE:
        return QCoreApplication.translate("PartsWords", "Warehouse")
    return QCoreApplication.translate("PartsWords", "Other region")


def parts_error_text(error: FieldError) -> str:
    """The sentence at a field for a refusal of the parts services."""
    p = dict(error.params)
    match error.code:
        case "shortage":
            return QCoreApplication.translate(
                "PartsWords", "Only {available} available here, {wanted} wanted."
            ).format(available=p.get("available", "0"), wanted=p.get("wanted", ""))
        case "retired":
            return QCoreApplication.translate(
                "PartsWords", "This part is retired: it can no longer be reserved."
            )
        case "closed":
            return QCoreApplication.translate("PartsWords", "This location is closed.")
        case "visit_closed" if p.get("status") == "cancelled":
            return QCoreApplication.translate(
                "PartsWords", "This visit was cancelled: its parts can no longer change."
            )
        case "visit_closed":
            return QCoreApplication.translate(
                "PartsWords", "This visit is completed: its parts can no longer change."
            )
        case "not_reserved":
            return QCoreApplication.translate(
                "PartsWords", "This line is no longer reserved: it was fitted or returned."
            )
        case "more_than_reserved":
            return QCoreApplication.translate(
                "PartsWords", "More than the {reserved} reserved on this line."
            ).format(reserved=p.get("reserved", ""))
        case "one_per_serial":
            return QCoreApplication.translate(
                "PartsWords", "A serialised part is fitted one unit at a time."
            )
        case "not_this_line":
            return QCoreApplication.translate("PartsWords", "This line is for another part.")
        case "holds_stock":
            return QCoreApplication.translate(
                "PartsWords", "This location still holds {on_hand} units: move them first."
            ).format(on_hand=p.get("on_hand", ""))
        case "same_location":
            return QCoreApplication.translate(
                "PartsWords", "Choose a location other than the one the parts leave."
            )
        case "taken" if error.field.endswith("engineer_id"):
            return QCoreApplication.translate("PartsWords", "This engineer already has a van.")
        case "taken" if error.field.endswith("code"):
            return QCoreApplication.translate("PartsWords", "This code is already in use.")
    return field_error_text(error)


def parts_failure_text(error: BaseException) -> str:
    """One sentence for a failed call of the parts services (field errors joined)."""
    if isinstance(error, StockShortage | EditRejected):
        return " ".join(parts_error_text(e) for e in error.errors)
    return failure_text(error)
