"""What the screens call each role (the stored values stay "agent", "engineer", …)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def role_name(role: str) -> str:
    """The role's name for people, in the current language."""
    match role:
        case "agent":
            return QCoreApplication.translate("Roles", "Agent")
        case "engineer":
            return QCoreApplication.translate("Roles", "Engineer")
        case "supervisor":
            return QCoreApplication.translate("Roles", "Supervisor")
        case "admin":
            return QCoreApplication.translate("Roles", "Administrator")
    return role


def permission_words(permission: str) -> str:
    """What a permission lets a user do, as the end of "may not …"."""
    match permission:
        case "log_calls":
            return QCoreApplication.translate("Roles", "log calls and edit customers")
        case "work_tickets":
            return QCoreApplication.translate("Roles", "work on tickets")
        case "record_visits":
            return QCoreApplication.translate("Roles", "record engineer visits")
        case "assign_tickets":
            return QCoreApplication.translate("Roles", "assign or reassign tickets")
        case "view_dashboard":
            return QCoreApplication.translate("Roles", "see the dashboards")
        case "export_reports":
            return QCoreApplication.translate("Roles", "export reports")
        case "administer":
            return QCoreApplication.translate("Roles", "administer the centre")
    return permission


def refusal_text(role: str, permission: str) -> str:
    """The plain sentence for an action the service refused to the user's role."""
    return QCoreApplication.translate(
        "Roles", "Refused: a user with the role {role} may not {action}."
    ).format(role=role_name(role), action=permission_words(permission))
