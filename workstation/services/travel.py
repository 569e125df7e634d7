"""Travel between two places an engineer goes: an estimate from coordinates alone.

No road network: the straight-line (great-circle) distance times a road factor, driven at an
average speed, both centre settings (`road_factor`, `travel_speed_kmh`). Rough, but it is
what a dispatcher does in their head, and it catches the booking that cannot work (two
visits 60 km apart with ten minutes between them). A place without coordinates gives no
estimate: the rules then say nothing about travel rather than guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from workstation.services.centre_settings import ROAD_FACTOR, TRAVEL_SPEED_KMH, amount, setting

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)

# (latitude, longitude) in degrees.
Point = tuple[float, float]


def point(latitude: float | None, longitude: float | None) -> Point | None:
    """A place from its two coordinates, or None when either is unknown."""
    if latitude is None or longitude is None:
        return None
    return (float(latitude), float(longitude))


def straight_km(a: Point, b: Point) -> float:
    """The great-circle (haversine) distance in kilometres."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class TravelModel:
    """How the centre estimates travel: road km = straight km × factor, at a speed."""

    road_factor: float = 1.3
    speed_kmh: float = 40.0

    def road_km(self, a: Point | None, b: Point | None) -> float | None:
        """The estimated road distance, None when a place has no coordinates."""
        if a is None or b is None:
            return None
        return straight_km(a, b) * self.road_factor

    def minutes(self, a: Point | None, b: Point | None) -> int:
        """Whole minutes (rounded up) to drive from `a` to `b`; 0 when either is unknown."""
        km = self.road_km(a, b)
        if km is None or km <= 0:
            return 0
        return math.ceil(km / self.speed_kmh * 60 - 1e-9)


def travel_model(session: Session) -> TravelModel:
    """The centre's settings in force, in the caller's transaction."""
    return TravelModel(
        road_factor=float(amount(session, ROAD_FACTOR)),
        speed_kmh=float(setting(session, TRAVEL_SPEED_KMH)),
    )
