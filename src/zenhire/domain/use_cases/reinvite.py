"""Re-invite a candidate whose session ended without a result."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.links import IssuedLink
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.personas import require_active
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.credits import Credits
from zenhire.domain.ports.personas import Personas
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.tokens import Tokens
from zenhire.domain.ports.unit_of_work import UnitOfWork


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
        session = owned(await self.sessions.get_for_update(command.session_id), command.client_id)
        session.ensure_reinvitable()
        require_active(await self.personas.get(session.persona_id))
        self.policy.ensure_minimum_credits(await self.credits.balance(session.client_id))
        token = self.tokens.mint_candidate_token()
        session.reinvite(self.clock.now(), token.digest, self.policy.link_ttl_seconds)
        await self.sessions.save(session)
        await self.uow.commit()
        return self.policy.issued_link(session, token.raw)
