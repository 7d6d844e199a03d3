"""Verify a candidate token for the interview backend and admit under the client's cap."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from zenhire.domain.errors import AdmissionStateChangedError
from zenhire.domain.errors.sessions import InvalidTokenError
from zenhire.domain.model.admission import Admitted, HoldOff, Queued, plan_admission
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.tokens import Tokens
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.ports.waiting_line import WaitingLine
from zenhire.domain.use_cases.hold_off import hold_off

__all__ = ["Admitted", "Queued", "VerifyToken", "VerifyTokenCommand"]

# Decisions made beside other admissions before this one waits for them (``WaitingLine``).
UNLOCKED_TRIES: Final = 3


@dataclass(frozen=True, slots=True)
class VerifyTokenCommand:
    token: str = field(repr=False)
    interview_svc_session_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyToken:
    """Decide whether the candidate holding ``token`` may start now.

    In order: unknown/revoked token → INVALID_TOKEN; session ended → SESSION_ENDED;
    ``active`` before its deadline → admitted again (``reconnect``, no new slot, no re-check);
    ``active`` past its deadline → closed as SESSION_TIMEOUT, then SESSION_ENDED; link
    expired → TOKEN_EXPIRED; client inactive → CLIENT_INACTIVE; no ``interview`` permission →
    MISSING_PERMISSION; balance below the minimum → INSUFFICIENT_CREDITS; no free slot for this
    candidate's place in the FIFO line → held off (queued, still ``initiated``); otherwise
    admitted: ``active`` with ``deadline_at = now + max_interview_seconds``. The decision is
    made on a read of the client's state and written only if that state is unchanged at
    commit (``WaitingLine.read``), else it is made again; after ``UNLOCKED_TRIES`` such races
    it is made under the client's lock. Either way admissions of a client commit one at a
    time, each on the state the one before left, so the cap holds under any concurrency. The
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
        # Deciding again rolls back: never over writes the caller made before calling.
        tries = 0 if self.uow.holds_work() else UNLOCKED_TRIES
        for _ in range(tries):
            try:
                return await self._verify(command, locked=False)
            except AdmissionStateChangedError:
                await self.uow.rollback()
        return await self._verify(command, locked=True)

    async def _verify(self, command: VerifyTokenCommand, *, locked: bool) -> Admitted | Queued:
        found = await self.sessions.find_by_token_for_update(self.tokens.digest(command.token))
        if found is None:
            raise InvalidTokenError()
        (session, persona), now = found, self.clock.now()
        session.ensure_not_ended()
        if session.status is SessionStatus.ACTIVE and session.past_deadline(now):
            session.time_out(now)
            await self.sessions.save(session)
            await self.uow.commit()
            session.ensure_not_ended()  # it has now: SESSION_ENDED, SESSION_TIMEOUT
        if session.status is SessionStatus.ACTIVE:
            session.reconnect(now, command.interview_svc_session_id)
            return await self._admitted(session, persona, reconnect=True)
        session.ensure_link_valid(now)
        client_id, minimum = session.client_id, self.policy.min_credits_to_start
        read = self.line.lock(client_id) if locked else self.line.read(client_id, minimum)
        state = self.policy.admitting(await read)
        retry_after = self.policy.queue_retry_after_seconds
        plan = plan_admission(state, session.id, state.client.id, now, retry_after)
        if isinstance(plan.decision, HoldOff):
            position = await hold_off(self.line, self.sessions, session, plan, now)
            await self.uow.commit()
            return Queued(session, position, retry_after, state.live, state.cap)
        await self.line.remove(state.client.id, plan.leaving)
        session.admit(now, self.policy.max_interview_seconds, command.interview_svc_session_id)
        return await self._admitted(session, persona, reconnect=False)

    async def _admitted(self, session: Session, persona: Persona, *, reconnect: bool) -> Admitted:
        await self.sessions.save(session)
        await self.uow.commit()
        return Admitted(session, persona, reconnect, self.policy.max_interview_seconds)
