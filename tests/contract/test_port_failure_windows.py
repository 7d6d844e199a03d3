"""The ports that count failures in fixed windows, specified once and run over the memory and
PostgreSQL adapters: ``FailedAuthCounter`` (per caller bucket, windows of 60 s) and the
console's ``LoginFailures`` (per email, windows of 15 minutes). Counts live outside the
request's unit of work. Ended windows are pruned, the console's by the sweeper's pass in
bounded batches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

import asyncpg
import pytest

from tests.contract.units import unit
from tests.harness import World
from zenhire.adapters.memory.console import MemoryLoginFailures
from zenhire.domain.console.model import LOGIN_WINDOW
from zenhire.domain.console.ports import LoginFailures
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.model.failure_window import FailureWindow
from zenhire.domain.ports import FailedAuthCounter
from zenhire.entrypoints.sweeper import sweep_once

TICK = timedelta(microseconds=1)
BATCH: Final = 2


@dataclass(frozen=True, slots=True)
class Counted:
    """One port, the length of its windows, and two keys it counts apart."""

    port: type[Any]
    length: timedelta
    key: str
    other: str

    async def record(self, world: World, now: datetime, key: str | None = None) -> FailureWindow:
        async with unit(world) as u:
            counted: FailureWindow = await (await u.get(self.port)).record(key or self.key, now)
            return counted

    async def window(
        self, world: World, now: datetime, key: str | None = None
    ) -> FailureWindow | None:
        async with unit(world) as u:
            found: FailureWindow | None = await (await u.get(self.port)).window(
                key or self.key, now
            )
            return found

    def opened(self, started: datetime, failures: int = 1) -> FailureWindow:
        return FailureWindow(started, failures, self.length)


FAILED_AUTH = Counted(FailedAuthCounter, FAILURE_WINDOW, "10.0.0.1", "2001:db8::/64")
LOGINS = Counted(LoginFailures, LOGIN_WINDOW, "a@example.com", "b@example.com")


@pytest.fixture(params=[FAILED_AUTH, LOGINS], ids=["failed_auth", "login"])
def counted(request: pytest.FixtureRequest) -> Counted:
    chosen: Counted = request.param
    return chosen


class TestFailureWindowPorts:
    async def test_failures_count_in_a_window_of_its_length_from_the_first(
        self, store_world: World, counted: Counted
    ) -> None:
        w, c = store_world, counted
        t0 = w.clock.now()
        assert await c.window(w, t0) is None
        assert await c.record(w, t0) == c.opened(t0)
        assert await c.record(w, t0 + c.length / 2) == c.opened(t0, 2)
        last = t0 + c.length - TICK
        assert await c.record(w, last) == c.opened(t0, 3)
        assert await c.window(w, last) == c.opened(t0, 3)
        assert await c.window(w, t0 + c.length) is None  # ended

    async def test_a_failure_after_the_window_ended_starts_a_new_one(
        self, store_world: World, counted: Counted
    ) -> None:
        w, c = store_world, counted
        t0 = w.clock.now()
        for _ in range(3):
            await c.record(w, t0)
        again = t0 + c.length
        assert await c.record(w, again) == c.opened(again)
        assert await c.window(w, again) == c.opened(again)

    async def test_keys_are_counted_apart(self, store_world: World, counted: Counted) -> None:
        w, c = store_world, counted
        t0 = w.clock.now()
        await c.record(w, t0)
        await c.record(w, t0)
        assert await c.record(w, t0, c.other) == c.opened(t0)
        assert await c.window(w, t0, "not@counted.example") is None

    async def test_a_failure_stays_counted_when_its_request_rolls_back(
        self, store_world: World, counted: Counted
    ) -> None:
        w, c = store_world, counted
        t0 = w.clock.now()
        async with unit(w) as u:
            await (await u.get(c.port)).record(c.key, t0)
            await u.rollback()
        assert await c.window(w, t0) == c.opened(t0)


@pytest.mark.parametrize("c", [FAILED_AUTH, LOGINS], ids=["failed_auth", "logins"])
async def test_prune_forgets_windows_that_began_before_the_instant_in_bounded_batches(
    store_world: World, c: Counted
) -> None:
    w = store_world
    t0 = w.clock.now()
    t1 = t0 + timedelta(seconds=10)
    for i in range(5):
        await c.record(w, t0, f"old-{i}@example.com")
    await c.record(w, t1, "new@example.com")
    pruned = []
    for _ in range(4):
        async with unit(w) as u:
            pruned.append(await (await u.get(c.port)).prune(t1, BATCH))
    assert pruned == [2, 2, 1, 0]  # committed on their own: the units were not committed
    assert await c.window(w, t1, "old-0@example.com") is None
    assert await c.window(w, t1, "new@example.com") == c.opened(t1)
    assert await c.record(w, t1, "old-0@example.com") == c.opened(t1)  # counting starts over


async def stored_emails(world: World) -> set[str]:
    """The emails whose login-failure window the store physically keeps."""
    if world.settings.in_memory:
        failures = await world.container.get(LoginFailures)
        assert isinstance(failures, MemoryLoginFailures)
        return set(failures.windows)
    connection = await asyncpg.connect(world.settings.database_url)
    try:
        return {
            r["email"] for r in await connection.fetch("SELECT email FROM console_login_failures")
        }
    finally:
        await connection.close()


class TestSweeperPrunesLoginWindows:
    @pytest.fixture
    def store_settings(self, store_settings: dict[str, object]) -> dict[str, object]:
        return {**store_settings, "sweep_batch_size": BATCH}

    async def test_a_sweep_forgets_every_ended_window_and_keeps_the_open_ones(
        self, store_world: World
    ) -> None:
        w, c = store_world, LOGINS
        t0 = w.clock.now()
        for i in range(5):  # more than one batch
            await c.record(w, t0, f"ended-{i}@example.com")
        opened = w.clock.advance(minutes=1)
        await c.record(w, opened, "open@example.com")
        w.clock.advance(minutes=14, seconds=1)  # the "ended-*" windows ended 1 s ago
        await sweep_once(w.container)
        assert await stored_emails(w) == {"open@example.com"}
        assert await c.window(w, w.clock.now(), "open@example.com") == c.opened(opened)
        w.clock.advance(minutes=1)
        await sweep_once(w.container)
        assert await stored_emails(w) == set()
