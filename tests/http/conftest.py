"""The app over either store: ``store_client`` and ``client`` run a test once on memory, once
on Postgres.

``store_client`` drives the app through httpx's ASGI transport on the test's own event loop,
so requests gathered together really run concurrently (Litestar's test client hands each
request to a portal and waits for it: requests sent "together" run one after another).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from litestar import Litestar

from tests.contract.conftest import truncate
from tests.harness import World
from zenhire.entrypoints.http.app import create_app


@pytest.fixture(scope="session")
def http_database_url(pg_url: str) -> str:
    return pg_url


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def http_store(request: pytest.FixtureRequest) -> dict[str, Any]:
    """World settings per store (sync, so it may pull in the async session-scoped database)."""
    if request.param == "memory":
        return {}
    return {
        "database_url": request.getfixturevalue("http_database_url"),
        "db_lock_timeout_ms": 20_000,
    }


@pytest.fixture
async def store_world(http_store: dict[str, Any]) -> AsyncIterator[World]:
    world = World(**http_store)
    if not world.settings.in_memory:
        await truncate(str(http_store["database_url"]))
    world.clock.set(datetime.now(UTC))
    try:
        yield world
    finally:
        await world.close()


@pytest.fixture
def world(store_world: World) -> World:
    """The HTTP suite's ``world``, so every test on the shared ``client`` (tests/conftest.py)
    runs once on each store."""
    return store_world


@pytest.fixture
async def store_client(store_world: World) -> AsyncIterator[Any]:
    app = create_app(store_world.settings, *store_world.overrides())
    async with (
        running(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as test_client,
    ):
        yield test_client


@asynccontextmanager
async def running(app: Litestar) -> AsyncIterator[None]:
    """The app's lifespan, entered and left in one task of its own (anyio's cancel scopes
    must be left by the task that entered them; a fixture's set-up and tear-down are not)."""
    started, stop = asyncio.Event(), asyncio.Event()

    async def lifespan() -> None:
        async with app.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(lifespan())
    ready = asyncio.create_task(started.wait())
    await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        ready.cancel()
        task.result()  # start-up failed: raise its error
    try:
        yield
    finally:
        stop.set()
        await task
