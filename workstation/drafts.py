"""Local drafts of half-typed call forms: plain JSON files, written atomically, offered back later.

A draft survives a crash, a killed window or a lost database: it is written to a temporary file
and moved over the old one (`os.replace`), so a crash mid-write leaves the previous version
whole. A file that cannot be read is set aside (`.corrupt`) and reported, never fatal.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from workstation.services.intake import CallForm

log = logging.getLogger(__name__)

SUFFIX = ".json"
_DATE_FIELDS = {"install_date"}
_INSTANT_FIELDS = {"fault_started_at", "call_started_at"}


@dataclass(frozen=True)
class Draft:
    """One saved draft: its id, when it was saved (aware UTC) and its data."""

    id: str
    saved_at: datetime
    data: dict[str, Any]


class DraftStore:
    """Drafts in one folder (the UI gives QStandardPaths' AppDataLocation/drafts)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.corrupt: list[Path] = []  # files set aside by the last load_all()

    def _path(self, draft_id: str) -> Path:
        if not draft_id or any(ch in draft_id for ch in "/\\:") or draft_id.startswith("."):
            raise ValueError(f"not a draft id: {draft_id!r}")
        return self.folder / f"{draft_id}{SUFFIX}"

    def save(self, draft_id: str, data: dict[str, Any], now: datetime | None = None) -> None:
        """Write the draft atomically: either the old version or the new one, never half."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._path(draft_id)
        saved_at = (now or datetime.now(UTC)).isoformat()
        text = json.dumps({"id": draft_id, "saved_at": saved_at, "data": data}, ensure_ascii=False)
        handle, temp = tempfile.mkstemp(prefix=f".{draft_id}.", suffix=".tmp", dir=self.folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def load_all(self) -> list[Draft]:
        """Every readable draft, newest first; unreadable files are set aside in `corrupt`."""
        self.corrupt = []
        if not self.folder.is_dir():
            return []
        drafts = []
        for path in self.folder.glob(f"*{SUFFIX}"):
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                saved_at = datetime.fromisoformat(raw["saved_at"])
                if saved_at.tzinfo is None:
                    saved_at = saved_at.replace(tzinfo=UTC)
                drafts.append(Draft(str(raw["id"]), saved_at, dict(raw["data"])))
            except (OSError, ValueError, KeyError, TypeError) as error:
                log.warning("draft %s cannot be read (%s): set aside", path.name, error)
                aside = path.with_name(path.name + ".corrupt")
                try:
                    os.replace(path, aside)
                except OSError:
                    aside = path
                self.corrupt.append(aside)
        drafts.sort(key=lambda d: d.saved_at, reverse=True)
        return drafts

    def discard(self, draft_id: str) -> None:
        """Forget the draft (after its call was saved, or the agent threw it away)."""
        self._path(draft_id).unlink(missing_ok=True)


def form_to_data(form: CallForm) -> dict[str, Any]:
    """A CallForm as JSON-ready values (dates and instants as ISO text)."""
    data: dict[str, Any] = {}
    for item in fields(CallForm):
        value = getattr(form, item.name)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        data[item.name] = value
    return data


def form_from_data(data: dict[str, Any]) -> CallForm:
    """The CallForm back from `form_to_data` (unknown keys ignored, missing ones default)."""
    values: dict[str, Any] = {}
    known = {item.name for item in fields(CallForm)}
    for name, value in data.items():
        if name not in known:
            continue
        if value is not None and name in _DATE_FIELDS:
            value = date.fromisoformat(value)
        elif value is not None and name in _INSTANT_FIELDS:
            value = datetime.fromisoformat(value)
        elif name == "external_factors":
            value = tuple(value or ())
        values[name] = value
    return CallForm(**values)
