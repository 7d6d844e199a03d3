"""Interview sessions, their audit events and the sweeps that close them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ids import ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.pagination import PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionFilter:
    client_id: ClientId
    status: SessionStatus | None = None
    persona_id: PersonaId | None = None
    project_id: ProjectId | None = None
    candidate_ref: str | None = None
    tags: tuple[str, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    created_after: datetime | None = None
    created_before: datetime | None = None


class Sessions(Protocol):
    async def add(self, session: Session) -> None:
        """Insert the session and flush its pending events."""
        ...

    async def get(self, session_id: SessionId) -> Session | None:
        """The session, or None. No lock."""
        ...

    async def get_for_update(self, session_id: SessionId) -> Session | None:
        """The session, or None; locks its row until the unit of work ends."""
        ...

    async def find_by_token_for_update(self, digest: bytes) -> tuple[Session, Persona] | None:
        """The session whose *current* link has this digest, with its persona (read
        together), its row locked until the unit of work ends; None otherwise."""
        ...

    async def save(self, session: Session) -> None:
        """Persist the state and flush pending events; frees the slot when it leaves
        ``active``."""
        ...

    async def save_all(self, sessions: Sequence[Session]) -> None:
        """``save`` for many sessions, in as few round trips as the store allows."""
        ...

    async def time_out_overdue(self, now: datetime, limit: int) -> int:
        """Close up to ``limit`` ``active`` sessions past their deadline exactly as
        ``Session.time_out`` does (event included), locking them and skipping rows another
        transaction holds; return how many. Visible at commit."""
        ...

    async def expire_links(self, now: datetime, limit: int) -> int:
        """Close up to ``limit`` ``initiated`` sessions whose link expired exactly as
        ``Session.expire_link`` does and take them out of the waiting line, locking them and
        skipping rows another transaction holds; return how many. Visible at commit."""
        ...

    async def events(self, session_id: SessionId) -> list[SessionEvent]:
        """The audit trail, oldest first. No lock."""
        ...

    async def list(self, where: SessionFilter, page: PageRequest) -> list[Session]:
        """Newest first, after ``page.after``, at most ``page.limit + 1`` rows. No lock."""
        ...
