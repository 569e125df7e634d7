"""The layer rules of DESIGN.md, enforced: a crossing fails the suite, not a review."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_create_all_outside_migration_tests() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("workstation", "ui", "db")
        for path in (ROOT / folder).rglob("*.py")
        if "create_all(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == [], "the schema is owned by Alembic migrations"


def test_cli_documents_its_commands() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    for command in ("db", "demo-data", "--database"):
        assert command in result.stdout
