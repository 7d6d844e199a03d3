"""What every command checks before it works, and the service's start-up line.

A command that cannot start says why in one line and exits 2 when the settings alone decide
it (an unknown or malformed setting, a weak secret, a URL that is not PostgreSQL, a schema
behind the code) or 1 when it may come back by itself (the server unreachable, the database
missing, a timeout).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import Any, Final

import structlog

from zenhire.entrypoints.settings import Settings

CONFIGURATION: Final = 2
RUNTIME: Final = 1


class StartupError(Exception):
    """A command cannot start: ``str(error)`` is the one line, ``exit_code`` the status."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def version() -> str:
    try:
        return package_version("zenhire")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


@dataclass(frozen=True, slots=True)
class StoreReport:
    """``store`` names it for logs (``memory`` or ``host:port/database``, never a password)."""

    store: str
    schema_revision: str | None
    expected_revision: str | None


def check_store(settings: Settings, *, schema: bool = True) -> StoreReport:
    """Reach the database once and read its schema revision.

    With ``schema`` (every command but ``migrate``), a schema that is not the newest this
    code ships refuses to start; ``migrate`` itself only refuses one it does not know.
    """
    if settings.in_memory:
        return StoreReport(store="memory", schema_revision=None, expected_revision=None)
    from zenhire.adapters.postgres.schema import (
        DatabaseUnavailableError,
        DatabaseUrlError,
        describe,
        probe,
    )

    url = settings.database_url or ""
    where = describe(url)
    try:
        status = asyncio.run(probe(url))
    except DatabaseUrlError as error:
        raise StartupError(str(error), CONFIGURATION) from error
    except DatabaseUnavailableError as error:
        raise StartupError(str(error), RUNTIME) from error
    if status.state == "unknown":
        raise StartupError(
            f"the database {where} is at schema revision {status.current}, which zenhire "
            f"{version()} does not know (newest known: {status.expected}); a newer release "
            "migrated it: run that release",
            CONFIGURATION,
        )
    if schema and status.state == "behind":
        raise StartupError(
            f"the database schema of {where} is behind this version "
            f"(at {status.current or 'no revision'}, needs {status.expected}): "
            "run `zenhire migrate`",
            CONFIGURATION,
        )
    return StoreReport(
        store=where, schema_revision=status.current, expected_revision=status.expected
    )


def log_started(settings: Settings, report: StoreReport, **extra: Any) -> None:
    """The one line that says what this process serves from."""
    structlog.get_logger("zenhire").info(
        "started",
        store=report.store,
        version=version(),
        schema_revision=report.schema_revision,
        workers=settings.workers,
        listen=f"{settings.host}:{settings.port}",
        **extra,
    )
