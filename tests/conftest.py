"""Shared fixtures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.harness import World
from tests.pg import throwaway_database
from zenhire.entrypoints.http.app import create_app


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
async def client(world: World) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    # Signed S2S calls carry wall-clock timestamps: start the manual clock at "now".
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.providers()[1:])
    async with AsyncTestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
async def shared_pg_url() -> AsyncIterator[str]:
    """One migrated throwaway database for the HTTP tests that run on both stores."""
    async with throwaway_database() as url:
        yield url


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> dict[str, Any]:
    """World settings per store (sync, so it may pull in the session-scoped database)."""
    if request.param == "memory":
        return {}
    return {"database_url": request.getfixturevalue("shared_pg_url")}


@pytest.fixture
async def any_store_world(any_store: dict[str, Any]) -> AsyncIterator[World]:
    """A world on each store in turn; tests make their own tenants, so nothing is truncated."""
    world = World(**any_store)
    world.clock.set(datetime.now(UTC))
    try:
        yield world
    finally:
        await world.close()


@pytest.fixture
async def store_client(any_store_world: World) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    """The app over each store in turn."""
    app = create_app(any_store_world.settings, *any_store_world.providers()[1:])
    async with AsyncTestClient(app) as test_client:
        yield test_client
