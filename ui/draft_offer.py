"""Offer back the calls an agent was typing when the desk last stopped (crash, lost database)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.local_time import local_text
from workstation.drafts import Draft, DraftStore


def draft_summary(draft: Draft) -> str:
    """Who called and about what, as far as it was typed."""
    form = draft.data.get("form") or {}
    customer = str(draft.data.get("customer_name") or "")
    caller = (str(form.get("caller_name") or ""), str(form.get("phone") or ""), customer)
    who = " ".join(part for part in caller if part)
    description = str(form.get("description") or "").strip().splitlines()
    what = description[0][:80] if description else ""
    parts = [p for p in (who, what) if p]
    return " — ".join(parts) if parts else QCoreApplication.translate("DraftOffer", "(no details)")


def offer_drafts(
    parent: QWidget, store: DraftStore, restore: Callable[[Draft], None], exclude: str = ""
) -> QMessageBox | None:
    """Ask about the newest kept draft: restore it, discard it, or decide later (it stays).

    `exclude` is the draft of the call on the form now (it is not offered back to itself).
    """
    drafts = [draft for draft in store.load_all() if draft.id != exclude]
    if not drafts:
        return None
    draft = drafts[0]
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setObjectName("draftOffer")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("DraftOffer", "Unsaved call"))
    box.setText(
        translate(
            "DraftOffer", "A call you had not saved yet was kept (typed at {time}). Restore it?"
        ).format(time=local_text(draft.saved_at))
    )
    informative = draft_summary(draft)
    if len(drafts) > 1:
        more = translate("DraftOffer", "{count} more unsaved calls are kept.")
        informative += "\n" + more.format(count=len(drafts) - 1)
    box.setInformativeText(informative)
    restore_button = box.addButton(
        translate("DraftOffer", "&Restore"), QMessageBox.ButtonRole.AcceptRole
    )
    discard_button = box.addButton(
        translate("DraftOffer", "&Discard"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(translate("DraftOffer", "&Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        clicked = box.clickedButton()
        if clicked is restore_button:
            restore(draft)
        elif clicked is discard_button:
            store.discard(draft.id)
            if len(drafts) > 1:
                QTimer.singleShot(0, lambda: offer_drafts(parent, store, restore, exclude))

    box.finished.connect(answered)
    box.open()
    return box
