"""The store as the CLI meets it before and beside the container: the start-up check, the
migration, and the demo client an earlier ``demo-seed`` left."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from zenhire.domain.model.ids import ClientId
from zenhire.entrypoints.settings import Settings

if TYPE_CHECKING:
    from dishka import AsyncContainer

from zenhire.entrypoints.startup import (
    CONFIGURATION,
    RUNTIME,
    StartupError,
    StoreReport,
    version,
)


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


async def migrate(settings: Settings) -> None:
    """Bring the database to the newest schema (Postgres only)."""
    from zenhire.adapters.postgres.migrate import upgrade_to_head

    await upgrade_to_head(settings.database_url or "")


async def find_demo_client(scope: AsyncContainer, name: str) -> ClientId | None:
    """With a database: the oldest active client called ``name``, if any."""
    from zenhire.adapters.postgres.demo import find_active_client
    from zenhire.adapters.postgres.transaction import Transaction

    return await find_active_client(await scope.get(Transaction), name)
