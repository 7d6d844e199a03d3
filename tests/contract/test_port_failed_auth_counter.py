"""The ``FailedAuthCounter`` port, specified once and run over the memory and PostgreSQL
adapters. Counts live outside the request's unit of work."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.contract.units import unit
from tests.harness import World
from zenhire.domain.model.failed_auth import FAILURE_WINDOW, FailureWindow
from zenhire.domain.ports import FailedAuthCounter

TICK = timedelta(microseconds=1)


async def record(world: World, caller: str, now: datetime) -> FailureWindow:
    async with unit(world) as u:
        return await (await u.get(FailedAuthCounter)).record(caller, now)


async def window(world: World, caller: str, now: datetime) -> FailureWindow | None:
    async with unit(world) as u:
        return await (await u.get(FailedAuthCounter)).window(caller, now)


class TestFailedAuthCounterPort:
    async def test_failures_count_in_a_window_of_60_seconds_from_the_first(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        assert await window(w, "10.0.0.1", t0) is None
        assert await record(w, "10.0.0.1", t0) == FailureWindow(t0, 1)
        assert await record(w, "10.0.0.1", t0 + timedelta(seconds=30)) == FailureWindow(t0, 2)
        last = t0 + FAILURE_WINDOW - TICK
        assert await record(w, "10.0.0.1", last) == FailureWindow(t0, 3)
        assert await window(w, "10.0.0.1", last) == FailureWindow(t0, 3)
        assert await window(w, "10.0.0.1", t0 + FAILURE_WINDOW) is None  # ended

    async def test_a_failure_after_the_window_ended_starts_a_new_one(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        for _ in range(3):
            await record(w, "10.0.0.1", t0)
        again = t0 + FAILURE_WINDOW
        assert await record(w, "10.0.0.1", again) == FailureWindow(again, 1)
        assert await window(w, "10.0.0.1", again) == FailureWindow(again, 1)

    async def test_callers_are_counted_apart(self, store_world: World) -> None:
        w = store_world
        t0 = w.clock.now()
        await record(w, "10.0.0.1", t0)
        await record(w, "10.0.0.1", t0)
        assert await record(w, "2001:db8::/64", t0) == FailureWindow(t0, 1)
        assert await window(w, "10.0.0.2", t0) is None

    async def test_a_failure_stays_counted_when_its_request_rolls_back(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        async with unit(w) as u:
            await (await u.get(FailedAuthCounter)).record("10.0.0.1", t0)
            await u.rollback()
        assert await window(w, "10.0.0.1", t0) == FailureWindow(t0, 1)

    async def test_prune_forgets_windows_that_began_before_the_instant(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        t1 = t0 + timedelta(seconds=10)
        await record(w, "old", t0)
        await record(w, "new", t1)
        async with unit(w) as u:
            await (await u.get(FailedAuthCounter)).prune(t1)
        assert await window(w, "old", t1) is None
        assert await window(w, "new", t1) == FailureWindow(t1, 1)
        assert await record(w, "old", t1) == FailureWindow(t1, 1)  # counting starts over
