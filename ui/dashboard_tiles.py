"""The dashboard's tiles: open tickets by priority and status, unassigned, at risk, breached,
the oldest open ticket; and the agents' and engineers' current load. Built once; a new
snapshot only changes their text."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.customer_card import Column, RowsModel
from ui.local_time import local_text
from ui.roles import role_name
from ui.ticket_words import duration_text
from ui.vocabulary import ticket_status_name
from workstation.services.dashboard import OPEN_STATUSES, Load, Tiles
from workstation.services.queue import PRIORITIES

COLUMNS = 7  # 14 tiles in two rows


class Tile(QFrame):
    """A number in large type over its caption."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–")
        self.value.setObjectName(f"{name}Value")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.caption.setMinimumHeight(2 * self.caption.fontMetrics().height())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, colour: str | None = None) -> None:
        """Touches the label only when it changes (a style sheet re-polishes the label)."""
        if text != self.value.text():
            self.value.setText(text)
        style = f"color: {colour};" if colour else ""
        if style != self.value.styleSheet():
            self.value.setStyleSheet(style)


class TilesPanel(QWidget):
    """Two rows of tiles: the headline numbers, then open tickets by priority and status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open = Tile("tileOpen")
        self.unassigned = Tile("tileUnassigned")
        self.at_risk = Tile("tileAtRisk")
        self.breached = Tile("tileBreached")
        self.oldest = Tile("tileOldest")
        self.priorities = {p: Tile(f"tilePriority{p}") for p in PRIORITIES}
        self.statuses = {s: Tile(f"tileStatus_{s}") for s in OPEN_STATUSES}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        headline = [self.open, self.unassigned, self.at_risk, self.breached, self.oldest]
        tiles = [*headline, *self.priorities.values(), *self.statuses.values()]
        for n, tile in enumerate(tiles):
            grid.addWidget(tile, n // COLUMNS, n % COLUMNS)
        self._tiles: Tiles | None = None
        self._now: datetime | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.open.caption.setText(self.tr("Open tickets"))
        self.unassigned.caption.setText(self.tr("Unassigned"))
        self.at_risk.caption.setText(self.tr("At risk"))
        self.breached.caption.setText(self.tr("SLA breached"))
        self.oldest.caption.setText(self.tr("Oldest open ticket waiting"))
        for priority, tile in self.priorities.items():
            tile.caption.setText(self.tr("Open {priority}").format(priority=priority))
        for status, tile in self.statuses.items():
            tile.caption.setText(ticket_status_name(status))
        if self._tiles is not None and self._now is not None:
            self.set_tiles(self._tiles, self._now)

    def set_tiles(self, tiles: Tiles, now: datetime) -> None:
        self._tiles, self._now = tiles, now
        self.open.set_value(f"{tiles.open:,}")
        self.unassigned.set_value(f"{tiles.unassigned:,}")
        self.at_risk.set_value(f"{tiles.at_risk:,}", "#b7791f" if tiles.at_risk else None)
        self.breached.set_value(f"{tiles.breached:,}", "#c0392b" if tiles.breached else None)
        oldest = tiles.oldest_open_since
        if oldest is None:
            self.oldest.set_value("–")
            self.oldest.setToolTip("")
        else:
            self.oldest.set_value(duration_text((now - oldest).total_seconds() / 60))
            self.oldest.setToolTip(self.tr("Reported {when}").format(when=local_text(oldest)))
        for priority, count in tiles.by_priority:
            if priority in self.priorities:
                self.priorities[priority].set_value(f"{count:,}")
        for status, count in tiles.by_status:
            if status in self.statuses:
                self.statuses[status].set_value(f"{count:,}")


def load_columns() -> list[Column]:
    # Literal strings in each translate() call: lupdate finds only those.
    return [
        Column(
            lambda: QCoreApplication.translate("DashboardLoads", "Name"),
            lambda load: load.display_name,
        ),
        Column(
            lambda: QCoreApplication.translate("DashboardLoads", "Role"),
            lambda load: role_name(load.role),
        ),
        Column(
            lambda: QCoreApplication.translate("DashboardLoads", "Open tickets"),
            lambda load: f"{load.open_tickets:,}",
        ),
    ]


class LoadsModel(RowsModel):
    """Agents and engineers with their open tickets, busiest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(load_columns(), parent)

    def set_loads(self, loads: tuple[Load, ...]) -> None:
        if tuple(self.rows()) == loads:
            return
        self.set_rows(loads)
