"""Words for the codes stored in the database that several screens show (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def ticket_status_name(status: str) -> str:
    names = {
        "new": QCoreApplication.translate("Vocabulary", "New"),
        "assigned": QCoreApplication.translate("Vocabulary", "Assigned"),
        "in_progress": QCoreApplication.translate("Vocabulary", "In progress"),
        "waiting_customer": QCoreApplication.translate("Vocabulary", "Waiting for customer"),
        "waiting_parts": QCoreApplication.translate("Vocabulary", "Waiting for parts"),
        "resolved": QCoreApplication.translate("Vocabulary", "Resolved"),
        "closed": QCoreApplication.translate("Vocabulary", "Closed"),
    }
    return names.get(status, status)


def customer_kind_name(kind: str) -> str:
    names = {
        "company": QCoreApplication.translate("Vocabulary", "Company"),
        "person": QCoreApplication.translate("Vocabulary", "Private person"),
    }
    return names.get(kind, kind)
