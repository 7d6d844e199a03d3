"""The watch behind the suite's connection budget sees connections and fails over budget."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from tests.connection_budget import ConnectionWatch
from tests.pg import RUN_PREFIX, Server, throwaway_database, with_database

pytestmark = pytest.mark.postgres


async def test_the_watch_counts_open_connections_and_fails_over_its_limit(
    pg_url: str, pg_server: Server
) -> None:
    """Connections to any database of the run count, not only to the main one."""
    watch = ConnectionWatch(pg_url, RUN_PREFIX, limit=2)
    await asyncio.to_thread(watch.start)
    baseline = watch.peak  # its own connection and whatever the session holds now
    async with throwaway_database(pg_server.url, migrate=False) as other:
        await check_counted(watch, baseline, [pg_url, other, other])
    failure = watch.failure()
    assert failure is not None
    assert f"held {watch.peak} PostgreSQL connections at once" in failure
    assert "budget of 2" in failure


async def check_counted(watch: ConnectionWatch, baseline: int, urls: list[str]) -> None:
    extra = [await asyncpg.connect(url) for url in urls]
    try:
        for _ in range(3000):  # bounded wait for the thread's next samples, not a timing test
            if watch.peak >= baseline + 3:
                break
            await asyncio.sleep(0.01)
    finally:
        for connection in extra:
            await connection.close()
        await asyncio.to_thread(watch.stop)
    assert watch.peak >= baseline + 3


async def test_a_watch_that_cannot_connect_fails_instead_of_passing(pg_url: str) -> None:
    watch = ConnectionWatch(with_database(pg_url, "no_such_database_here"), RUN_PREFIX, limit=40)
    await asyncio.to_thread(watch.start)
    await asyncio.to_thread(watch.stop)
    failure = watch.failure()
    assert failure is not None
    assert "the connection watch stopped" in failure
