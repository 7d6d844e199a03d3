"""How a session reads on the wire: its summary (lists), its detail, and a page of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final, get_args, get_origin, get_type_hints
from uuid import UUID

from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.model.sessions import ConsentMode, MetadataValue, Session, SessionStatus
from zenhire.domain.timefmt import iso_or_none
from zenhire.entrypoints.http.schemas.common import (
    Out,
    Timestamp,
)


class FeedbackOut(Out):
    rating: int
    negative: bool
    comment: str | None


class PersonaBrief(Out):
    id: UUID
    role_name: str
    language: str
    status: PersonaStatus


class SessionSummary(Out):
    id: UUID
    client_id: UUID
    persona_id: UUID
    project_id: UUID | None
    candidate_ref: str | None
    status: SessionStatus
    error_code: str | None
    consent_mode: ConsentMode
    source: str
    tags: list[str] | None
    metadata: dict[str, MetadataValue] | None
    invite_count: int
    expires_at: Timestamp
    created_at: Timestamp
    started_at: Timestamp | None
    deadline_at: Timestamp | None
    ended_at: Timestamp | None
    completed_at: Timestamp | None
    duration_sec: int | None
    credit_charged: int | None
    recording_s3_key: str | None
    transcript_s3_key: str | None
    interview_svc_session_id: str | None
    role_name: str | None
    language: str | None

    @classmethod
    def of(cls, s: Session, persona: Persona | None) -> SessionSummary:
        return cls(**summary_fields(s, persona))


class SessionDetail(SessionSummary):
    persona: PersonaBrief | None
    feedback: FeedbackOut | None

    @classmethod
    def of(cls, s: Session, persona: Persona | None) -> SessionDetail:
        brief = None
        if persona is not None:
            brief = PersonaBrief(
                id=persona.id,
                role_name=persona.role_name,
                language=persona.language,
                status=persona.status,
            )
        feedback = None
        if s.feedback is not None:
            feedback = FeedbackOut(
                rating=s.feedback.rating, negative=s.feedback.negative, comment=s.feedback.comment
            )
        return cls(**summary_fields(s, persona), persona=brief, feedback=feedback)


def _plain(value: Any) -> Any:
    """A collection the wire shows as null when empty."""
    return list(value) if isinstance(value, tuple) and value else (value or None)


def _wire_form(annotation: Any) -> Callable[[Any], Any] | None:
    """How a ``Session`` field of this type goes on the wire (None: as it is)."""
    kinds = {get_origin(t) or t for t in (annotation, *get_args(annotation))}
    if datetime in kinds:
        return iso_or_none
    if kinds & {tuple, dict}:
        return _plain
    return None


# The summary's fields that are the session's own, each with its wire form, read once from
# the two declarations (the Struct above, the domain dataclass) instead of spelled again.
_SESSION_FIELDS: Final = tuple(
    (name, _wire_form(annotation))
    for name, annotation in get_type_hints(Session).items()
    if name in SessionSummary.__struct_fields__
)


def summary_fields(s: Session, persona: Persona | None) -> dict[str, Any]:
    fields = {n: form(getattr(s, n)) if form else getattr(s, n) for n, form in _SESSION_FIELDS}
    fields["role_name"] = persona.role_name if persona else None
    fields["language"] = persona.language if persona else None
    return fields


class SessionPage(Out):
    data: list[SessionSummary]
    next_cursor: str | None
