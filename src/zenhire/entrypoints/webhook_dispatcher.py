"""The webhook dispatcher every ``zenhire serve`` process runs, and ``zenhire deliver``'s pass.

It claims due deliveries (rows locked with SKIP LOCKED, so processes never take the same
one), attempts each in a task of its own with no database connection held while the
receiver answers, and records the outcome in a short transaction. At most
``DeliveryPolicy.per_endpoint`` attempts per endpoint are in flight in this process, so one
slow receiver cannot hold the others' deliveries. One log line per attempt names the
endpoint, the event, the status and the duration — never the secret or the body.

When the database is unreachable the dispatcher logs one warning when the outage starts and
one info line when it ends, and keeps trying; deliveries stay in the database, due, and a
claim whose outcome could not be recorded is due again once its lease ends (at least once).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from dataclasses import dataclass

import structlog
from dishka import AsyncContainer

from zenhire.domain.ports import Clock
from zenhire.domain.ports.webhook_deliveries import AttemptRecord, Claim, WebhookDeliveries
from zenhire.domain.webhooks.dispatch import AttemptDelivery, ClaimDue
from zenhire.domain.webhooks.model import EndpointId
from zenhire.entrypoints.webhook_metrics import ATTEMPTS, EVENT_TO_DELIVERY, record_pending
from zenhire.entrypoints.webhook_recorder import OutcomeRecorder

log = structlog.get_logger("zenhire.webhooks")
# Attempts in flight in one process, all endpoints together. No more than the sender's
# connections per origin (``webhook_http.PER_ORIGIN_CONNECTIONS``): endpoints on one host share
# an origin, and an attempt claimed beyond what that pool can carry would wait for a connection
# inside its own timeout and lease, so a receiver answering at once could still be timed out
# by our own queue. A delivery not yet claimed waits in the database instead, its clock not
# running.
MAX_IN_FLIGHT = 64
STATS_EVERY_SECONDS = 5.0
# After an attempt ends, wait this long before claiming again, so one claim refills the room
# several attempts freed.
CLAIM_COALESCE_SECONDS = 0.005


@dataclass(frozen=True, slots=True)
class DispatchReport:
    attempts: int
    delivered: int
    failed_attempts: int


class Dispatcher:
    """Start with ``start``; ``stop`` lets attempts in flight finish and record."""

    def __init__(self, container: AsyncContainer, poll_seconds: float = 0.5) -> None:
        self._container = container
        self._poll = poll_seconds
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._in_flight: Counter[EndpointId] = Counter()
        self._tasks: set[asyncio.Task[None]] = set()
        self._outcomes: Counter[str] = Counter()
        self._outage_since: float | None = None
        self._stats_at = 0.0
        self._recorder = OutcomeRecorder(container)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="zenhire-webhooks")

    async def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            await self._task
        if self._tasks:
            await asyncio.wait(set(self._tasks))

    async def pass_once(self) -> DispatchReport:
        """Claim and attempt until nothing is due (``zenhire deliver``)."""
        while await self._claim_and_start() or self._tasks:
            if self._tasks:
                await asyncio.wait(set(self._tasks), return_when=asyncio.FIRST_COMPLETED)
                await asyncio.sleep(CLAIM_COALESCE_SECONDS)  # let others finish: fewer claims
        o = self._outcomes
        attempts = sum(o.values())
        return DispatchReport(attempts, o["delivered"], attempts - o["delivered"])

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                claimed = await self._claim_and_start()
                await self._stats()
            except Exception as error:  # the loop must outlive any one failed claim
                claimed = 0
                self._outage(error)
            else:
                self._recovered()
            if claimed == 0 or self._saturated() or self._in_flight:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
                await asyncio.sleep(CLAIM_COALESCE_SECONDS)

    async def _claim_and_start(self) -> int:
        room_left = MAX_IN_FLIGHT - sum(self._in_flight.values())
        if room_left <= 0:
            return 0
        async with self._container() as scope:
            claim_due = await scope.get(ClaimDue)
            per_endpoint = claim_due.policy.per_endpoint
            room = {e: per_endpoint - n for e, n in self._in_flight.items() if n > 0}
            claims = await claim_due(room, min(room_left, claim_due.policy.batch))
        for claim in claims:
            self._in_flight[claim.endpoint.id] += 1
            task = asyncio.create_task(self._deliver(claim))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return len(claims)

    def _saturated(self) -> bool:
        return sum(self._in_flight.values()) >= MAX_IN_FLIGHT

    async def _deliver(self, claim: Claim) -> None:
        started = time.monotonic()
        try:
            attempt = await self._container.get(AttemptDelivery)
            record = await attempt(claim)
            outcome = await self._record(record)
            seconds = time.monotonic() - started
            self._log(claim, record, outcome, seconds)
            if outcome == "delivered":
                age = (record.at - claim.event.created_at).total_seconds() + seconds
                EVENT_TO_DELIVERY.observe(max(age, 0.0))
        except Exception as error:  # an attempt's failure is its own, never the loop's
            log.warning(
                "webhook_attempt_error",
                endpoint_id=str(claim.endpoint.id),
                event_id=claim.event.public_id,
                error_type=type(error).__name__,
            )
        finally:
            self._in_flight[claim.endpoint.id] -= 1
            if self._in_flight[claim.endpoint.id] <= 0:
                del self._in_flight[claim.endpoint.id]
            self._wake.set()

    async def _record(self, record: AttemptRecord) -> str:
        if record.delivered:
            outcome = "delivered"
        else:
            outcome = "failed" if record.next_attempt_at is None else "retry"
        if not await self._recorder.record(record):
            outcome = "unrecorded"  # the lease ends and the delivery is due again
        ATTEMPTS.labels(outcome).inc()
        self._outcomes[outcome] += 1
        return outcome

    def _log(self, claim: Claim, record: AttemptRecord, outcome: str, seconds: float) -> None:
        fields = {
            "endpoint_id": str(claim.endpoint.id),
            "event_id": claim.event.public_id,
            "delivery_id": str(claim.delivery.id),
            "attempt": claim.delivery.attempts + 1,
            "status": record.status_code,
            "outcome": outcome,
            "duration_ms": round(seconds * 1000, 1),
        }
        if record.status_code is None and record.error:
            fields["error"] = record.error[:200]  # our own words: timeout, refusal, reset
        log.info("webhook_attempt", **fields)

    async def _stats(self) -> None:
        if time.monotonic() - self._stats_at < STATS_EVERY_SECONDS:
            return
        self._stats_at = time.monotonic()
        async with self._container() as scope:
            stats = await (await scope.get(WebhookDeliveries)).stats()
            now = (await scope.get(Clock)).now()
        record_pending(stats.pending, stats.oldest_created_at, now)

    def _outage(self, error: Exception) -> None:
        if self._outage_since is None:
            self._outage_since = time.monotonic()
            log.warning(
                "webhook_dispatch_failing",
                error_type=type(error).__name__,
                error=str(error.__cause__ or error)[:300],
            )

    def _recovered(self) -> None:
        if self._outage_since is not None:
            seconds = round(time.monotonic() - self._outage_since, 1)
            log.info("webhook_dispatch_recovered", seconds=seconds)
            self._outage_since = None
