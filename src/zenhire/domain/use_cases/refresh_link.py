"""A replayed create or re-invite: mint a fresh link for a still-``initiated`` session."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors import IdempotencyKeyUsedError
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, Sessions, Tokens, UnitOfWork
from zenhire.domain.use_cases.access import owned_session
from zenhire.domain.use_cases.links import IssuedLink


@dataclass(frozen=True, slots=True, kw_only=True)
class RefreshLink:
    """Raw tokens are never stored, so a replay cannot return the first link: while the
    session is still ``initiated`` the previous link is revoked and a fresh one (fresh TTL)
    is returned; once it has moved on → IDEMPOTENCY_KEY_USED with ``details.session_id``."""

    sessions: Sessions
    tokens: Tokens
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self, session_id: SessionId) -> IssuedLink:
        session = await owned_session(self.sessions, session_id, None, lock=True)
        if session.status is not SessionStatus.INITIATED:
            raise IdempotencyKeyUsedError(str(session.id))
        token = self.tokens.mint_candidate_token()
        session.refresh_link(self.clock.now(), token.digest, self.policy.link_ttl_seconds)
        await self.sessions.save(session)
        await self.uow.commit()
        return IssuedLink(
            session, self.policy.candidate_link(token.raw), self.policy.link_ttl_seconds
        )
