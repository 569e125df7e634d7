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
    """How many tickets reported on `day` share these dimensions, response bucket and
    compliance state (0 / '' mean none; response_bucket -1: no first response yet;
    compliance -1 not judged, 0 missed, 1 met)."""

    __tablename__ = "dashboard_day_rollups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    region_id: Mapped[int] = mapped_column(Integer)
    queue_id: Mapped[int] = mapped_column(Integer)
    product_category: Mapped[str] = mapped_column(String(40))
    tier: Mapped[str] = mapped_column(String(10))
    response_bucket: Mapped[int] = mapped_column(Integer)
    compliance: Mapped[int] = mapped_column(SmallInteger)
    tickets: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "day",
            "region_id",
            "queue_id",
            "product_category",
            "tier",
            "response_bucket",
            "compliance",
            name="uq_dashboard_day_rollups_key",
        ),
    )
