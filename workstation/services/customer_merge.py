"""Merge two customer records that are the same customer: everything moves to the one kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    Call,
    Contact,
    ContactPhone,
    Customer,
    Equipment,
    Region,
    ServiceContract,
    Site,
    Ticket,
    utcnow,
)
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import (
    TIER_RANK,
    EditRejected,
    FieldError,
    RecordNotFound,
    audit,
)

# Agents may merge in this issue; a later issue may make it a supervisor's job: change it here.
MERGE_PERMISSION = Permission.LOG_CALLS
REASON_MAX = 500

# What moves from the merged record to the kept one, in this order.
_MOVED = (
    ("contacts", Contact),
    ("sites", Site),
    ("equipment", Equipment),
    ("tickets", Ticket),
    ("calls", Call),
    ("contracts", ServiceContract),
)


@dataclass(frozen=True)
class MoveCounts:
    contacts: int
    sites: int
    equipment: int
    tickets: int
    calls: int
    contracts: int

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name, _ in _MOVED}


@dataclass(frozen=True)
class MergeSide:
    """One of the two records as the merge dialog shows it."""

    id: int
    name: str
    kind: str
    tier: str
    region: str
    address: str
    phones: tuple[str, ...]
    merged_into_id: int | None
    version: int
    counts: MoveCounts


@dataclass(frozen=True)
class MergePreview:
    keep: MergeSide
    merge: MergeSide
    resulting_tier: str
    problems: tuple[FieldError, ...]


@dataclass(frozen=True)
class MergeResult:
    keep_id: int
    merge_id: int
    moved: MoveCounts
    tier: str


def higher_tier(a: str, b: str) -> str:
    """The better of two tiers: VIP stays VIP."""
    return a if TIER_RANK.get(a, 0) >= TIER_RANK.get(b, 0) else b


def _counts(session: Session, customer_id: int) -> MoveCounts:
    values = [
        session.scalar(select(func.count()).where(model.customer_id == customer_id)) or 0
        for _, model in _MOVED
    ]
    return MoveCounts(*values)


def _side(session: Session, customer: Customer) -> MergeSide:
    region = (
        session.scalar(select(Region.name).where(Region.id == customer.region_id))
        if customer.region_id
        else None
    )
    phones = session.scalars(
        select(ContactPhone.raw)
        .join(Contact, Contact.id == ContactPhone.contact_id)
        .where(Contact.customer_id == customer.id)
        .order_by(Contact.id, ContactPhone.id)
        .limit(5)
    ).all()
    return MergeSide(
        id=customer.id,
        name=customer.name,
        kind=customer.kind,
        tier=customer.tier,
        region=region or "",
        address=customer.address,
        phones=tuple(phones),
        merged_into_id=customer.merged_into_id,
        version=customer.version,
        counts=_counts(session, customer.id),
    )


def _problems(keep: Customer, merge: Customer) -> list[FieldError]:
    problems: list[FieldError] = []
    if keep.id == merge.id:
        problems.append(FieldError("merge_id", "same_customer"))
        return problems
    if keep.merged_into_id is not None:
        problems.append(
            FieldError("keep_id", "already_merged", {"into_id": str(keep.merged_into_id)})
        )
    if merge.merged_into_id is not None:
        problems.append(
            FieldError("merge_id", "already_merged", {"into_id": str(merge.merged_into_id)})
        )
    return problems


def _load(session: Session, customer_id: int, lock: bool = False) -> Customer:
    query = select(Customer).where(Customer.id == customer_id)
    if lock:
        query = query.with_for_update()  # PostgreSQL: two desks cannot merge crosswise
    customer = session.scalars(query).one_or_none()
    if customer is None:
        raise RecordNotFound("customer", customer_id)
    return customer


def merge_preview(db: Database, keep_id: int, merge_id: int) -> MergePreview:
    """Both records side by side, what would move, the resulting tier and any refusal."""
    with db.session() as session:
        keep, merge = _load(session, keep_id), _load(session, merge_id)
        return MergePreview(
            keep=_side(session, keep),
            merge=_side(session, merge),
            resulting_tier=higher_tier(keep.tier, merge.tier),
            problems=tuple(_problems(keep, merge)),
        )


def merge_customers(
    db: Database, user: SignedInUser, keep_id: int, merge_id: int, reason: str
) -> MergeResult:
    """Move everything of `merge_id` to `keep_id` and mark it merged (its row stays, so the
    history pointing at it holds). The kept tier is the higher of the two."""
    require(user.role, MERGE_PERMISSION)
    with db.session() as session:
        # Locked in id order, so two desks merging the same pair cannot deadlock.
        locked = {i: _load(session, i, lock=True) for i in sorted({keep_id, merge_id})}
        keep, merge = locked[keep_id], locked[merge_id]
        errors = _problems(keep, merge)
        clean_reason = reason.strip()
        if not clean_reason:
            errors.append(FieldError("reason", "required"))
        elif len(clean_reason) > REASON_MAX:
            errors.append(FieldError("reason", "too_long", {"max": str(REASON_MAX)}))
        if errors:
            raise EditRejected(errors)
        moved = _counts(session, merge_id)
        for _, model in _MOVED:
            session.execute(
                update(model)
                .where(model.customer_id == merge_id)
                .values(customer_id=keep_id)
                .execution_options(synchronize_session=False)
            )
        now = utcnow()
        keep_changes: dict[str, Any] = {}
        tier = higher_tier(keep.tier, merge.tier)
        if tier != keep.tier:
            keep_changes["tier"] = [keep.tier, tier]
            keep.tier = tier
        if keep.region_id is None and merge.region_id is not None:
            keep_changes["region_id"] = [None, merge.region_id]
            keep.region_id = merge.region_id
        if not keep.address and merge.address:
            keep_changes["address"] = ["", merge.address]
            keep.address = merge.address
        keep.version += 1
        keep.updated_at = now
        merge.merged_into_id = keep_id
        merge.version += 1
        merge.updated_at = now
        audit(
            session,
            user,
            "customer",
            keep_id,
            "merged_in",
            {
                "merged_id": merge_id,
                "merged_name": merge.name,
                "merged_tier": merge.tier,
                "moved": moved.as_dict(),
                "changed": keep_changes,
                "reason": clean_reason,
            },
        )
        audit(
            session,
            user,
            "customer",
            merge_id,
            "merged_into",
            {
                "into_id": keep_id,
                "into_name": keep.name,
                "moved": moved.as_dict(),
                "reason": clean_reason,
            },
        )
        record_change(
            session,
            "customer",
            keep_id,
            "merged_in",
            user.id,
            {"customer_id": keep_id, "merged_id": merge_id},
        )
        record_change(
            session,
            "customer",
            merge_id,
            "merged_into",
            user.id,
            {"customer_id": merge_id, "into_id": keep_id},
        )
        session.commit()
        return MergeResult(keep_id, merge_id, moved, tier)
