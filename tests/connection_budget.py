"""The suite's connection budget: at most 40 PostgreSQL connections at once.

A shared server may have only a few dozen connections free, so the whole suite -- pools of
in-process worlds, ``zenhire serve`` processes it starts, ad-hoc checks -- must stay within
40. ``ConnectionWatch`` measures it: a thread of its own counts the client backends connected
to the run's databases (names starting with the run's prefix) every 10 ms, its own connection
included, and keeps the highest count and the test that was running then. The session fails
when the peak exceeds the budget.

Limits of the method: a burst of connections shorter than one interval can be missed. Pools
keep their connections open until the world or process closes, so the tests' peaks last far
longer than that; short-lived single connections (checks, set-up) add one at a time.
"""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Final

import asyncpg

BUDGET_ENV: Final = "ZENHIRE_TEST_MAX_CONNECTIONS"  # lower it to see the guard fail
DEFAULT_BUDGET: Final = 40
INTERVAL_SECONDS: Final = 0.01
COUNT: Final = (
    "SELECT count(*) FROM pg_stat_activity "
    "WHERE starts_with(datname, $1) AND backend_type = 'client backend'"
)


def budget() -> int:
    return int(os.environ.get(BUDGET_ENV) or DEFAULT_BUDGET)


class ConnectionWatch:
    """Samples how many connections the run's databases have while the tests run."""

    def __init__(self, url: str, prefix: str, limit: int) -> None:
        """Connects to ``url``; counts connections to every database named ``prefix``…."""
        self.url = url
        self.prefix = prefix
        self.limit = limit
        self.running = "(session set-up)"  # the test in progress; set by a conftest hook
        self.peak = 0
        self.per_test: dict[str, int] = {}
        self.samples = 0
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="connection-watch", daemon=True)

    def start(self) -> None:
        """Returns once the first sample is taken (or the watch failed to connect)."""
        self._thread.start()
        self._ready.wait(timeout=30)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            asyncio.run(self._sample())
        except BaseException as error:  # reported by failure(): a dead watch must not pass
            self.error = error
        finally:
            self._ready.set()

    async def _sample(self) -> None:
        connection = await asyncpg.connect(self.url)
        try:
            while not self._stop.is_set():
                self._record(int(await connection.fetchval(COUNT, self.prefix)))
                self._ready.set()
                await asyncio.sleep(INTERVAL_SECONDS)
        finally:
            await connection.close()

    def _record(self, count: int) -> None:
        self.samples += 1
        test = self.running
        if count > self.per_test.get(test, 0):
            self.per_test[test] = count
        self.peak = max(self.peak, count)

    def failure(self) -> str | None:
        """Why the run broke its budget (or could not be measured); None when it kept it."""
        if self.error is not None:
            return f"the connection watch stopped: {type(self.error).__name__}: {self.error}"
        if self.samples == 0:
            return "the connection watch took no sample"
        if self.peak > self.limit:
            return (
                f"the suite held {self.peak} PostgreSQL connections at once, more than its "
                f"budget of {self.limit} ({BUDGET_ENV}). Highest: {self.highest(5)}"
            )
        return None

    def highest(self, n: int) -> str:
        worst = sorted(self.per_test.items(), key=lambda item: -item[1])[:n]
        return "; ".join(f"{test}: {count}" for test, count in worst)

    def summary(self) -> str:
        return (
            f"peak {self.peak} at once (budget {self.limit}; {self.samples} samples of "
            f"pg_stat_activity, one every {INTERVAL_SECONDS * 1000:.0f} ms). "
            f"Highest: {self.highest(3)}"
        )
