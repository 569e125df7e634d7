"""Benchmark databases: built with the demo generator, reused while the generator is unchanged."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from workstation.db import Database, normalise_url, sqlite_url
from workstation.demo import generate_demo_data
from workstation.schema import upgrade

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "bench-data"
SCALES = {"small": 2_000, "full": 1_000_000}
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/workstation_test"


@dataclass(frozen=True)
class Dataset:
    url: URL
    customers: int
    load_ms: float  # how long the generator took to build it
    reused: bool


def generator_fingerprint() -> str:
    """Changes whenever the generator, its reference data or the schema changes."""
    digest = hashlib.sha256()
    sources = [
        *sorted((ROOT / "workstation" / "demo").rglob("*.py")),
        *sorted((ROOT / "resources" / "reference").rglob("*")),
        *sorted((ROOT / "db" / "migrations" / "versions").glob("*.py")),
        ROOT / "workstation" / "services" / "reference.py",
        # The load ends with a run of the plan generator.
        ROOT / "workstation" / "services" / "plan_generator.py",
        ROOT / "workstation" / "months.py",
    ]
    for path in sources:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _pg_server_url() -> URL:
    return normalise_url(os.environ.get("WORKSTATION_TEST_PG_URL", DEFAULT_PG_URL))


def _meta_path(scale: str, backend: str) -> Path:
    return DATA_DIR / f"{scale}-{backend}.json"


def _build(url: URL, customers: int) -> float:
    db = Database.connect(url)
    try:
        upgrade(db.engine)
        started = time.perf_counter()
        generate_demo_data(db, customers, seed=1, progress=_progress)
        return (time.perf_counter() - started) * 1000
    finally:
        db.dispose()


def _progress(stage: str, done: int, total: int) -> None:
    if done >= total:
        print(f"  built {stage}: {total:,}", flush=True)


def given(url: str, scale: str) -> Dataset:
    """A database built elsewhere, measured as it is: never dropped, built or upgraded."""
    return Dataset(normalise_url(url), SCALES[scale], 0.0, reused=True)


def dataset(scale: str, backend: str) -> Dataset:
    """The database for this scale and back end, rebuilt only when stale."""
    customers = SCALES[scale]
    fingerprint = generator_fingerprint()
    meta_path = _meta_path(scale, backend)
    DATA_DIR.mkdir(exist_ok=True)
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    if backend == "sqlite":
        path = DATA_DIR / f"{scale}.db"
        url = sqlite_url(path)
        fresh = meta.get("fingerprint") == fingerprint and path.exists()
        if not fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        name = f"workstation_bench_{scale}"
        server = _pg_server_url()
        url = server.set(database=name)
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                exists = conn.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                ).scalar()
                fresh = bool(exists) and meta.get("fingerprint") == fingerprint
                if not fresh:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
    if fresh:
        return Dataset(url, customers, float(meta["load_ms"]), reused=True)
    print(f"building the {scale} {backend} benchmark database ({customers:,} customers)…")
    load_ms = _build(url, customers)
    meta_path.write_text(json.dumps({"fingerprint": fingerprint, "load_ms": load_ms}))
    return Dataset(url, customers, load_ms, reused=False)
