"""The dashboard's charts (pyqtgraph): built once, then fed new data in place with setData.

This module imports pyqtgraph (a third of a second): the dashboard page imports it only when
it is first shown. Every chart has labelled axes with units, a legend, dates as tick labels,
and points that show their value in a tooltip when the mouse is over them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workstation.services.dashboard import TARGET_PRIORITY, BacklogAge, DayPoint, Hourly

BLUE = QColor("#1f6fb2")
ORANGE = QColor("#d9771e")
GREY = QColor("#555555")
RED = QColor("#c0392b")
GREEN = QColor("#2e8b57")

Tip = Callable[..., str]
LEGEND_ROOM = 1.45  # the y axis reaches this far above the highest value: the legend sits there


def _pen(colour: QColor, width: float = 2.0, dashed: bool = False) -> QPen:
    pen = pg.mkPen(colour, width=width)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _finite(values: Sequence[float]) -> list[int]:
    return [i for i, v in enumerate(values) if not math.isnan(v)]


class Chart(pg.PlotWidget):
    """A white plot with black axes in the application's font, a legend and a title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        item = self.getPlotItem()
        # No grid: its lines are drawn by the axis over the whole plot and made a redraw cost
        # 90 ms instead of 20 (measured, offscreen); the points' tooltips give exact values.
        item.setMenuEnabled(False)
        item.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        font = QFont(self.font())
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(GREY))
            axis.setTextPen(pg.mkPen("k"))
            axis.setTickFont(font)
        self._ticks: list[list[tuple[float, str]]] | None = None
        self._x_range: tuple[float, float] | None = None
        self.legend = item.addLegend(offset=(8, 4), labelTextColor="k", brush=(255, 255, 255, 200))
        self.legend.setColumnCount(2)
        self._y_top = 0.0

    def sizeHint(self) -> QSize:
        """Small: the page's grid gives charts the room there is (pyqtgraph asks 600 × 480,
        which made the page scroll in a full-screen window)."""
        return QSize(420, 280)

    def set_x(self, ticks: list[list[tuple[float, str]]], low: float, high: float) -> None:
        """The bottom axis's ticks and the x range, touched only when they change (a new
        tick set re-lays out the axis: the dearest part of a redraw)."""
        if ticks != self._ticks:
            self._ticks = ticks
            self.getPlotItem().getAxis("bottom").setTicks(ticks)
        if (low, high) != self._x_range:
            self._x_range = (low, high)
            self.getPlotItem().setXRange(low, high, padding=0)

    def fit_y(self, *series: Sequence[float], floor: float = 1.0) -> None:
        """From 0 to the highest value plus room above it for the legend."""
        values = [v for values in series for v in values if not math.isnan(v)]
        top = max([*values, floor]) * LEGEND_ROOM
        if top != self._y_top:
            self._y_top = top
            self.getPlotItem().setYRange(0, top, padding=0)

    def set_texts(self, title: str, left: str, bottom: str) -> None:
        item = self.getPlotItem()
        item.setTitle(title, color="k")
        item.setLabel("left", left, color="k")
        item.setLabel("bottom", bottom, color="k")

    def rename(self, curve: pg.PlotDataItem, name: str) -> None:
        """A legend entry's new words (after a language change)."""
        for sample, label in self.legend.items:
            if sample.item is curve:
                label.setText(name)
        curve.opts["name"] = name

    def line(self, colour: QColor, *, dashed: bool = False) -> pg.PlotDataItem:
        curve = self.getPlotItem().plot(pen=_pen(colour, dashed=dashed), name=" ")
        curve.setData([], [], connect="finite")
        return curve

    def points(self, colour: QColor, tip: Tip) -> pg.ScatterPlotItem:
        scatter = pg.ScatterPlotItem(
            size=8, pen=pg.mkPen(colour), brush=pg.mkBrush(colour), hoverable=True, tip=tip
        )
        scatter.setData([], [])
        self.getPlotItem().addItem(scatter)
        return scatter


def _data_tip(x: float, y: float, data: object) -> str:
    del x, y
    return str(data)


def _day_ticks(days: Sequence[DayPoint]) -> list[list[tuple[float, str]]]:
    """Every day a tick; a label on about eight of them (all when few)."""
    step = max(1, math.ceil(len(days) / 8))
    major = [(float(i), p.day.strftime("%m-%d")) for i, p in enumerate(days) if i % step == 0]
    minor = [(float(i), "") for i, _ in enumerate(days) if i % step]
    return [major, minor]


