"""Record the outcome the interview backend reports, and charge for a completed interview."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.completions import CompletionReport, CompletionResult, close_as_reported
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.credits import Credits
from zenhire.domain.ports.deliveries import Deliveries
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.ports.webhook_events import WebhookEvents
from zenhire.domain.use_cases.charge_interview import charge_interview

__all__ = ["CompleteSession", "CompleteSessionCommand", "CompletionResult"]
CompleteSessionCommand = CompletionReport  # the command is the backend's report, as sent


@dataclass(frozen=True, slots=True, kw_only=True)
class CompleteSession:
    """Close an ``active`` session as ``completed`` or ``failed``; idempotent per delivery.

    NUL characters in the report's strings are removed first (the event then says
    ``sanitised: true``). In order: ``duration_sec`` missing on ``completed`` → INVALID_INPUT;
    unknown session → NOT_FOUND; ``interview_svc_session_id`` other than the one recorded →
    SESSION_MISMATCH; a ``delivery_id`` seen before → the first answer again, or
    DELIVERY_CONFLICT when the body differs; ``initiated`` → SESSION_NOT_ACTIVE; already
    terminal → ``charged: 0``, nothing changed (a completion racing the sweeper loses
    quietly). Otherwise ``ended_at = now``, the slot is freed and, on ``completed``, every
    started minute of the reported duration, counted at most up to ``ended_at − started_at +
    60 s`` and the budget, is charged as one ledger row, posted last (none when 0;
    ``credits.low`` when it takes the balance below the minimum to start). The event records
    the reported and the billed duration. The balance may go negative.
    """

    sessions: Sessions
    deliveries: Deliveries
    credits: Credits
    ids: Ids
    clock: Clock
    uow: UnitOfWork
    policy: Policy
    webhooks: WebhookEvents

    async def __call__(self, command: CompletionReport) -> CompletionResult:
        command, sanitised = command.checked()
        session = owned(await self.sessions.get_for_update(command.session_id), None)
        session.ensure_bound_to(command.interview_svc_session_id)
        fingerprint = command.fingerprint()
        seen = await self.deliveries.get(session.id, command.delivery_id)
        if seen is not None:
            seen.ensure_same(fingerprint)
            return CompletionResult(session.id, seen.status, seen.charged, replayed=True)
        session.ensure_started()
        now, closed = self.clock.now(), session.status is SessionStatus.ACTIVE
        charged = 0
        if closed:
            charged = close_as_reported(session, command, now, self.policy, sanitised=sanitised)
            await self.sessions.save(session)
        await self.deliveries.add(
            Delivery(session.id, command.delivery_id, fingerprint, session.status, charged, now)
        )
        if charged > 0:  # last before the commit: it takes the client's row (charge_interview)
            await charge_interview(
                self.credits, self.ids, self.webhooks, self.policy, session, charged, now
            )
        await self.uow.commit()
        return CompletionResult(session.id, session.status, charged, closed=closed)
