"""Words of visits shared by the screens: kinds, statuses, results of the service sheet,
and the sentences for the sheet's field errors (context "VisitWords")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.customer_dialogs import field_error_text
from workstation.outcomes import FieldError


def kind_name(kind: str) -> str:
    names = {
        "repair": QCoreApplication.translate("VisitWords", "Repair"),
        "installation": QCoreApplication.translate("VisitWords", "Installation"),
        "preventive_maintenance": QCoreApplication.translate(
            "VisitWords", "Preventive maintenance"
        ),
        "inspection": QCoreApplication.translate("VisitWords", "Inspection"),
        "training": QCoreApplication.translate("VisitWords", "Training"),
    }
    return names.get(kind, kind)


def visit_status_name(status: str) -> str:
    names = {
        "unscheduled": QCoreApplication.translate("VisitWords", "To schedule"),
        "booked": QCoreApplication.translate("VisitWords", "Booked"),
        "completed": QCoreApplication.translate("VisitWords", "Completed"),
        "cancelled": QCoreApplication.translate("VisitWords", "Cancelled"),
    }
    return names.get(status, status)


def result_name(result: str) -> str:
    names = {
        "fixed": QCoreApplication.translate("VisitWords", "Fixed"),
        "another_visit": QCoreApplication.translate("VisitWords", "Another visit needed"),
        "unit_replaced": QCoreApplication.translate("VisitWords", "Unit replaced"),
        "no_fault_found": QCoreApplication.translate("VisitWords", "No fault found"),
        "customer_misuse": QCoreApplication.translate("VisitWords", "Customer misuse"),
    }
    return names.get(result, result)


def sheet_error_text(error: FieldError) -> str:
    """The sentence under a field of the sheet for the service's code."""
    p = dict(error.params)
    match error.code:
        case "not_after_arrival":
            return QCoreApplication.translate("VisitWords", "Departure must be after arrival.")
        case "too_long_on_site":
            return QCoreApplication.translate(
                "VisitWords",
                "More than {hours} hours on site: check the dates (longer work is several visits).",
            ).format(hours=p.get("hours", ""))
        case "in_future":
            return QCoreApplication.translate("VisitWords", "This time is in the future.")
        case "negative":
            return QCoreApplication.translate("VisitWords", "Cannot be negative.")
        case "too_large":
            return QCoreApplication.translate("VisitWords", "At most {max}.").format(
                max=p.get("max", "")
            )
        case "too_precise":
            return QCoreApplication.translate(
                "VisitWords", "At most {decimals} decimal place."
            ).format(decimals=p.get("decimals", ""))
        case "not_a_number":
            return QCoreApplication.translate("VisitWords", "Not a number.")
        case "not_replaced":
            return QCoreApplication.translate(
                "VisitWords", "Only for a visit whose result is “Unit replaced”."
            )
        case "no_device":
            return QCoreApplication.translate("VisitWords", "This visit has no device to replace.")
        case "device_changed":
            return QCoreApplication.translate(
                "VisitWords", "The device was changed on another desk: open the visit again."
            )
        case "not_active":
            return QCoreApplication.translate(
                "VisitWords", "The device was already replaced or retired."
            )
        case "not_booked":
            return QCoreApplication.translate(
                "VisitWords", "The visit is not booked yet: there is no sheet to record."
            )
        case "cancelled":
            return QCoreApplication.translate("VisitWords", "The visit was cancelled.")
        case "already_completed":
            return QCoreApplication.translate(
                "VisitWords", "The sheet of this visit was already recorded."
            )
    return field_error_text(error)
