"""Expected refusals of a use case: field errors, conflicts, missing records, permissions.

They are answers for the user, not bugs: the screens show them at the field or in a message,
and the task runner does not log them as internal errors.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem at one field: `code` is stable, the UI words it (params fill it in)."""

    field: str
    code: str
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)


class Refused(Exception):
    """Base of every expected refusal: nothing was written, the user can act on it."""
