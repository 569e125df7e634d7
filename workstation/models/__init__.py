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
from workstation.models.engineers import AbsenceKind, EngineerAbsence, EngineerProfile
from workstation.models.equipment import Equipment, EquipmentStatus
from workstation.models.maintenance import MaintenancePlan
from workstation.models.org import Queue, Region, Role, User
from workstation.models.parts import (
    LocationKind,
    Part,
    StockLevel,
    StockLocation,
    VisitPart,
    VisitPartStatus,
    part_models,
)
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
from workstation.models.visits import (
    HOLDING_STATUSES,
    Visit,
    VisitKind,
    VisitResult,
    VisitStatus,
)

__all__ = [
    "HOLDING_STATUSES",
    "OPEN_STATUSES",
    "PAUSING_STATUSES",
    "AbsenceKind",
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
    "EngineerAbsence",
    "EngineerProfile",
    "Equipment",
    "EquipmentStatus",
    "ErrorCode",
    "FollowUp",
    "FollowUpStatus",
    "LocationKind",
    "MaintenancePlan",
    "Part",
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
    "StockLevel",
    "StockLocation",
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
    "Visit",
    "VisitKind",
    "VisitPart",
    "VisitPartStatus",
    "VisitResult",
    "VisitStatus",
    "WrapUpCode",
    "contract_equipment",
    "part_models",
    "utcnow",
]
