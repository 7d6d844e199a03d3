"""Explicit row ↔ entity mapping."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row, RowMapping

from zenhire.domain.model.clients import ApiKey, Client, Project
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.events import EventType, SessionEvent
from zenhire.domain.model.ids import (
    ApiKeyId,
    ClientId,
    LedgerEntryId,
    PersonaId,
    ProjectId,
    SessionId,
)
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.model.sessions import ConsentMode, Feedback, Session, SessionStatus

AnyRow = Row[*tuple[Any, ...]]
# Column values by name: a SQLAlchemy row's ``_mapping`` or an asyncpg record.
Columns = RowMapping | Mapping[str, Any]


def client(r: Columns) -> Client:
    return Client(
        id=ClientId(r["id"]),
        name=r["name"],
        active=r["active"],
        permissions=tuple(r["permissions"]),
        max_concurrent_interviews=r["max_concurrent_interviews"],
        created_at=r["created_at"],
        balance=r["balance"],
    )


def project(r: AnyRow) -> Project:
    return Project(ProjectId(r.id), ClientId(r.client_id), r.name, r.created_at)


def api_key(r: AnyRow) -> ApiKey:
    return api_key_from(r._mapping)


def api_key_from(m: RowMapping | Mapping[str, Any], prefix: str = "") -> ApiKey:
    """An ApiKey from column values, optionally labelled ``<prefix><column>`` (joins)."""

    def v(name: str) -> Any:
        return m[prefix + name]

    return ApiKey(
        id=ApiKeyId(v("id")),
        client_id=ClientId(v("client_id")),
        project_id=ProjectId(v("project_id")) if v("project_id") else None,
        digest=bytes(v("digest")),
        prefix=v("prefix"),
        name=v("name"),
        expires_at=v("expires_at"),
        allowed_ips=tuple(v("allowed_ips")),
        rate_limit_per_minute=v("rate_limit_per_minute"),
        created_at=v("created_at"),
        revoked_at=v("revoked_at"),
        last_used_at=v("last_used_at"),
    )


def ledger_entry(r: AnyRow) -> LedgerEntry:
    return LedgerEntry(
        LedgerEntryId(r.id),
        ClientId(r.client_id),
        LedgerKind(r.kind),
        r.amount,
        r.balance_after,
        SessionId(r.session_id) if r.session_id else None,
        r.reason,
        r.created_at,
        r.seq,
    )


def persona(r: Columns, prefix: str = "") -> Persona:
    """A Persona from column values, optionally labelled ``<prefix><column>`` (joins)."""

    def v(name: str) -> Any:
        return r[prefix + name]

    return Persona(
        id=PersonaId(v("id")),
        client_id=ClientId(v("client_id")),
        role_name=v("role_name"),
        language=v("language"),
        system_prompt=v("system_prompt"),
        base_prompt_override=v("base_prompt_override"),
        status=PersonaStatus(v("status")),
        created_at=v("created_at"),
        updated_at=v("updated_at"),
    )


def persona_values(p: Persona) -> dict[str, Any]:
    return {
        "id": p.id,
        "client_id": p.client_id,
        "role_name": p.role_name,
        "language": p.language,
        "system_prompt": p.system_prompt,
        "base_prompt_override": p.base_prompt_override,
        "status": p.status.value,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def session(r: Columns) -> Session:
    feedback = _json(r["feedback"])
    return Session(
        id=SessionId(r["id"]),
        client_id=ClientId(r["client_id"]),
        persona_id=PersonaId(r["persona_id"]),
        project_id=ProjectId(r["project_id"]) if r["project_id"] else None,
        candidate_ref=r["candidate_ref"],
        consent_mode=ConsentMode(r["consent_mode"]),
        tags=tuple(r["tags"]) if r["tags"] is not None else None,
        metadata=_json(r["metadata"]),
        token_digest=bytes(r["token_digest"]),
        expires_at=r["expires_at"],
        created_at=r["created_at"],
        status=SessionStatus(r["status"]),
        error_code=r["error_code"],
        source=r["source"],
        invite_count=r["invite_count"],
        started_at=r["started_at"],
        deadline_at=r["deadline_at"],
        ended_at=r["ended_at"],
        completed_at=r["completed_at"],
        duration_sec=r["duration_sec"],
        credit_charged=r["credit_charged"],
        recording_s3_key=r["recording_s3_key"],
        transcript_s3_key=r["transcript_s3_key"],
        interview_svc_session_id=r["interview_svc_session_id"],
        feedback=Feedback(feedback["rating"], feedback.get("comment")) if feedback else None,
    )


def session_values(s: Session) -> dict[str, Any]:
    feedback = None
    if s.feedback is not None:
        feedback = {"rating": s.feedback.rating, "comment": s.feedback.comment}
    return {
        "id": s.id,
        "client_id": s.client_id,
        "persona_id": s.persona_id,
        "project_id": s.project_id,
        "candidate_ref": s.candidate_ref,
        "consent_mode": s.consent_mode.value,
        "tags": list(s.tags) if s.tags else None,
        "metadata": s.metadata,
        "token_digest": s.token_digest,
        "expires_at": s.expires_at,
        "created_at": s.created_at,
        "status": s.status.value,
        "error_code": s.error_code,
        "source": s.source,
        "invite_count": s.invite_count,
        "started_at": s.started_at,
        "deadline_at": s.deadline_at,
        "ended_at": s.ended_at,
        "completed_at": s.completed_at,
        "duration_sec": s.duration_sec,
        "credit_charged": s.credit_charged,
        "recording_s3_key": s.recording_s3_key,
        "transcript_s3_key": s.transcript_s3_key,
        "interview_svc_session_id": s.interview_svc_session_id,
        "feedback": feedback,
    }


def event(r: AnyRow) -> SessionEvent:
    return SessionEvent(SessionId(r.session_id), EventType(r.type), r.at, _json(r.data))


def delivery(r: AnyRow) -> Delivery:
    return Delivery(
        SessionId(r.session_id),
        r.delivery_id,
        r.fingerprint,
        SessionStatus(r.status),
        r.charged,
        r.created_at,
    )
