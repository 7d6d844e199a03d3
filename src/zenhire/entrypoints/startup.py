"""How a command that cannot start fails, and the service's start-up line (the check every
command runs first is ``composition.store.check_store``).

A command that cannot start says why in one line and exits 2 when the settings alone decide
it (an unknown or malformed setting, a weak secret, a URL that is not PostgreSQL, a schema
behind the code) or 1 when it may come back by itself (the server unreachable, the database
missing, a timeout).
"""

from __future__ import annotations

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
