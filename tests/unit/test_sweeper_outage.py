"""The real sweeper loop over the memory store, with sweeps made to fail (api.md §10.3):
an outage is one warning when it starts and one info line when it ends, not a line per tick."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from dishka import Provider, Scope, provide
from prometheus_client import REGISTRY
from structlog.testing import capture_logs

from tests.harness import World
from zenhire.adapters.memory.sessions import MemorySessions
from zenhire.adapters.memory.store import MemoryTransaction
from zenhire.domain.errors import StorageUnavailableError
from zenhire.domain.ports import Sessions
from zenhire.entrypoints.composition.container import make_container
from zenhire.entrypoints.sweeper import Sweeper


class Breakable(Provider):
    """Sessions whose every use fails with ``failure`` while it is set, as a store would."""

    def __init__(self) -> None:
        super().__init__(scope=Scope.REQUEST)
        self.failure: Callable[[], Exception] | None = None
        self.failed = 0

    @provide
    def sessions(self, tx: MemoryTransaction) -> Sessions:
        if self.failure is not None:
            self.failed += 1
            raise self.failure()
        return MemorySessions(tx)


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def until(condition: Callable[[], bool]) -> None:
    """Yield to the sweeper until ``condition`` holds (bounded only as a safety net)."""
    for _ in range(20_000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError("the sweeper never got there")


@pytest.fixture
async def sweeper_and_switch() -> AsyncIterator[tuple[Sweeper, Breakable]]:
    world = World()
    breakable = Breakable()
    container = make_container(world.settings, *world.overrides(), breakable)
    sweeper = Sweeper(container, interval_seconds=0.001)
    yield sweeper, breakable
    await sweeper.stop()
    await container.close()
    await world.close()


async def run_failing(
    sweeper: Sweeper, breakable: Breakable, failure: Callable[[], Exception], reason: str
) -> tuple[list[dict[str, Any]], float]:
    """Sweeps fail until 5 did, then succeed once; the log lines and failures counted."""
    runs_before = sample("zenhire_sweeper_runs_total")
    failed_before = sample("zenhire_sweeper_failures_total", reason=reason)
    with capture_logs() as logs:
        breakable.failure = failure
        sweeper.start()
        await until(lambda: breakable.failed >= 5)
        breakable.failure = None
        await until(lambda: sample("zenhire_sweeper_runs_total") > runs_before)
        await sweeper.stop()
    return logs, sample("zenhire_sweeper_failures_total", reason=reason) - failed_before


async def test_an_outage_is_one_warning_then_one_info_line(
    sweeper_and_switch: tuple[Sweeper, Breakable],
) -> None:
    sweeper, breakable = sweeper_and_switch
    logs, counted = await run_failing(
        sweeper, breakable, StorageUnavailableError, "storage_unavailable"
    )
    assert [line["log_level"] for line in logs] == ["warning", "info"]
    warning, info = logs
    assert warning["event"] == "sweep_storage_unavailable"
    assert (info["event"], info["failed_sweeps"]) == ("sweep_recovered", breakable.failed)
    assert counted == breakable.failed  # every failed sweep is still counted


async def test_a_repeating_bug_is_one_error_with_its_traceback(
    sweeper_and_switch: tuple[Sweeper, Breakable],
) -> None:
    sweeper, breakable = sweeper_and_switch
    logs, counted = await run_failing(sweeper, breakable, lambda: RuntimeError("boom"), "error")
    assert [(line["event"], line["log_level"]) for line in logs] == [
        ("sweep_failed", "error"),
        ("sweep_recovered", "info"),
    ]
    assert isinstance(logs[0]["exc_info"], RuntimeError)
    assert counted == breakable.failed
