"""The product catalogue: product models and the fault taxonomy per product kind."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base


class ProductModel(Base):
    """A model the vendor sells and services, e.g. a laser printer model."""

    __tablename__ = "product_models"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40), index=True)
    warranty_months: Mapped[int] = mapped_column(SmallInteger, default=12)


class SymptomCategory(Base):
    """A symptom the fault form offers for one product kind (abnormal noise, …)."""

    __tablename__ = "symptom_categories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_category: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(100))
    name_zh: Mapped[str] = mapped_column(String(100))

    __table_args__ = (UniqueConstraint("product_category", "code"),)


class ErrorCode(Base):
    """A device error code the fault form suggests for one product kind (E-0213, …).

    Never deleted: tickets store the code as typed, so a retired code is made inactive and
    old tickets keep showing it.
    """

    __tablename__ = "error_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_category: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    name_zh: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (UniqueConstraint("product_category", "code"),)


class WrapUpCode(Base):
    """How a call ended, as the wrap-up dialog offers it (ticket created, wrong number, …).

    Never deleted: calls store the code, so a retired one is made inactive.
    """

    __tablename__ = "wrap_up_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_zh: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
