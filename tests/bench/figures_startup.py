"""Start-up figures: cold start to the sign-in window, and sign-in accepted to the desk ready."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure

ROOT = Path(__file__).resolve().parents[2]
COLD_START_RUNS = 7


def _cold_start_once(url: URL, milestone: str = "sign-in-shown") -> float:
    """Whole process, measured from outside: launch until it reports the milestone reached:
    "sign-in-shown" (the window is up) or "sign-in-ready" (its database is open too)."""
    env = dict(
        os.environ,
        WORKSTATION_EXIT_AFTER=milestone,
        QT_QPA_PLATFORM="offscreen",
        WORKSTATION_INSTANCE=f"bench-{os.getpid()}",
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "main.py", "--database", url.render_as_string(hide_password=False)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == milestone:
            elapsed = (time.perf_counter() - started) * 1000
            break
    else:
        raise RuntimeError(f"the workstation never showed the sign-in window: {process.stderr}")
    process.wait(timeout=30)
    return elapsed


def _bare_window_once() -> float:
    """The floor: a process that shows a bare QMainWindow and exits."""
    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([]); w = QMainWindow(); w.show(); app.processEvents(); print('shown')"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def run(url: URL, only: str | None = None) -> list[Figure]:
    figures: list[Figure] = []
    if not only or "cold_start".startswith(only) or only.startswith("cold_start"):
        _cold_start_once(url)  # warm the OS file cache once
        samples = [_cold_start_once(url) for _ in range(COLD_START_RUNS)]
        floor = [_bare_window_once() for _ in range(COLD_START_RUNS)]
        figures.append(figure("cold_start", samples, floor, note="floor: bare QMainWindow process"))
        ready = [_cold_start_once(url, "sign-in-ready") for _ in range(COLD_START_RUNS)]
        figures.append(
            figure("cold_start_ready", ready, floor, note="window up and its database open")
        )
    if not only or "sign_in_to_desk".startswith(only) or only.startswith("sign_in"):
        from tests.bench.figures_desk import sign_in_to_desk

        figures.append(sign_in_to_desk(url))
    return figures
