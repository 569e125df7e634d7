"""Similar past faults: resolved tickets of the same model with the same error code or symptom.

Candidates come from two small index range reads (tickets(product_model_id, error_code) and
tickets(product_model_id, symptom_category_id)), newest first and bounded; they are ranked
here in Python by character-trigram overlap of their description with what the agent typed,
which works for Chinese and Latin text alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import Ticket

CANDIDATES = 200
# A match on the model only (no error code, no symptom) must resemble the text this much.
TEXT_ONLY_MIN_SCORE = 0.12

_COLUMNS = (
    Ticket.id,
    Ticket.number,
    Ticket.resolved_at,
    Ticket.description,
    Ticket.root_cause,
    Ticket.solution,
    Ticket.resolution_type,
    Ticket.error_code,
    Ticket.symptom_category_id,
)


@dataclass(frozen=True)
class SimilarFault:
    """A resolved ticket like the one being reported, with how it was fixed."""

    ticket_id: int
    number: str
    resolved_at: datetime | None
    description: str
    root_cause: str
    solution: str
    resolution_type: str
    match: str  # "error_code", "symptom" or "text"
    score: float


def trigrams(text: str) -> frozenset[str]:
    """Character trigrams of the lower-cased text, padded so two-character words count too."""
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of trigrams in common (Jaccard), 0 … 1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


_Row = tuple[Any, ...]


def _candidates(session: Session, model_id: int, *where: ColumnElement[bool]) -> list[_Row]:
    query = (
        select(*_COLUMNS)
        .where(Ticket.product_model_id == model_id, Ticket.resolved_at.is_not(None), *where)
        # ids rise with the time reported: newest first, walking the index backwards.
        .order_by(Ticket.id.desc())
        .limit(CANDIDATES)
    )
    return [tuple(row) for row in session.execute(query)]


def similar_faults(
    db: Database,
    product_model_id: int | None,
    error_code: str,
    symptom_category_id: int | None,
    text: str,
    limit: int = 8,
) -> tuple[SimilarFault, ...]:
    """Same error code first, then same symptom, then (only if nothing else) text alone."""
    if product_model_id is None:
        return ()
    error_code = error_code.strip()
    groups: list[tuple[str, list[_Row]]] = []
    with db.session() as session:
        if error_code:
            groups.append(
                (
                    "error_code",
                    _candidates(session, product_model_id, Ticket.error_code == error_code),
                )
            )
        if symptom_category_id is not None:
            groups.append(
                (
                    "symptom",
                    _candidates(
                        session,
                        product_model_id,
                        Ticket.symptom_category_id == symptom_category_id,
                    ),
                )
            )
        if not groups and text.strip():
            groups.append(("text", _candidates(session, product_model_id)))
    wanted = trigrams(text)
    seen: set[int] = set()
    found: list[SimilarFault] = []
    for match, rows in groups:
        ranked = []
        for position, row in enumerate(rows):
            if row[0] in seen:
                continue
            seen.add(row[0])
            score = similarity(wanted, trigrams(row[3]))
            if match == "text" and score < TEXT_ONLY_MIN_SCORE:
                continue
            ranked.append((-score, position, row, score))
        ranked.sort(key=lambda item: (item[0], item[1]))
        for _, _, row, score in ranked:
            found.append(
                SimilarFault(
                    ticket_id=row[0],
                    number=row[1],
                    resolved_at=row[2],
                    description=row[3],
                    root_cause=row[4],
                    solution=row[5],
                    resolution_type=row[6],
                    match=match,
                    score=score,
                )
            )
            if len(found) >= limit:
                return tuple(found)
    return tuple(found)
