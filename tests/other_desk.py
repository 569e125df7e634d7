"""Drive `tests/desk_writer.py` in a second process: another desk committing to the same
database while this process (the desk under test) keeps its event loop running."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Commit:
    """One save committed by the other process, and when (its `time.time()`)."""

    customer_id: int
    version: int
    at: float


class OtherDesk:
    """A `python -m tests.desk_writer` process; its answers are read by a thread of ours."""

    def __init__(self, url: str, user_id: int) -> None:
        paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.desk_writer", url, str(user_id)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.commits: list[Commit] = []
        self.batches_done = 0
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="other-desk-reader", daemon=True)
        self._reader.start()

    def wait_ready(self, timeout: float = 30.0) -> None:
        if not self._ready.wait(timeout):
            raise TimeoutError("the other desk's process did not start")

    def edit(self, customer_ids: list[int], interval_ms: int = 0, jitter_ms: int = 0) -> None:
        """Ask for one save per customer, in order; returns at once (see `batches_done`)."""
        self._command("edit", customer_ids, interval_ms, jitter_ms)

    def bare(self, customer_ids: list[int], interval_ms: int = 0, jitter_ms: int = 0) -> None:
        """The same, each a bare UPDATE in raw SQL (and NOTIFY on PostgreSQL): a floor."""
        self._command("bare", customer_ids, interval_ms, jitter_ms)

    def _command(
        self, verb: str, customer_ids: list[int], interval_ms: int, jitter_ms: int
    ) -> None:
        assert self._process.stdin is not None
        ids = ",".join(str(i) for i in customer_ids)
        self._process.stdin.write(f"{verb} {interval_ms} {jitter_ms} {ids}\n")
        self._process.stdin.flush()

    def committed(self) -> list[Commit]:
        with self._lock:
            return list(self.commits)

    def close(self) -> None:
        if self._process.poll() is None:
            assert self._process.stdin is not None
            try:
                self._process.stdin.write("quit\n")
                self._process.stdin.close()
            except BrokenPipeError:
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join(timeout=5)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            words = line.split()
            if words == ["ready"]:
                self._ready.set()
            elif words and words[0] == "committed":
                commit = Commit(int(words[1]), int(words[2]), float(words[3]))
                with self._lock:
                    self.commits.append(commit)
            elif words == ["done"]:
                with self._lock:
                    self.batches_done += 1


def now() -> float:
    """The clock both processes share (wall clock: `time.time()`)."""
    return time.time()
