"""The sweeper: close what ran out of time, in bounded batches."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.admission import stale_cutoff
from zenhire.domain.model.sweep_report import SweepReport
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.ports.waiting_line import WaitingLine


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseExpired:
    """Close overdue work; idempotent and safe to run concurrently on every instance.

    ``active`` sessions past ``deadline_at`` → ``failed`` / SESSION_TIMEOUT (slot freed,
    ``timed_out`` event); ``initiated`` sessions whose link expired → ``failed`` /
    LINK_EXPIRED; waiters not seen for ``3 × retry_after`` leave the line. Each batch of at
    most ``policy.sweep_batch_size`` rows is its own transaction; rows another sweeper holds
    are skipped, so no row is closed twice.
    """

    sessions: Sessions
    line: WaitingLine
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self) -> SweepReport:
        timed_out = await self._drain(timeouts=True)
        expired = await self._drain(timeouts=False)
        dropped = 0
        while True:
            cutoff = stale_cutoff(self.clock.now(), self.policy.queue_retry_after_seconds)
            removed = await self.line.drop_stale(cutoff, self.policy.sweep_batch_size)
            await self.uow.commit()
            dropped += removed
            if removed < self.policy.sweep_batch_size:
                return SweepReport(timed_out, expired, dropped)

    async def _drain(self, *, timeouts: bool) -> int:
        closed = 0
        close = self.sessions.time_out_overdue if timeouts else self.sessions.expire_links
        while True:
            count = await close(self.clock.now(), self.policy.sweep_batch_size)
            await self.uow.commit()
            closed += count
            if count < self.policy.sweep_batch_size:
                return closed
