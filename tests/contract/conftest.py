"""The contract suite runs every test over the memory store and over Postgres."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from tests.harness import World
from tests.pg import throwaway_database

TABLES = (
    "failed_auth_windows, idempotency_keys, session_events, deliveries, waiters, "
    "ledger_entries, sessions, "
    "api_keys, personas, "
    "projects, clients"
)


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    async with throwaway_database() as url:
        yield url


async def truncate(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
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
        "db_pool_size": 20,
        "db_max_overflow": 40,
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
