"""Start an interview session: mint a single-candidate link."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zenhire.domain.model.ids import ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.labels import SessionLabels
from zenhire.domain.model.links import IssuedLink
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.sessions import SOURCE_REQUESTS, ConsentMode, Session
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.personas import Personas
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.tokens import Tokens
from zenhire.domain.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class StartSessionCommand:
    client_id: ClientId
    project_id: ProjectId | None
    persona_id: PersonaId
    consent_mode: ConsentMode
    candidate_ref: str | None = None
    metadata: Mapping[str, object] | None = None
    tags: Sequence[str] | None = None
    source: str = SOURCE_REQUESTS  # the console's playground says so


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
        labels = SessionLabels.checked(command.candidate_ref, command.metadata, command.tags)
        # The persona's owner is the caller once owned() passes: its balance, read with it.
        persona, balance = await self.personas.get_with_owner_balance(command.persona_id) or (
            None,
            0,
        )
        persona = owned(persona, command.client_id)
        persona.ensure_active()
        self.policy.ensure_minimum_credits(balance)
        now, token = self.clock.now(), self.tokens.mint_candidate_token()
        session = Session.start(
            SessionId(self.ids.new_id()),
            command.client_id,
            persona.id,
            command.project_id,
            command.consent_mode,
            labels,
            token_digest=token.digest,
            now=now,
            ttl_seconds=self.policy.link_ttl_seconds,
            source=command.source,
        )
        await self.sessions.add(session)
        await self.uow.commit()
        return self.policy.issued_link(session, token.raw)
