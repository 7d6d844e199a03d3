"""Record the outcome the interview backend reports, and charge for a completed interview."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from typing import Any, Final

from zenhire.domain.errors import (
    DeliveryConflictError,
    SessionMismatchError,
    SessionNotActiveError,
    invalid,
)
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.ids import LedgerEntryId, SessionId
from zenhire.domain.model.ledger import LedgerKind, billable_seconds, interview_cost
from zenhire.domain.model.sessions import INTERVIEW_FAILED, Feedback, Session, SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, Credits, Deliveries, Ids, Sessions, UnitOfWork
from zenhire.domain.ports.webhook_events import WebhookEvents
from zenhire.domain.use_cases.access import owned_session
from zenhire.domain.webhooks.feed import report_low_balance

NUL: Final = "\x00"


@dataclass(frozen=True, slots=True, kw_only=True)
class CompleteSessionCommand:
    session_id: SessionId
    status: SessionStatus  # COMPLETED or FAILED
    delivery_id: str
    duration_sec: int | None = None
    recording_s3_key: str | None = None
    transcript_s3_key: str | None = None
    interview_svc_session_id: str | None = None
    error_code: str | None = None
    feedback: Feedback | None = None

    def fingerprint(self) -> str:
        """Digest of the delivery's content; the same delivery re-serialised has the same one."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class CompletionResult:
    """The answer (equal for a delivery and its replays). ``closed``: this call ended the
    session (and wrote any charge); ``replayed``: it repeats a recorded delivery (wrote
    nothing). Callers count and log from these, so each outcome is counted once."""

    session_id: SessionId
    status: SessionStatus
    charged: int
    closed: bool = field(default=False, compare=False)
    replayed: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CompleteSession:
    """Close an ``active`` session as ``completed`` or ``failed``; idempotent per delivery.

    NUL characters in the report's strings are removed first (the completion's event then
    says ``sanitised: true``). In order: ``duration_sec`` missing on ``completed`` →
    INVALID_INPUT; unknown session → NOT_FOUND; ``interview_svc_session_id`` given and
    different from the one recorded (at verify, or by an earlier completion when verify
    carried none) → SESSION_MISMATCH; a ``delivery_id`` seen before for this session → the
    first answer again, or DELIVERY_CONFLICT when the body differs; ``initiated`` →
    SESSION_NOT_ACTIVE; already terminal → 200 with ``charged: 0`` and nothing changed (a
    completion racing the sweeper loses quietly). Otherwise ``ended_at = now``, the slot is
    freed and, on ``completed``, ``ceil(billed / 60) × rate`` credits are charged as one
    ledger row (none when 0), where ``billed`` is the reported duration counted at most up to
    ``ended_at − started_at + 60 s`` and at most up to the budget; the event records the
    reported and the billed duration. The balance may go negative.
    """

    sessions: Sessions
    deliveries: Deliveries
    credits: Credits
    ids: Ids
    clock: Clock
    uow: UnitOfWork
    policy: Policy
    webhooks: WebhookEvents

    async def __call__(self, command: CompleteSessionCommand) -> CompletionResult:
        if command.status is SessionStatus.COMPLETED and command.duration_sec is None:
            raise invalid("duration_sec", "required when status is completed")
        command, sanitised = without_nul(command)
        session = await owned_session(self.sessions, command.session_id, None, lock=True)
        _check_binding(session, command)
        fingerprint = command.fingerprint()
        seen = await self.deliveries.get(session.id, command.delivery_id)
        if seen is not None:
            if seen.fingerprint != fingerprint:
                raise DeliveryConflictError()
            return CompletionResult(session.id, seen.status, seen.charged, replayed=True)
        if session.status is SessionStatus.INITIATED:
            raise SessionNotActiveError()
        now = self.clock.now()
        charged = 0
        closed = session.status is SessionStatus.ACTIVE
        if closed:
            charged = await self._close(session, command, now, sanitised)
            await self.sessions.save(session)
        await self.deliveries.add(
            Delivery(session.id, command.delivery_id, fingerprint, session.status, charged, now)
        )
        if charged > 0:
            # Last before the commit: the charge takes the client's row, which every admission
            # and charge of the client waits for; nothing else is sent while it is held (but
            # the rare credits.low event it may cause).
            entry = await self.credits.post(
                entry_id=LedgerEntryId(self.ids.new_id()),
                client_id=session.client_id,
                kind=LedgerKind.CHARGE,
                amount=-charged,
                session_id=session.id,
                reason="interview",
                now=now,
            )
            await report_low_balance(
                self.webhooks, self.ids, entry, self.policy.min_credits_to_start
            )
        await self.uow.commit()
        return CompletionResult(session.id, session.status, charged, closed=closed)

    async def _close(
        self, session: Session, command: CompleteSessionCommand, now: datetime, sanitised: bool
    ) -> int:
        """Apply the reported outcome; return the credits to charge (the caller posts them)."""
        _apply_reported_fields(session, command)
        note = {"sanitised": True} if sanitised else {}
        # Any duration is accepted (api.md §2): the session keeps it saturated at what its
        # column holds, the event exactly, and billing bounds it far below either.
        if command.status is SessionStatus.FAILED:
            session.fail(now, command.error_code or INTERVIEW_FAILED, command.duration_sec, **note)
            return 0
        duration = command.duration_sec or 0
        budget = self.policy.max_interview_seconds
        billed = billable_seconds(duration, now - (session.started_at or now), budget)
        cost = interview_cost(billed, budget, self.policy.interview_credits_per_minute)
        session.complete(now, duration, billed, cost, **note)
        return cost


def _check_binding(session: Session, command: CompleteSessionCommand) -> None:
    """A completion naming another backend session than the one recorded is not for this
    session (api.md §6.3): it must not end or bill it."""
    reported, recorded = command.interview_svc_session_id, session.interview_svc_session_id
    if reported is not None and recorded is not None and reported != recorded:
        raise SessionMismatchError()


def without_nul(command: CompleteSessionCommand) -> tuple[CompleteSessionCommand, bool]:
    """The command with NUL characters removed from every string (the store's text cannot
    hold them, and a completion is never refused for its text); True when any was removed."""
    changes: dict[str, Any] = {
        f.name: value.replace(NUL, "")
        for f in fields(command)
        if isinstance(value := getattr(command, f.name), str) and NUL in value
    }
    feedback = command.feedback
    if feedback is not None and feedback.comment is not None and NUL in feedback.comment:
        changes["feedback"] = replace(feedback, comment=feedback.comment.replace(NUL, ""))
    return (replace(command, **changes), True) if changes else (command, False)


def _apply_reported_fields(session: Session, command: CompleteSessionCommand) -> None:
    session.recording_s3_key = command.recording_s3_key or session.recording_s3_key
    session.transcript_s3_key = command.transcript_s3_key or session.transcript_s3_key
    if command.interview_svc_session_id is not None:
        session.interview_svc_session_id = command.interview_svc_session_id
    if command.feedback is not None:
        session.feedback = command.feedback
