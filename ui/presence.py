"""Presence on the ticket screen: "张伟 also has this ticket open".

`TicketPresence` announces the open ticket (and beats every 30 s while it stays open),
leaves it on close or on a switch to another ticket, and re-reads who else has it open
when the change feed says someone opened or left it (and on every heartbeat, so a desk
that crashed drops out once its row goes stale). `PresenceBanner` shows the answer.

Hook-up for a screen::

    self.presence = TicketPresence(db, runner, user, parent=self)
    layout.addWidget(self.presence.banner)
    self.presence.open(ticket_id)          # when a ticket is shown (leaves the previous one)
    self.presence.close()                  # when the screen closes
    # and from the page's on_changes: self.presence.on_changes(changes)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from ui.local_time import local_text
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.desk import desk_id
from workstation.services.auth import SignedInUser
from workstation.services.presence import (
    ENTITY,
    HEARTBEAT_SECONDS,
    Viewer,
    announce,
    leave,
    viewers,
)


class PresenceBanner(QLabel):
    """A quiet line above the ticket: hidden while nobody else has the ticket open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenceBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#presenceBanner { background: #fff3cd; border-radius: 4px; padding: 4px 8px; }"
        )
        self._viewers: tuple[Viewer, ...] = ()
        self.hide()

    @property
    def viewers(self) -> tuple[Viewer, ...]:
        return self._viewers

    def show_viewers(self, viewers: tuple[Viewer, ...]) -> None:
        self._viewers = viewers
        self._show()

    def _show(self) -> None:
        names = [v.display_name for v in self._viewers]
        if not names:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        if len(names) == 1:
            text = self.tr("{name} also has this ticket open").format(name=names[0])
        elif len(names) == 2:
            text = self.tr("{first} and {second} have this ticket open").format(
                first=names[0], second=names[1]
            )
        else:
            text = self.tr("{first}, {second} and {count} more have this ticket open").format(
                first=names[0], second=names[1], count=len(names) - 2
            )
        self.setText(text)
        self.setToolTip(
            "\n".join(
                self.tr("{name}: open since {since}").format(
                    name=v.display_name, since=local_text(v.since)
                )
                for v in self._viewers
            )
        )
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)


class TicketPresence(QObject):
    """This desk's presence on one ticket at a time, and who else is there."""

    viewers_changed = Signal(object)  # tuple[Viewer, ...], on every answer read

    def __init__(
        self,
        db: Database,
        runner: TaskRunner,
        user: SignedInUser,
        desk: str | None = None,
        *,
        banner: PresenceBanner | None = None,
        heartbeat_ms: int = HEARTBEAT_SECONDS * 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._user = user
        self._desk = desk or desk_id()
        self.banner = banner if banner is not None else PresenceBanner()
        self._ticket_id: int | None = None
        self._viewers: tuple[Viewer, ...] = ()
        self._key = f"presence-viewers:{id(self)}"
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(heartbeat_ms)
        self._heartbeat.timeout.connect(self._beat)

    @property
    def ticket_id(self) -> int | None:
        return self._ticket_id

    @property
    def desk(self) -> str:
        return self._desk

    @property
    def viewers(self) -> tuple[Viewer, ...]:
        """Who else had the ticket open at the last answer."""
        return self._viewers

    def open(self, ticket_id: int) -> None:
        """The screen shows `ticket_id` now: leave the previous ticket, announce this one."""
        if ticket_id == self._ticket_id:
            return
        self.close()
        self._ticket_id = ticket_id
        self._runner.write(
            announce, self._db, self._user, self._desk, ticket_id, on_done=self._announced
        )
        self._heartbeat.start()

    def close(self) -> None:
        """The ticket is no longer shown here: leave it (other desks hear at once)."""
        self._heartbeat.stop()
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        self._ticket_id = None
        self._runner.write(leave, self._db, self._user, self._desk, ticket_id)
        self._set_viewers(())

    def on_changes(self, changes: list[Change]) -> None:
        """Re-read who is there when another desk opened or left this ticket."""
        if self._ticket_id is None:
            return
        for change in changes:
            if change.entity != ENTITY or change.entity_id != self._ticket_id:
                continue
            if change.user_id == self._user.id and change.data.get("desk") == self._desk:
                continue  # this desk's own announce or leave
            self.refresh()
            return

    def refresh(self) -> None:
        """Read who else has the ticket open (a superseded read's answer is dropped)."""
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        self._runner.read(
            viewers,
            self._db,
            ticket_id,
            self._user.id,
            self._desk,
            on_done=lambda found: self._answered(ticket_id, found),
            key=self._key,
        )

    @Slot()
    def _beat(self) -> None:
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        self._runner.write(
            announce, self._db, self._user, self._desk, ticket_id, on_done=self._announced
        )

    def _announced(self, _result: None) -> None:
        self.refresh()

    def _answered(self, ticket_id: int, found: tuple[Viewer, ...]) -> None:
        if ticket_id == self._ticket_id:
            self._set_viewers(found)

    def _set_viewers(self, found: tuple[Viewer, ...]) -> None:
        self._viewers = found
        self.banner.show_viewers(found)
        self.viewers_changed.emit(found)
