"""Shared fixtures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from litestar.testing import AsyncTestClient

from tests.harness import World
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
