"""What a request repeated with an ``Idempotency-Key`` answers (api.md §10.1)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors.idempotency import IdempotencyKeyUsedError
from zenhire.domain.model.idempotency import IdempotencyRecord
from zenhire.domain.model.links import IssuedLink
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.tokens import Tokens
from zenhire.domain.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayRequestCommand:
    record: IdempotencyRecord  # what the key holds (another request claimed it first)
    fingerprint: str  # of this request's method, path and body
    issues_link: bool  # a session create or re-invite: its answer carries a raw token


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """The first request's answer, as it was given."""

    status_code: int
    body: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplayRequest:
    """Answer a repeat of the request that claimed the key first.

    In order: another method, path or body → IDEMPOTENCY_KEY_MISMATCH; the first request
    still running → IDEMPOTENCY_IN_PROGRESS; a link request, whose raw token is never stored →
    while its session is still ``initiated``, a fresh link with a fresh TTL (the previous link
    is revoked), once the session has moved on IDEMPOTENCY_KEY_USED naming it; any other
    request → its stored answer.
    """

    sessions: Sessions
    tokens: Tokens
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self, command: ReplayRequestCommand) -> StoredAnswer | IssuedLink:
        record = command.record
        record.ensure_replayable(command.fingerprint)
        if record.session_id is None or not command.issues_link:
            return StoredAnswer(record.status_code or 200, record.body or b"")
        session = owned(await self.sessions.get_for_update(record.session_id), None)
        if session.status is not SessionStatus.INITIATED:  # it moved on: the key is spent
            raise IdempotencyKeyUsedError(str(session.id))
        token = self.tokens.mint_candidate_token()
        session.refresh_link(self.clock.now(), token.digest, self.policy.link_ttl_seconds)
        await self.sessions.save(session)
        await self.uow.commit()
        return self.policy.issued_link(session, token.raw)
