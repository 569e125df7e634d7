"""The staff: the documented demo sign-ins plus agents, engineers and supervisors to scale.

Password hashes are computed once per distinct password: scrypt costs about
40 ms on purpose, and hundreds of users would otherwise take seconds.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from workstation.demo.names import NameMaker
from workstation.demo.refs import Reference
from workstation.demo.writer import Row
from workstation.passwords import hash_password

# (username, password, role) — documented in the README; change both together.
DEMO_SIGN_INS: tuple[tuple[str, str, str], ...] = (
    ("admin", "admin", "admin"),
    ("supervisor", "supervisor", "supervisor"),
    ("agent", "agent", "agent"),
    ("engineer", "engineer", "engineer"),
    ("zhangwei", "zhangwei", "agent"),
)
_DEMO_DISPLAY = {
    "admin": "Administrator",
    "supervisor": "Demo Supervisor",
    "agent": "Demo Agent",
    "engineer": "Demo Engineer",
    "zhangwei": "张伟",
}
# Everyone else signs in with this password (same for all, documented with the above).
STAFF_PASSWORD = "demo"

USER_COLUMNS = (
    "id", "username", "display_name", "password_hash", "role", "region_id", "skills",
    "active", "created_at",
)  # fmt: skip


@dataclass
class Staff:
    """Who the ticket stage can put on a ticket."""

    rows: list[Row] = field(default_factory=list)
    agents: list[int] = field(default_factory=list)
    supervisors: dict[int, list[int]] = field(default_factory=dict)
    # (region id, product kind) → engineers with that skill in that region.
    engineers: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    all_supervisors: list[int] = field(default_factory=list)


def _skills_json(skills: list[str]) -> str:
    return json.dumps(skills)


def make_staff(
    rng: random.Random,
    ref: Reference,
    customers: int,
    first_id: int,
    taken: set[str],
    created_at: str,
) -> Staff:
    """User rows (ids from `first_id`) skipping usernames already in the database."""
    staff = Staff()
    names = NameMaker(rng)
    kinds = [k.code for k in ref.kinds]
    regions = list(ref.regions.items())
    hashes: dict[str, str] = {}
    next_id = first_id

    def add(
        username: str,
        display: str,
        password: str,
        role: str,
        region: int | None,
        skills: list[str],
    ) -> int | None:
        nonlocal next_id
        if username in taken:
            return None
        taken.add(username)
        if password not in hashes:
            hashes[password] = hash_password(password)
        user_id = next_id
        next_id += 1
        staff.rows.append(
            (
                user_id,
                username,
                display,
                hashes[password],
                role,
                region,
                _skills_json(skills),
                1,
                created_at,
            )
        )
        return user_id

    def unique_username(base: str) -> str:
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}{n}"
        return candidate

    east = ref.regions["EAST"]
    for username, password, role in DEMO_SIGN_INS:
        region = east if role == "engineer" else None
        skills = kinds if role in ("engineer", "admin") else []
        user_id = add(username, _DEMO_DISPLAY[username], password, role, region, skills)
        if user_id is not None and role == "agent":
            staff.agents.append(user_id)
        if user_id is not None and role == "engineer":
            for kind in kinds:
                staff.engineers.setdefault((east, kind), []).append(user_id)

    for _ in range(max(6, customers // 2000)):
        person = names.chinese_person()
        user_id = add(
            unique_username(person.pinyin_full), person.name, STAFF_PASSWORD, "agent", None, []
        )
        if user_id is not None:
            staff.agents.append(user_id)

    per_region = max(2, customers // 5000 // len(regions))
    for code, region_id in regions:
        person = names.english_person() if code == "INTL" else names.chinese_person()
        username = unique_username(person.email_local if code == "INTL" else person.pinyin_full)
        user_id = add(username, person.name, STAFF_PASSWORD, "supervisor", region_id, [])
        if user_id is not None:
            staff.supervisors.setdefault(region_id, []).append(user_id)
            staff.all_supervisors.append(user_id)
        for n in range(per_region):
            person = names.english_person() if code == "INTL" else names.chinese_person()
            # Every kind has someone in every region; most engineers know two to four kinds.
            known = {kinds[n % len(kinds)], *rng.sample(kinds, 1 + int(rng.random() * 3))}
            ordered = [k for k in kinds if k in known]
            username = unique_username(person.email_local if code == "INTL" else person.pinyin_full)
            user_id = add(username, person.name, STAFF_PASSWORD, "engineer", region_id, ordered)
            if user_id is None:
                continue
            for kind in ordered:
                staff.engineers.setdefault((region_id, kind), []).append(user_id)
    if not staff.agents:
        raise ValueError("no agent could be created: usernames all taken")
    if not staff.all_supervisors:
        staff.all_supervisors = list(staff.agents)
    return staff
