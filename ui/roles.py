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
