"""Re-invite a candidate whose session ended without a result."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors import (
    SessionActiveError,
    SessionCompletedError,
    SessionNotEndedError,
)
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, Credits, Personas, Sessions, Tokens, UnitOfWork
from zenhire.domain.use_cases.access import owned_session
from zenhire.domain.use_cases.links import (
    IssuedLink,
    require_active_persona,
    require_minimum_credits,
)

_REFUSALS = {
    SessionStatus.COMPLETED: SessionCompletedError,
    SessionStatus.ACTIVE: SessionActiveError,
    SessionStatus.INITIATED: SessionNotEndedError,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ReInviteCommand:
    session_id: SessionId
    client_id: ClientId | None  # None: the operator, for any client's session


@dataclass(frozen=True, slots=True, kw_only=True)
class ReInvite:
    """Give a ``failed`` session (any error code) a fresh link on the same session id.

    Checks, in order: session exists (NOT_FOUND) → owned (RESOURCE_FORBIDDEN) → status
    (SESSION_COMPLETED / SESSION_ACTIVE / SESSION_NOT_ENDED) → persona active
    (PERSONA_ARCHIVED) → minimum credits (INSUFFICIENT_CREDITS). Atomically the old token
    dies, a new one with a fresh TTL is minted, the run fields are cleared, ``invite_count``
    grows by one and a ``reinvited`` event records the previous outcome.
    """

    sessions: Sessions
    personas: Personas
    credits: Credits
    tokens: Tokens
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self, command: ReInviteCommand) -> IssuedLink:
        session = await owned_session(
            self.sessions, command.session_id, command.client_id, lock=True
        )
        refusal = _REFUSALS.get(session.status)
        if refusal is not None:
            raise refusal()
        await require_active_persona(self.personas, session.persona_id)
        await require_minimum_credits(self.credits, session.client_id, self.policy)
        token = self.tokens.mint_candidate_token()
        session.reinvite(self.clock.now(), token.digest, self.policy.link_ttl_seconds)
        await self.sessions.save(session)
        await self.uow.commit()
        return IssuedLink(
            session, self.policy.candidate_link(token.raw), self.policy.link_ttl_seconds
        )
