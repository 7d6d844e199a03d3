"""The contract suite runs every test over the memory store and over Postgres."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from tests.harness import World

# Every table but Alembic's, read from the catalog: a table a migration adds is emptied too.
_TABLES = (
    "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables"
    " WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
)


async def truncate(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        tables = await connection.fetchval(_TABLES)
        await connection.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_settings(request: pytest.FixtureRequest) -> dict[str, object]:
    """World settings per store (sync, so it may pull in the async session-scoped database)."""
    if request.param == "memory":
        return {}
    return {
        "database_url": request.getfixturevalue("database_url"),
        "db_lock_timeout_ms": 20_000,
        "db_pool_size": 5,
        "db_max_overflow": 0,
        "db_pool_timeout_seconds": 60,
    }


@pytest.fixture
async def store_world(store_settings: dict[str, object]) -> AsyncIterator[World]:
    world = World(**store_settings)
    if not world.settings.in_memory:
        await truncate(str(store_settings["database_url"]))
    try:
        yield world
    finally:
        await world.close()
