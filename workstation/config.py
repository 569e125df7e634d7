"""Which database a desk uses: command-line option > environment > saved setting > local file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy.engine import URL

from workstation.db import normalise_url, sqlite_url

ENV_DATABASE_URL = "WORKSTATION_DATABASE_URL"
SQLITE_FILE_NAME = "workstation.db"


class UrlSource(StrEnum):
    OPTION = "option"
    ENVIRONMENT = "environment"
    SETTING = "setting"
    EMBEDDED = "embedded"


@dataclass(frozen=True)
class DatabaseChoice:
    url: URL
    source: UrlSource

    @property
    def is_embedded_sqlite(self) -> bool:
        """The desk's own SQLite file: the desk may create and upgrade it itself."""
        return self.url.get_backend_name() == "sqlite"


def resolve_database_url(
    option: str | None,
    environ: dict[str, str] | None,
    saved: str | None,
    data_dir: Path,
) -> DatabaseChoice:
    """The first URL given, in order of precedence; else an SQLite file in `data_dir`."""
    env_value = (environ or {}).get(ENV_DATABASE_URL)
    for value, source in (
        (option, UrlSource.OPTION),
        (env_value, UrlSource.ENVIRONMENT),
        (saved, UrlSource.SETTING),
    ):
        if value and value.strip():
            return DatabaseChoice(normalise_url(value.strip()), source)
    return DatabaseChoice(sqlite_url(data_dir / SQLITE_FILE_NAME), UrlSource.EMBEDDED)
