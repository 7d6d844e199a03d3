"""The in-server sweeper: runs CloseExpired every ``SWEEP_INTERVAL_SECONDS`` until stopped."""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from dishka import AsyncContainer

from zenhire.domain.model.rate_limits import WINDOW, window_start
from zenhire.domain.ports import Clock, RateCounter
from zenhire.domain.use_cases.close_expired import CloseExpired, SweepReport
from zenhire.domain.use_cases.purge_idempotency import PurgeIdempotencyKeys
from zenhire.entrypoints.metrics import record_sweep

log = structlog.get_logger("zenhire.sweeper")


async def sweep_once(container: AsyncContainer) -> SweepReport:
    """One full sweep in its own request scope (each batch commits on its own), then
    forget rate-limit windows that can no longer matter and idempotency keys past 24 hours."""
    async with container() as scope:
        close_expired = await scope.get(CloseExpired)
        report = await close_expired()
        clock = await scope.get(Clock)
        counter = await scope.get(RateCounter)
        await counter.prune(window_start(clock.now()) - WINDOW)
        if purged := await (await scope.get(PurgeIdempotencyKeys))():
            log.info("idempotency_keys_purged", count=purged)
        return report


class Sweeper:
    """A background task; ``stop`` lets a running batch finish before it returns."""

    def __init__(self, container: AsyncContainer, interval_seconds: float) -> None:
        self._container = container
        self._interval = interval_seconds
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="zenhire-sweeper")

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                report = await sweep_once(self._container)
                record_sweep(report)
                if report.timed_out:
                    log.info("timed_out", count=report.timed_out)
                if report.total:
                    log.info(
                        "sweep",
                        timed_out=report.timed_out,
                        links_expired=report.links_expired,
                        waiters_dropped=report.waiters_dropped,
                    )
            except Exception:  # the loop must outlive any one failed sweep
                log.exception("sweep_failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval)
