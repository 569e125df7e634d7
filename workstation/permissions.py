"""What each role may do, checked in the services (the screens only hide what is refused)."""

from __future__ import annotations

from enum import StrEnum

from workstation.outcomes import Refused


class Permission(StrEnum):
    LOG_CALLS = "log_calls"
    WORK_TICKETS = "work_tickets"
    RECORD_VISITS = "record_visits"
    ASSIGN_TICKETS = "assign_tickets"
    VIEW_DASHBOARD = "view_dashboard"
    EXPORT_REPORTS = "export_reports"
    ADMINISTER = "administer"


_AGENT = frozenset({Permission.LOG_CALLS, Permission.WORK_TICKETS})
_ENGINEER = frozenset({Permission.RECORD_VISITS, Permission.WORK_TICKETS})
_SUPERVISOR = _AGENT | {
    Permission.ASSIGN_TICKETS,
    Permission.VIEW_DASHBOARD,
    Permission.EXPORT_REPORTS,
}
_ADMIN = _SUPERVISOR | _ENGINEER | {Permission.ADMINISTER}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "agent": _AGENT,
    "engineer": _ENGINEER,
    "supervisor": _SUPERVISOR,
    "admin": _ADMIN,
}


# What each permission lets a user do, for messages outside the screens (logs, the CLI);
# the screens word it in the desk's language (ui/roles.py).
PERMISSION_WORDS: dict[Permission, str] = {
    Permission.LOG_CALLS: "log calls and edit customers",
    Permission.WORK_TICKETS: "work on tickets",
    Permission.RECORD_VISITS: "record engineer visits",
    Permission.ASSIGN_TICKETS: "assign or reassign tickets",
    Permission.VIEW_DASHBOARD: "see the dashboards",
    Permission.EXPORT_REPORTS: "export reports",
    Permission.ADMINISTER: "administer the centre",
}


class PermissionDenied(Refused):
    """The signed-in user's role does not allow this action."""

    def __init__(self, role: str, permission: Permission) -> None:
        super().__init__(
            f"refused: a user with the role {role!r} may not {PERMISSION_WORDS[permission]}"
            f" ({permission.value})"
        )
        self.role = role
        self.permission = permission


def allowed(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def require(role: str, permission: Permission) -> None:
    """Raise PermissionDenied unless `role` may do `permission`."""
    if not allowed(role, permission):
        raise PermissionDenied(role, permission)


def require_any(role: str, *permissions: Permission) -> None:
    """Raise PermissionDenied (naming the first) unless `role` may do one of `permissions`:
    e.g. an engineer records a visit, or an agent does it from the engineer's call."""
    if not permissions:
        raise ValueError("require_any needs at least one permission")
    if not any(allowed(role, permission) for permission in permissions):
        raise PermissionDenied(role, permissions[0])
