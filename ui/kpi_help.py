"""The written definition of every KPI, as the dashboard and the reports show them ("?").

One text per KPI says what is counted, over which timestamp, the numerator and the
denominator, working or clock hours, and what is left out; the README's "KPI definitions"
says the same in English. Definitions are built when asked for, so they come out in the
language in effect; the dialog rebuilds them when the language changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


@dataclass(frozen=True)
class KpiDefinition:
    """`key` names the KPI as workstation/services/kpis.py does; title and text are translated."""

    key: str
    title: str
    text: str


def kpi_definitions() -> tuple[KpiDefinition, ...]:
    """Every KPI's definition in the language in effect, in the dashboard's order."""
    return (
        KpiDefinition(
            "period",
            QCoreApplication.translate("KpiHelp", "Period and filters"),
            QCoreApplication.translate(
                "KpiHelp",
                "A period is a run of the centre's local days (Beijing time), both ends "
                "included: a ticket counts on the local day its timestamp falls on. Filters: "
                "region (the region of the ticket's queue, else of its customer), queue, "
                "product kind (the category of the ticket's product model; tickets without a "
                "model are left out once a kind is chosen) and customer tier. Trends compare "
                "with the period of the same number of days just before. A KPI with nothing "
                "to measure in the period shows a dash, never 0.",
            ),
        ),
        KpiDefinition(
            "first_call_resolution_rate",
            QCoreApplication.translate("KpiHelp", "First-call resolution rate"),
            QCoreApplication.translate(
                "KpiHelp",
                "Fault tickets reported in the period that were resolved during the call "
                "that logged them and never reopened, divided by all fault tickets reported "
                "in the period. Complaints are not counted.",
            ),
        ),
        KpiDefinition(
            "time_to_respond",
            QCoreApplication.translate("KpiHelp", "Time to respond (mean and median)"),
            QCoreApplication.translate(
                "KpiHelp",
                "Tickets whose first response (the first move to In progress or Resolved) "
                "falls in the period. The time from the report to the first response, "
                "shown two ways: working hours of the calendar of the ticket's SLA plan "
                "(nights, weekends, holidays and time waiting for the customer left out), "
                "and clock hours (every hour counts). The median of an even number of "
                "tickets is the mean of the two middle ones.",
            ),
        ),
        KpiDefinition(
            "time_to_resolve",
            QCoreApplication.translate("KpiHelp", "Time to resolve (mean and median)"),
            QCoreApplication.translate(
                "KpiHelp",
                "Tickets whose latest resolution falls in the period. The time from the "
                "report to the resolution in working hours of the SLA plan's calendar "
                "(time waiting for the customer and, for a reopened ticket, the time it "
                "stood resolved left out), and in clock hours from the report to the "
                "resolution.",
            ),
        ),
        KpiDefinition(
            "response_compliance",
            QCoreApplication.translate("KpiHelp", "SLA response compliance"),
            QCoreApplication.translate(
                "KpiHelp",
                "Of the tickets first responded to in the period that have a response "
                "deadline, the share answered at or before it. Tickets still waiting for a "
                "first response are not counted here (they are in the backlog).",
            ),
        ),
        KpiDefinition(
            "resolution_compliance",
            QCoreApplication.translate("KpiHelp", "SLA resolution compliance"),
            QCoreApplication.translate(
                "KpiHelp",
                "Of the tickets resolved in the period that have a resolution deadline, the "
                "share resolved at or before it (the deadline as last moved by waits for "
                "the customer and by priority or plan changes). Open tickets are not "
                "counted.",
            ),
        ),
        KpiDefinition(
            "reopen_rate",
            QCoreApplication.translate("KpiHelp", "Reopen rate"),
            QCoreApplication.translate(
                "KpiHelp",
                "Of the tickets resolved in the period, the share that had been reopened at "
                "least once (by an agent, or after a follow-up call) before their latest "
                "resolution. A reopened ticket not yet resolved again counts once it is.",
            ),
        ),
        KpiDefinition(
            "backlog",
            QCoreApplication.translate("KpiHelp", "Backlog and its age"),
            QCoreApplication.translate(
                "KpiHelp",
                "Tickets reported before the end of the period and not resolved by then "
                "(for a period not over yet: open now), complaints included. Age: clock "
                "hours from the report to the end of the period (or now), mean and median.",
            ),
        ),
        KpiDefinition(
            "satisfaction",
            QCoreApplication.translate("KpiHelp", "Follow-up satisfaction"),
            QCoreApplication.translate(
                "KpiHelp",
                "Follow-up calls answered in the period with a satisfaction score (1 to 5): "
                "the average score, and the share of scores 4 or 5. Calls where the "
                "customer was not reached or gave no score are left out.",
            ),
        ),
        KpiDefinition(
            "failures",
            QCoreApplication.translate(
                "KpiHelp", "Failures by product model, symptom category and error code"
            ),
            QCoreApplication.translate(
                "KpiHelp",
                "Fault tickets reported in the period, counted per product model, per "
                "symptom category and per error code, each with its share of all fault "
                "tickets reported in the period. Faults without a model, symptom or error "
                "code have no row, so the shares need not add up to 100%. This is the "
                "feedback to R&D.",
            ),
        ),
        KpiDefinition(
            "repeat_faults",
            QCoreApplication.translate("KpiHelp", "Repeat faults on the same device"),
            QCoreApplication.translate(
                "KpiHelp",
                "Fault tickets reported in the period on a known device (serial number) "
                "that were flagged as a repeat when logged: the same device's previous "
                "fault had been fixed within the centre's repeat window (30 days unless the "
                "centre changed it). Rate: repeats divided by all fault tickets on known "
                "devices; also per product model.",
            ),
        ),
        KpiDefinition(
            "engineer_load",
            QCoreApplication.translate("KpiHelp", "Engineer utilisation and visits per day"),
            QCoreApplication.translate(
                "KpiHelp",
                "Not measurable yet: visits (arrival, departure, time on site) are not "
                "recorded until the field-service records exist, so no utilisation and no "
                "visits per day are shown. Shown instead, per active engineer: tickets "
                "resolved as assignee in the period, the same per calendar day of the "
                "period, and tickets assigned to the engineer and open now.",
            ),
        ),
        KpiDefinition(
            "parts_consumption",
            QCoreApplication.translate("KpiHelp", "Parts consumption"),
            QCoreApplication.translate(
                "KpiHelp",
                "Not measurable yet: parts used on visits are not recorded until the "
                "field-service records exist. No figure is shown.",
            ),
        ),
    )


def definitions_html(definitions: tuple[KpiDefinition, ...]) -> str:
    """The definitions as one page: a heading and a paragraph each."""
    return "".join(
        f'<h3><a name="{d.key}"></a>{escape(d.title)}</h3><p>{escape(d.text)}</p>'
        for d in definitions
    )


class KpiHelpDialog(QDialog):
    """The "KPI definitions" the dashboard's and the reports' "?" button opens.

    `show_kpi(key)` scrolls to one definition (the one whose "?" was pressed).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiHelpDialog")
        self.resize(640, 560)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("kpiDefinitions")
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._retranslate()

    def show_kpi(self, key: str) -> None:
        self.browser.scrollToAnchor(key)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("KPI definitions"))
        self.browser.setHtml(definitions_html(kpi_definitions()))