class HourlyChart(Chart):
    """Tickets and calls per hour today, against the same weekday's average (dashed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tickets = self.line(BLUE)
        self.calls = self.line(ORANGE)
        self.tickets_average = self.line(BLUE, dashed=True)
        self.calls_average = self.line(ORANGE, dashed=True)
        self.tickets_points = self.points(BLUE, _data_tip)
        self.calls_points = self.points(ORANGE, _data_tip)
        ticks = [(float(h), f"{h:02d}:00") for h in range(0, 24, 3)]
        self.set_x([ticks, [(float(h), "") for h in range(24)]], -0.5, 23.5)
        self._weeks = 4
        self.retranslate()

    def retranslate(self) -> None:
        self.set_texts(
            QCoreApplication.translate("DashboardCharts", "Tickets and calls per hour today"),
            QCoreApplication.translate("DashboardCharts", "per hour (count)"),
            QCoreApplication.translate("DashboardCharts", "hour of day"),
        )
        self.rename(self.tickets, QCoreApplication.translate("DashboardCharts", "Tickets today"))
        self.rename(self.calls, QCoreApplication.translate("DashboardCharts", "Calls today"))
        average = QCoreApplication.translate(
            "DashboardCharts", "average of the last {weeks} same weekdays"
        ).format(weeks=self._weeks)
        self.rename(
            self.tickets_average,
            QCoreApplication.translate("DashboardCharts", "Tickets, {average}").format(
                average=average
            ),
        )
        self.rename(
            self.calls_average,
            QCoreApplication.translate("DashboardCharts", "Calls, {average}").format(
                average=average
            ),
        )

    def set_hourly(self, hourly: Hourly, up_to_hour: int) -> None:
        """Today's counts up to the current hour (later hours have not happened yet)."""
        if hourly.weeks != self._weeks:
            self._weeks = hourly.weeks
            self.retranslate()
        hours = list(range(24))
        shown = hours[: up_to_hour + 1]
        self.tickets.setData(shown, [float(hourly.tickets[h]) for h in shown])
        self.calls.setData(shown, [float(hourly.calls[h]) for h in shown])
        self.tickets_average.setData(hours, list(hourly.tickets_average))
        self.calls_average.setData(hours, list(hourly.calls_average))
        self.fit_y(
            [float(v) for v in hourly.tickets],
            [float(v) for v in hourly.calls],
            hourly.tickets_average,
            hourly.calls_average,
        )
        self.tickets_points.setData(
            x=shown,
            y=[hourly.tickets[h] for h in shown],
            data=[
                QCoreApplication.translate(
                    "DashboardCharts", "{hour:02d}:00 tickets: {count} (average {average:g})"
                ).format(hour=h, count=hourly.tickets[h], average=hourly.tickets_average[h])
                for h in shown
            ],
        )
        self.calls_points.setData(
            x=shown,
            y=[hourly.calls[h] for h in shown],
            data=[
                QCoreApplication.translate(
                    "DashboardCharts", "{hour:02d}:00 calls: {count} (average {average:g})"
                ).format(hour=h, count=hourly.calls[h], average=hourly.calls_average[h])
                for h in shown
            ],
        )


