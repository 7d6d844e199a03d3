"""The ``Readiness`` port over both stores: a store at this code's schema answers ready."""

from __future__ import annotations

from tests.contract.units import unit
from tests.harness import World
from zenhire.domain.ports import Readiness


async def test_a_store_at_the_newest_schema_is_ready(store_world: World) -> None:
    async with unit(store_world) as u:
        checks = dict(await (await u.get(Readiness)).check())
    expected = "memory" if store_world.settings.in_memory else "ok"
    assert checks == {"database": expected, "schema": "ok"}
