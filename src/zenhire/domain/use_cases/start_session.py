"""Start an interview session: mint a single-candidate link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from zenhire.domain import validation
from zenhire.domain.errors import PersonaArchivedError
from zenhire.domain.model.events import EventType
from zenhire.domain.model.ids import ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.sessions import SOURCE_REQUESTS, ConsentMode, Session
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, Ids, Personas, Sessions, Tokens, UnitOfWork
from zenhire.domain.use_cases.access import owned
from zenhire.domain.use_cases.links import IssuedLink, ensure_minimum_credits


@dataclass(frozen=True, slots=True, kw_only=True)
class StartSessionCommand:
    client_id: ClientId
    project_id: ProjectId | None
    persona_id: PersonaId
    consent_mode: ConsentMode
    candidate_ref: str | None = None
    metadata: Mapping[str, object] | None = None
    tags: Sequence[str] | None = None
    source: str = SOURCE_REQUESTS


@dataclass(frozen=True, slots=True, kw_only=True)
class StartSession:
    """Create a session in ``initiated`` and mint its secret candidate link.

    Checks, in order: input (metadata/tags limits; ``candidate_ref`` is truncated to 256) →
    persona exists (NOT_FOUND) → owned by the caller (RESOURCE_FORBIDDEN) → active
    (PERSONA_ARCHIVED) → balance ≥ the minimum to start (INSUFFICIENT_CREDITS). The session
    inherits the key's project. Nothing is charged and no concurrency slot is used; only the
    token's SHA-256 digest is stored.
    """

    personas: Personas
    sessions: Sessions
    tokens: Tokens
    ids: Ids
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self, command: StartSessionCommand) -> IssuedLink:
        metadata = validation.check_metadata(command.metadata)
        tags = validation.check_tags(command.tags)
        found = await self.personas.get_with_owner_balance(command.persona_id)
        owned(found[0] if found else None, command.client_id)
        assert found is not None  # noqa: S101  # narrowed by owned()
        persona, balance = found  # the owner is the caller: its balance, read with the persona
        if not persona.is_active:
            raise PersonaArchivedError()
        ensure_minimum_credits(balance, self.policy)
        now = self.clock.now()
        token = self.tokens.mint_candidate_token()
        session = Session(
            id=SessionId(self.ids.new_id()),
            client_id=command.client_id,
            persona_id=persona.id,
            project_id=command.project_id,
            candidate_ref=validation.truncate_candidate_ref(command.candidate_ref),
            consent_mode=command.consent_mode,
            tags=tags,
            metadata=metadata,
            source=command.source,
            token_digest=token.digest,
            expires_at=now + timedelta(seconds=self.policy.link_ttl_seconds),
            created_at=now,
        )
        session.record(EventType.CREATED, now, consent_mode=session.consent_mode.value)
        await self.sessions.add(session)
        await self.uow.commit()
        return IssuedLink(
            session, self.policy.candidate_link(token.raw), self.policy.link_ttl_seconds
        )
