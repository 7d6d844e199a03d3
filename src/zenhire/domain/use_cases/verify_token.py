"""Verify a candidate token for the interview backend and admit under the client's cap."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.errors import (
    ClientInactiveError,
    InvalidTokenError,
    MissingPermissionError,
    SessionEndedError,
    TokenExpiredError,
)
from zenhire.domain.model.admission import Admit, HoldOff, plan_admission
from zenhire.domain.model.clients import INTERVIEW_PERMISSION, Client
from zenhire.domain.model.events import EventType
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, Sessions, Tokens, UnitOfWork, WaitingLine
from zenhire.domain.use_cases.links import ensure_minimum_credits


@dataclass(frozen=True, slots=True)
class VerifyTokenCommand:
    token: str = field(repr=False)
    interview_svc_session_id: str | None = None


@dataclass(frozen=True, slots=True)
class Admitted:
    session: Session
    persona: Persona
    reconnect: bool
    max_interview_seconds: int


@dataclass(frozen=True, slots=True)
class Queued:
    session: Session
    queue_position: int
    retry_after_seconds: int
    live_interviews: int
    max_concurrent_interviews: int


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyToken:
    """Decide whether the candidate holding ``token`` may start now.

    In order: unknown/revoked token → INVALID_TOKEN; session ended → SESSION_ENDED;
    ``active`` before its deadline → admitted again (``reconnect``, no new slot, no re-check);
    ``active`` past its deadline → closed as SESSION_TIMEOUT, then SESSION_ENDED; link
    expired → TOKEN_EXPIRED; client inactive → CLIENT_INACTIVE; no ``interview`` permission →
    MISSING_PERMISSION; balance below the minimum → INSUFFICIENT_CREDITS; no free slot for this
    candidate's place in the FIFO line → held off (queued, still ``initiated``); otherwise
    admitted: ``active`` with ``deadline_at = now + max_interview_seconds``. The admission runs
    under the client's admission lock, so the cap holds under any concurrency. The
    ``interview_svc_session_id`` given at admission (or a later reconnect) is recorded; a
    completion naming another one is refused (SESSION_MISMATCH).
    """

    sessions: Sessions
    line: WaitingLine
    tokens: Tokens
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self, command: VerifyTokenCommand) -> Admitted | Queued:
        found = await self.sessions.find_by_token_for_update(self.tokens.digest(command.token))
        if found is None:
            raise InvalidTokenError()
        session, persona = found
        now = self.clock.now()
        if session.status.is_terminal:
            raise SessionEndedError(session.status.value, session.error_code)
        if session.status is SessionStatus.ACTIVE:
            if session.past_deadline(now):
                session.time_out(now)
                await self.sessions.save(session)
                await self.uow.commit()
                raise SessionEndedError(session.status.value, session.error_code)
            session.reconnect(now, command.interview_svc_session_id)
            return await self._admitted(session, persona, reconnect=True)
        if session.link_expired(now):
            raise TokenExpiredError()
        state = await self.line.lock(session.client_id)
        _check_client(state.client if state else None, self.policy)
        assert state is not None  # noqa: S101  # narrowed by _check_client
        plan = plan_admission(
            state, session.id, state.client.id, now, self.policy.queue_retry_after_seconds
        )
        stale = [w.session_id for w in plan.stale]
        if isinstance(plan.decision, Admit):
            waited = any(w.session_id == session.id for w in state.waiters)
            await self.line.remove(state.client.id, [*stale, session.id] if waited else stale)
            session.admit(now, self.policy.max_interview_seconds, command.interview_svc_session_id)
            return await self._admitted(session, persona, reconnect=False)
        return await self._queued(session, plan.decision, stale, state.live, state.cap)

    async def _admitted(self, session: Session, persona: Persona, *, reconnect: bool) -> Admitted:
        await self.sessions.save(session)
        await self.uow.commit()
        return Admitted(session, persona, reconnect, self.policy.max_interview_seconds)

    async def _queued(
        self, session: Session, hold: HoldOff, stale: list[SessionId], live: int, cap: int
    ) -> Queued:
        if stale:
            await self.line.remove(session.client_id, stale)
        await self.line.upsert(hold.waiter)
        if hold.newly_queued:
            session.record(EventType.QUEUED, hold.waiter.last_seen_at, position=hold.position)
            await self.sessions.save(session)
        await self.uow.commit()
        return Queued(session, hold.position, self.policy.queue_retry_after_seconds, live, cap)


def _check_client(client: Client | None, policy: Policy) -> None:
    if client is None or not client.active:
        raise ClientInactiveError()
    if not client.has_permission(INTERVIEW_PERMISSION):
        raise MissingPermissionError()
    ensure_minimum_credits(client.balance, policy)
