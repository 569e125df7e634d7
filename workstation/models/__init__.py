"""SQLAlchemy typed models, one module per aggregate; importing this registers them all."""

from workstation.models.base import Base, UTCDateTime, utcnow
from workstation.models.calls import Call
from workstation.models.catalog import ErrorCode, ProductModel, SymptomCategory, WrapUpCode
from workstation.models.changes import AuditRecord, ChangeLogEntry
from workstation.models.contracts import ServiceContract, contract_equipment
from workstation.models.customers import Contact, ContactPhone, Customer, CustomerKind, Site, Tier
from workstation.models.dashboard import (
    DashboardDayRollup,
    DashboardDayTotal,
    DashboardRollupDay,
)
from workstation.models.equipment import Equipment, EquipmentStatus
from workstation.models.org import Queue, Region, Role, User
from workstation.models.settings import CentreSetting
from workstation.models.sla import (
    BusinessCalendar,
    CalendarDay,
    CalendarPeriod,
    DayKind,
    PriorityRule,
    SlaPlan,
    SlaTarget,
)
from workstation.models.tickets import (
    OPEN_STATUSES,
    PAUSING_STATUSES,
    Channel,
    FollowUp,
    FollowUpStatus,
    Priority,
    Severity,
    SlaFlag,
    SlaPause,
    Ticket,
    TicketCounter,
    TicketEvent,
    TicketKind,
    TicketPresence,
    TicketStatus,
)

__all__ = [
    "OPEN_STATUSES",
    "PAUSING_STATUSES",
    "AuditRecord",
    "Base",
    "BusinessCalendar",
    "CalendarDay",
    "CalendarPeriod",
    "Call",
    "CentreSetting",
    "ChangeLogEntry",
    "Channel",
    "Contact",
    "ContactPhone",
    "Customer",
    "CustomerKind",
    "DashboardDayRollup",
    "DashboardDayTotal",
    "DashboardRollupDay",
    "DayKind",
    "Equipment",
    "EquipmentStatus",
    "ErrorCode",
    "FollowUp",
    "FollowUpStatus",
    "Priority",
    "PriorityRule",
    "ProductModel",
    "Queue",
    "Region",
    "Role",
    "ServiceContract",
    "Severity",
    "Site",
    "SlaFlag",
    "SlaPause",
    "SlaPlan",
    "SlaTarget",
    "SymptomCategory",
    "Ticket",
    "TicketCounter",
    "TicketEvent",
    "TicketKind",
    "TicketPresence",
    "TicketStatus",
    "Tier",
    "UTCDateTime",
    "User",
    "WrapUpCode",
    "contract_equipment",
    "utcnow",
]
