"""Session bodies: create, the new link, events (summary and detail: ``session_views``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.sessions import ConsentMode, SessionStatus
from zenhire.domain.timefmt import iso
from zenhire.domain.use_cases.links import IssuedLink
from zenhire.entrypoints.http.schemas.common import (
    Metadata,
    Out,
    Strict,
    Tags,
    Timestamp,
)


class SessionCreate(Strict):
    consent_mode: ConsentMode
    candidate_ref: str | None = None
    metadata: Metadata | None = None
    tags: Tags | None = None


class SessionCreated(Out):
    """A freshly minted candidate link; shown once (``Cache-Control: no-store``)."""

    id: UUID
    session_id: UUID
    status: SessionStatus
    candidate_link: str
    expires_in: int
    expires_at: Timestamp

    @classmethod
    def of(cls, issued: IssuedLink) -> SessionCreated:
        s = issued.session
        return cls(
            id=s.id,
            session_id=s.id,
            status=s.status,
            candidate_link=issued.candidate_link,
            expires_in=issued.expires_in,
            expires_at=iso(s.expires_at),
        )


class EventOut(Out):
    type: str
    at: Timestamp
    data: dict[str, Any]

    @classmethod
    def of(cls, e: SessionEvent) -> EventOut:
        return cls(type=e.type.value, at=iso(e.at), data=e.data)


class EventList(Out):
    data: list[EventOut]
