"""Command line of the benchmark suite: build or reuse the data set, run every figure."""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from tests.bench import (
    figures_claims,
    figures_dashboard,
    figures_edit,
    figures_export,
    figures_history,
    figures_import,
    figures_intake,
    figures_kpis,
    figures_lookup,
    figures_propagation,
    figures_queue,
    figures_schedule,
    figures_startup,
)
from tests.bench.datasets import SCALES, dataset, given
from tests.bench.harness import Figure, figure, print_table, write_json

# Each module adds its figures; later features add theirs to this list.
FIGURE_MODULES = [
    figures_startup,
    figures_intake,
    figures_edit,
    figures_lookup,
    figures_history,
    figures_claims,
    figures_propagation,
    figures_queue,
    figures_kpis,
    figures_export,
    figures_import,
    figures_dashboard,
    figures_schedule,
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--only", help="run only figures whose name starts with this")
    parser.add_argument(
        "--url",
        help="measure this database as it is (never built or rebuilt): a data set made "
        "elsewhere, e.g. the full-scale one while this branch's migrations differ",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    data = given(args.url, args.scale) if args.url else dataset(args.scale, args.backend)
    note = "reused build" if data.reused else "built in this run"
    figures: list[Figure] = [
        figure("demo_load", [data.load_ms], note=f"{data.customers:,} customers, {note}")
    ]
    for module in FIGURE_MODULES:
        if getattr(module, "HEAVY", False) and not args.only:
            print(f"{module.__name__}: minutes a run, measured only when asked (--only)")
            continue
        figures += module.run(data.url, only=args.only)
    if args.only:
        figures = [f for f in figures if f.name.startswith(args.only)]
    print_table(f"benchmarks: scale={args.scale} backend={args.backend}", figures)
    if args.json:
        context = {
            "scale": args.scale,
            "backend": args.backend,
            "customers": data.customers,
            "python": sys.version.split()[0],
            "machine": platform.platform(),
            "cpus": os.cpu_count(),
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        write_json(args.json, context, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
