"""Event payloads: the session as the integrator reads it (api.md §4.3 SessionSummary)."""

from __future__ import annotations

from typing import Any

from zenhire.domain.model.sessions import Session
from zenhire.domain.timefmt import iso, iso_or_none


def session_summary(s: Session) -> dict[str, Any]:
    """The SessionSummary of ``s`` as JSON values, without ``role_name`` and ``language``:
    the stores add those from the session's persona (whose role and language never change)."""
    return {
        "id": str(s.id),
        "client_id": str(s.client_id),
        "persona_id": str(s.persona_id),
        "project_id": None if s.project_id is None else str(s.project_id),
        "candidate_ref": s.candidate_ref,
        "status": s.status.value,
        "error_code": s.error_code,
        "consent_mode": s.consent_mode.value,
        "source": s.source,
        "tags": list(s.tags) if s.tags else None,
        "metadata": s.metadata or None,
        "invite_count": s.invite_count,
        "expires_at": iso(s.expires_at),
        "created_at": iso(s.created_at),
        "started_at": iso_or_none(s.started_at),
        "deadline_at": iso_or_none(s.deadline_at),
        "ended_at": iso_or_none(s.ended_at),
        "completed_at": iso_or_none(s.completed_at),
        "duration_sec": s.duration_sec,
        "credit_charged": s.credit_charged,
        "recording_s3_key": s.recording_s3_key,
        "transcript_s3_key": s.transcript_s3_key,
        "interview_svc_session_id": s.interview_svc_session_id,
    }


def with_persona(summary: dict[str, Any], role_name: str, language: str) -> dict[str, Any]:
    return {**summary, "role_name": role_name, "language": language}
