"""Choosing the database: option > environment > saved setting > the desk's own file."""

from __future__ import annotations

from pathlib import Path

from workstation.config import ENV_DATABASE_URL, UrlSource, resolve_database_url
from workstation.db import describe_url

PG = "postgresql://agent:secret@centre-db:5432/service"


def test_the_option_wins_over_everything() -> None:
    choice = resolve_database_url(
        PG, {ENV_DATABASE_URL: "sqlite:///a.db"}, "sqlite:///b.db", Path("/d")
    )
    assert choice.source is UrlSource.OPTION
    assert choice.url.drivername == "postgresql+psycopg"  # psycopg 3, not psycopg2


def test_environment_then_saved_setting() -> None:
    env = resolve_database_url(None, {ENV_DATABASE_URL: PG}, "sqlite:///b.db", Path("/d"))
    assert env.source is UrlSource.ENVIRONMENT
    saved = resolve_database_url(None, {}, "sqlite:///b.db", Path("/d"))
    assert saved.source is UrlSource.SETTING


def test_without_any_the_desk_uses_an_sqlite_file_in_its_data_folder(tmp_path: Path) -> None:
    choice = resolve_database_url(None, {}, None, tmp_path)
    assert choice.source is UrlSource.EMBEDDED and choice.is_embedded_sqlite
    assert choice.url.database == str(tmp_path / "workstation.db")


def test_the_status_bar_label_never_shows_a_password() -> None:
    assert describe_url(PG) == "PostgreSQL centre-db:5432/service"
    assert "secret" not in describe_url(PG)
