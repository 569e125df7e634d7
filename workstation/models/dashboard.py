"""Summed past days for the dashboard (a cache of tickets, rebuilt when a day's ticket changes)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, UTCDateTime


class DashboardRollupDay(Base):
    """A local day whose tickets are summed, fresh up to change-log id `change_id`."""

    __tablename__ = "dashboard_rollup_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    change_id: Mapped[int] = mapped_column(Integer)
    rolled_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DashboardDayRollup(Base):
    """How many tickets share these dimensions and `value` on `day` for one measure
    (services/dashboard_rollups.py: reported that day; first responded that day, value the
    response-time bucket; resolved that day with a deadline, value 1 met / 0 missed).
    0 / '' mean none."""

    __tablename__ = "dashboard_day_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    measure: Mapped[int] = mapped_column(SmallInteger)
    region_id: Mapped[int] = mapped_column(Integer)
    queue_id: Mapped[int] = mapped_column(Integer)
    product_category: Mapped[str] = mapped_column(String(40))
    tier: Mapped[str] = mapped_column(String(10))
    value: Mapped[int] = mapped_column(Integer)
    tickets: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "day",
            "measure",
            "region_id",
            "queue_id",
            "product_category",
            "tier",
            "value",
            name="uq_dashboard_day_rollups_key",
        ),
    )


class DashboardDayTotal(Base):
    """`DashboardDayRollup` summed over every dimension: what an unfiltered dashboard reads."""

    __tablename__ = "dashboard_day_totals"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    measure: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    tickets: Mapped[int] = mapped_column(Integer)
