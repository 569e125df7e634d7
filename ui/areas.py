"""The work areas of the main window: their order, names, purpose, icon and who may open them."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle

from workstation.permissions import Permission
from workstation.services.auth import SignedInUser


class Area(StrEnum):
    """One area; the order here is the navigation's order and Ctrl+1 … Ctrl+7."""

    AGENT_DESK = "agent_desk"
    QUEUE = "queue"
    SCHEDULE = "schedule"
    CUSTOMERS = "customers"
    DASHBOARD = "dashboard"
    REPORTS = "reports"
    ADMINISTRATION = "administration"


AREAS: tuple[Area, ...] = tuple(Area)

_REQUIRED: dict[Area, Permission] = {
    Area.DASHBOARD: Permission.VIEW_DASHBOARD,
    Area.REPORTS: Permission.EXPORT_REPORTS,
    Area.ADMINISTRATION: Permission.ADMINISTER,
}

_ICONS: dict[Area, QStyle.StandardPixmap] = {
    Area.AGENT_DESK: QStyle.StandardPixmap.SP_DesktopIcon,
    Area.QUEUE: QStyle.StandardPixmap.SP_FileDialogListView,
    Area.SCHEDULE: QStyle.StandardPixmap.SP_FileDialogContentsView,
    Area.CUSTOMERS: QStyle.StandardPixmap.SP_ComputerIcon,
    Area.DASHBOARD: QStyle.StandardPixmap.SP_FileDialogInfoView,
    Area.REPORTS: QStyle.StandardPixmap.SP_FileDialogDetailedView,
    Area.ADMINISTRATION: QStyle.StandardPixmap.SP_DriveNetIcon,
}


def may_open(user: SignedInUser, area: Area) -> bool:
    """Whether the user's role lets them open the area (the services check again)."""
    required = _REQUIRED.get(area)
    return required is None or user.may(required)


def area_icon(area: Area, style: QStyle) -> QIcon:
    return style.standardIcon(_ICONS[area])


def area_title(area: Area) -> str:
    """The area's name in the navigation, the View menu and its page."""
    match area:
        case Area.AGENT_DESK:
            return QCoreApplication.translate("Areas", "Agent desk")
        case Area.QUEUE:
            return QCoreApplication.translate("Areas", "Queue")
        case Area.SCHEDULE:
            return QCoreApplication.translate("Areas", "Schedule")
        case Area.CUSTOMERS:
            return QCoreApplication.translate("Areas", "Customers & equipment")
        case Area.DASHBOARD:
            return QCoreApplication.translate("Areas", "Dashboard")
        case Area.REPORTS:
            return QCoreApplication.translate("Areas", "Reports")
        case Area.ADMINISTRATION:
            return QCoreApplication.translate("Areas", "Administration")


def area_purpose(area: Area) -> str:
    """One sentence: what the area will do."""
    match area:
        case Area.AGENT_DESK:
            return QCoreApplication.translate(
                "Areas",
                "Take a customer's call: find the caller in a second, log the fault on a "
                "structured form, and resolve it on the phone or book an engineer's visit.",
            )
        case Area.QUEUE:
            return QCoreApplication.translate(
                "Areas",
                "The live list of open tickets by queue and region, with their SLA deadlines, "
                "to pick up, triage and reassign work.",
            )
        case Area.SCHEDULE:
            return QCoreApplication.translate(
                "Areas",
                "Engineers' visits by day and region: dispatch jobs, book visits with the "
                "customer and avoid double bookings.",
            )
        case Area.CUSTOMERS:
            return QCoreApplication.translate(
                "Areas",
                "Customers with their contacts and sites, and every device by serial number "
                "with its contracts and full service history.",
            )
        case Area.DASHBOARD:
            return QCoreApplication.translate(
                "Areas",
                "Queue size, SLA risk and response times, live, for supervisors and dispatchers.",
            )
        case Area.REPORTS:
            return QCoreApplication.translate(
                "Areas",
                "Excel reports for managers: SLA compliance, time to repair, first-call "
                "resolution, failures by product model and customer satisfaction.",
            )
        case Area.ADMINISTRATION:
            return QCoreApplication.translate(
                "Areas",
                "Users, roles and regions; SLA plans and business calendars; product models "
                "and fault categories.",
            )


def refusal(area: Area) -> str:
    """Why a greyed-out area cannot be opened (its tooltip)."""
    if area is Area.ADMINISTRATION:
        return QCoreApplication.translate("Areas", "Only administrators can open this area.")
    return QCoreApplication.translate(
        "Areas", "Only supervisors and administrators can open this area."
    )
