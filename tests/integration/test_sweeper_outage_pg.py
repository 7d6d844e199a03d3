"""The real sweeper loop through a real database outage (api.md §10.3): one warning when the
database goes away, one info line when it is back, nothing per tick in between."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from prometheus_client import REGISTRY
from structlog.testing import capture_logs

from tests.harness import World
from tests.integration.test_storage_outage import ThreadedProxy, proxied_url  # noqa: F401
from zenhire.entrypoints.sweeper import Sweeper

pytestmark = pytest.mark.postgres


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(20_000):  # a safety net only: the sweeper gets there in a few ticks
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the sweeper never got there")


async def test_database_outage_logs_once_each_way(
    proxied_url: tuple[str, ThreadedProxy],  # noqa: F811
) -> None:
    url, proxy = proxied_url
    world = World(database_url=url, db_pool_timeout_seconds=2)
    sweeper = Sweeper(world.container, interval_seconds=0.01)
    runs = "zenhire_sweeper_runs_total"
    failures = "zenhire_sweeper_failures_total"
    first = sample(runs)
    with capture_logs() as logs:
        sweeper.start()
        await until(lambda: sample(runs) > first)  # it sweeps while the database is up
        runs_before = sample(runs)
        failed_before = sample(failures, reason="storage_unavailable")
        proxy.stop()
        await until(lambda: sample(failures, reason="storage_unavailable") >= failed_before + 5)
        proxy.start()  # same port: the database is back
        await until(lambda: sample(runs) > runs_before)
        await sweeper.stop()
    await world.close()
    lines = [(line["event"], line["log_level"]) for line in logs]
    assert lines == [("sweep_storage_unavailable", "warning"), ("sweep_recovered", "info")]
    assert logs[1]["failed_sweeps"] >= 5
