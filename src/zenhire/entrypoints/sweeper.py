"""The in-server sweeper: runs CloseExpired every ``SWEEP_INTERVAL_SECONDS`` until stopped.

A failing sweep is logged when the failures start and when they end, never once per tick: an
unreachable database is one ``sweep_storage_unavailable`` warning, then one ``sweep_recovered``
info line (with the failed sweeps and seconds) once a sweep succeeds again. Any other error is
logged once with its traceback (``sweep_failed``), and the recovery likewise. Every failed
sweep is still counted (``zenhire_sweeper_failures_total``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from functools import partial

import structlog
from dishka import AsyncContainer

from zenhire.domain.console.model import LOGIN_WINDOW
from zenhire.domain.console.ports import LoginFailures
from zenhire.domain.errors import StorageUnavailableError
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.model.rate_limits import WINDOW, window_start
from zenhire.domain.model.sweep_report import SweepReport
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, FailedAuthCounter, RateCounter
from zenhire.domain.use_cases.batches import in_batches
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.purge_idempotency import PurgeIdempotencyKeys
from zenhire.domain.use_cases.remember_signature import ForgetSignatures
from zenhire.domain.webhooks.feed import PurgeWebhookEvents
from zenhire.entrypoints.metrics import SWEEP_FAILURES, record_sweep
from zenhire.entrypoints.storage_faults import StorageFaults

log = structlog.get_logger("zenhire.sweeper")


async def sweep_once(container: AsyncContainer) -> SweepReport:
    """One full sweep in its own request scope (each batch commits on its own), then
    forget rate-limit, failed-auth and console login-failure windows that can no longer
    matter, idempotency keys past 24 hours, S2S signatures past twice their window and
    webhook events past 30 days."""
    async with container() as scope:
        close_expired = await scope.get(CloseExpired)
        report = await close_expired()
        clock = await scope.get(Clock)
        counter = await scope.get(RateCounter)
        await counter.prune(window_start(clock.now()) - WINDOW)
        batch = (await scope.get(Policy)).sweep_batch_size
        for windows, length in (
            (await scope.get(FailedAuthCounter), FAILURE_WINDOW),
            (await scope.get(LoginFailures), LOGIN_WINDOW),
        ):  # ended windows no longer throttle anyone; the next failure starts a new one
            cutoff = clock.now() - length  # fixed, so the batches end under a steady inflow
            await in_batches(partial(windows.prune, cutoff), batch)
        if purged := await (await scope.get(PurgeIdempotencyKeys))():
            log.info("idempotency_keys_purged", count=purged)
        await (await scope.get(ForgetSignatures))()
        if purged := await (await scope.get(PurgeWebhookEvents))():
            log.info("webhook_events_purged", count=purged)
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
        failing = _Failures(await self._container.get(StorageFaults))
        while not self._stopping.is_set():
            try:
                report = await sweep_once(self._container)
            except Exception as error:  # the loop must outlive any one failed sweep
                failing.add(error)
            else:
                failing.end()
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
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval)


class _Failures:
    """A run of failed sweeps: logged when it starts (and when its kind changes) and when it
    ends, counted every time."""

    def __init__(self, faults: StorageFaults) -> None:
        self._faults = faults
        self.count = 0
        self.kind: str | None = None
        self.since = 0.0

    def add(self, error: Exception) -> None:
        outage = isinstance(error, StorageUnavailableError) or self._faults(error) is not None
        kind = "storage_unavailable" if outage else "error"
        SWEEP_FAILURES.labels(kind).inc()
        self.count += 1
        if kind == self.kind:
            return
        if self.kind is None:
            self.since = time.monotonic()
        self.kind = kind
        if outage:
            cause = str(error.__cause__ or error)[:300]
            log.warning("sweep_storage_unavailable", error_type=type(error).__name__, error=cause)
        else:
            log.error("sweep_failed", error_type=type(error).__name__, exc_info=error)

    def end(self) -> None:
        if self.count:
            seconds = round(time.monotonic() - self.since, 1)
            log.info("sweep_recovered", failed_sweeps=self.count, seconds=seconds)
        self.count, self.kind = 0, None