class ResponseChart(Chart):
    """Response time per day (median and 90th percentile, hours) against the SLA target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.median = self.line(BLUE)
        self.p90 = self.line(ORANGE)
        self.target = self.line(RED, dashed=True)
        self.median_points = self.points(BLUE, _data_tip)
        self.p90_points = self.points(ORANGE, _data_tip)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_texts(
            QCoreApplication.translate(
                "DashboardCharts", "Response time (first response − reported)"
            ),
            QCoreApplication.translate("DashboardCharts", "hours"),
            QCoreApplication.translate("DashboardCharts", "date of first response"),
        )
        self.rename(self.median, QCoreApplication.translate("DashboardCharts", "Median"))
        self.rename(self.p90, QCoreApplication.translate("DashboardCharts", "90th percentile"))
        self.rename(
            self.target,
            QCoreApplication.translate(
                "DashboardCharts", "SLA response target {priority} (default plan, working time)"
            ).format(priority=TARGET_PRIORITY),
        )
        # The legend says how the percentiles are approximated (see the service's BUCKETS).
        self.getPlotItem().setTitle(
            QCoreApplication.translate(
                "DashboardCharts", "Response time (first response − reported)"
            )
            + "<br><span style='font-size:8pt'>"
            + QCoreApplication.translate(
                "DashboardCharts",
                "percentiles to the minute under 1 h, to 10 min under 8 h, to the hour beyond",
            )
            + "</span>",
            color="k",
        )

    def set_days(self, days: Sequence[DayPoint], target_minutes: int | None) -> None:
        x = [float(i) for i in range(len(days))]
        median = [_hours(p.response_median_minutes) for p in days]
        p90 = [_hours(p.response_p90_minutes) for p in days]
        self.median.setData(x, median, connect="finite")
        self.p90.setData(x, p90, connect="finite")
        if target_minutes is None or not days:
            self.target.setData([], [])
            self.fit_y(median, p90)
        else:
            hours = target_minutes / 60
            self.target.setData([-0.5, len(days) - 0.5], [hours, hours])
            self.fit_y(median, p90, [hours])
        for scatter, values, name in (
            (self.median_points, median, QCoreApplication.translate("DashboardCharts", "median")),
            (
                self.p90_points,
                p90,
                QCoreApplication.translate("DashboardCharts", "90th percentile"),
            ),
        ):
            keep = _finite(values)
            scatter.setData(
                x=[x[i] for i in keep],
                y=[values[i] for i in keep],
                data=[
                    QCoreApplication.translate(
                        "DashboardCharts", "{day}: {name} {hours:.2f} h ({count} responded)"
                    ).format(
                        day=days[i].day.isoformat(),
                        name=name,
                        hours=values[i],
                        count=days[i].responded,
                    )
                    for i in keep
                ],
            )
        self.set_x(_day_ticks(days), -0.5, max(len(days) - 0.5, 0.5))


def _hours(minutes: int | None) -> float:
    return math.nan if minutes is None else minutes / 60


class ComplianceChart(Chart):
    """SLA compliance per day: the share of judged tickets resolved in time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compliance = self.line(GREEN)
        self.compliance_points = self.points(GREEN, _data_tip)
        self.getPlotItem().setYRange(0, 105, padding=0)
        # Compliance is mostly high: the legend goes to the bottom left, out of its way.
        self.legend.anchor(itemPos=(0, 1), parentPos=(0, 1), offset=(8, -4))
        self.retranslate()

    def retranslate(self) -> None:
        self.set_texts(
            QCoreApplication.translate("DashboardCharts", "SLA compliance per day"),
            QCoreApplication.translate("DashboardCharts", "resolved in time (%)"),
            QCoreApplication.translate("DashboardCharts", "date resolved"),
        )
        self.rename(
            self.compliance,
            QCoreApplication.translate("DashboardCharts", "Resolved within the SLA"),
        )

    def set_days(self, days: Sequence[DayPoint]) -> None:
        x = [float(i) for i in range(len(days))]
        values = [math.nan if p.compliance is None else 100 * p.compliance for p in days]
        self.compliance.setData(x, values, connect="finite")
        keep = _finite(values)
        self.compliance_points.setData(
            x=[x[i] for i in keep],
            y=[values[i] for i in keep],
            data=[
                QCoreApplication.translate(
                    "DashboardCharts", "{day}: {percent:.1f} % ({met} of {judged})"
                ).format(
                    day=days[i].day.isoformat(),
                    percent=values[i],
                    met=days[i].resolution_met,
                    judged=days[i].resolution_judged,
                )
                for i in keep
            ],
        )
        self.set_x(_day_ticks(days), -0.5, max(len(days) - 0.5, 0.5))


def backlog_age_name(key: str) -> str:
    names = {
        "under_1h": QCoreApplication.translate("DashboardCharts", "< 1 h"),
        "1h_4h": QCoreApplication.translate("DashboardCharts", "1–4 h"),
        "4h_1d": QCoreApplication.translate("DashboardCharts", "4–24 h"),
        "1d_3d": QCoreApplication.translate("DashboardCharts", "1–3 days"),
        "3d_7d": QCoreApplication.translate("DashboardCharts", "3–7 days"),
        "over_7d": QCoreApplication.translate("DashboardCharts", "> 7 days"),
    }
    return names.get(key, key)


class BacklogChart(Chart):
    """Open tickets by age (since reported)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=pg.mkBrush(BLUE))
        self.getPlotItem().addItem(self.bars)
        self.tops = self.points(BLUE, _data_tip)
        self._keys: list[str] = []
        self.legend.addItem(self.bars, " ")
        self.retranslate()

    def retranslate(self) -> None:
        self.set_texts(
            QCoreApplication.translate("DashboardCharts", "Backlog age"),
            QCoreApplication.translate("DashboardCharts", "open tickets (count)"),
            QCoreApplication.translate("DashboardCharts", "age since reported"),
        )
        for sample, label in self.legend.items:
            if sample.item is self.bars:
                label.setText(QCoreApplication.translate("DashboardCharts", "Open tickets"))
        self._label_ticks()

    def _label_ticks(self) -> None:
        ticks = [(float(i), backlog_age_name(key)) for i, key in enumerate(self._keys)]
        self.set_x([ticks], -0.6, max(len(self._keys) - 0.4, 0.6))

    def set_backlog(self, backlog: Sequence[BacklogAge]) -> None:
        x = [float(i) for i in range(len(backlog))]
        heights = [float(b.tickets) for b in backlog]
        self.bars.setOpts(x=x, height=heights, width=0.6)
        self.tops.setData(
            x=x,
            y=heights,
            data=[
                QCoreApplication.translate("DashboardCharts", "{age}: {count} open tickets").format(
                    age=backlog_age_name(b.key), count=b.tickets
                )
                for b in backlog
            ],
        )
        self._keys = [b.key for b in backlog]
        self._label_ticks()
        self.fit_y(heights)
