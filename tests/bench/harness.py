"""Timing and reporting: a Figure per measured action, printed as a table and saved as JSON."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One benchmark result; every duration in milliseconds."""

    name: str
    p50_ms: float
    p95_ms: float
    n: int
    floor_p95_ms: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times the floor (raw SQL on the same connection) this costs."""
        if not self.floor_p95_ms:
            return None
        return self.p95_ms / self.floor_p95_ms


def percentile(samples: list[float], fraction: float) -> float:
    """The value below which `fraction` of the samples lie (nearest rank)."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def time_ms(action: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Run `action` `repeat` times after a warm-up; each duration in ms."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def figure(
    name: str, samples: list[float], floor: list[float] | None = None, note: str = ""
) -> Figure:
    return Figure(
        name=name,
        p50_ms=statistics.median(samples),
        p95_ms=percentile(samples, 0.95),
        n=len(samples),
        floor_p95_ms=percentile(floor, 0.95) if floor else None,
        note=note,
    )


def print_table(title: str, figures: list[Figure]) -> None:
    print(f"\n{title}")
    header = (
        f"{'figure':<28}{'p50 ms':>12}{'p95 ms':>12}{'floor p95':>12}{'ratio':>9}{'n':>6}  note"
    )
    print(header)
    print("-" * len(header))
    for fig in figures:
        floor = f"{fig.floor_p95_ms:.3f}" if fig.floor_p95_ms is not None else "-"
        ratio = f"{fig.ratio:.1f}x" if fig.ratio is not None else "-"
        print(
            f"{fig.name:<28}{fig.p50_ms:>12.3f}{fig.p95_ms:>12.3f}{floor:>12}{ratio:>9}{fig.n:>6}"
            f"  {fig.note}"
        )


def write_json(path: Path, context: dict[str, object], figures: list[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"context": context, "figures": [asdict(f) for f in figures]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
