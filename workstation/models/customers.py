"""Customers with their contacts, the contacts' phone numbers, and their sites."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base, UTCDateTime, utcnow


class CustomerKind(StrEnum):
    COMPANY = "company"
    PERSON = "person"


class Tier(StrEnum):
    """Service tier; it belongs to the customer and stays with it."""

    VIP = "vip"
    KEY = "key"
    STANDARD = "standard"


class Customer(Base):
    """A company or a person the centre serves."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    tier: Mapped[str] = mapped_column(String(10), default=Tier.STANDARD)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Set when this record was merged into another: it stays, so history pointing at it holds.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    # Lower-case full pinyin and initials of the name ("zhangsan", "zs"); for
    # Latin names both hold the lower-cased name. Searched by prefix range.
    pinyin_full: Mapped[str] = mapped_column(String(400), default="", index=True)
    pinyin_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_customers_name", "name"),)


class Contact(Base):
    """A person at a customer the centre talks to."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), default="")
    wechat_id: Mapped[str] = mapped_column(String(100), default="")
    pinyin_full: Mapped[str] = mapped_column(String(300), default="", index=True)
    pinyin_initials: Mapped[str] = mapped_column(String(100), default="", index=True)


class ContactPhone(Base):
    """One phone number of a contact: as typed, and normalised for lookup.

    `e164` is the canonical form (+8613812345678); `national` the digits as
    dialled inside the country with the trunk prefix (13812345678,
    01065521234), for prefix search; `reversed_digits` the national digits
    reversed, so "last four digits" is a prefix search too.
    """

    __tablename__ = "contact_phones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    raw: Mapped[str] = mapped_column(String(40))
    e164: Mapped[str] = mapped_column(String(20), index=True)
    national: Mapped[str] = mapped_column(String(20), index=True)
    reversed_digits: Mapped[str] = mapped_column(String(20), index=True)


class Site(Base):
    """A place where a customer's equipment stands."""

    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
