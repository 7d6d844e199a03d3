"""Server-to-server bodies (interview backend → platform)."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from zenhire.domain.model.sessions import ConsentMode, SessionStatus
from zenhire.domain.timefmt import iso_or_none
from zenhire.domain.use_cases.complete_session import CompletionResult
from zenhire.domain.use_cases.verify_token import Admitted, Queued
from zenhire.entrypoints.http.schemas.common import (
    Comment,
    DeliveryId,
    ErrorCode,
    NonNegativeInt,
    Out,
    Rating,
    S3Key,
    Strict,
    SvcSessionId,
    Timestamp,
    Token,
)


class VerifyIn(Strict):
    token: Token
    interview_svc_session_id: SvcSessionId | None = None


class VerifyPersona(Out):
    id: UUID
    role_name: str
    language: str
    system_prompt: str
    base_prompt_override: str | None


class AdmittedOut(Out, kw_only=True):
    result: Literal["admitted"] = "admitted"
    session_id: UUID
    status: SessionStatus
    reconnect: bool
    consent_mode: ConsentMode
    candidate_ref: str | None
    started_at: Timestamp | None
    deadline_at: Timestamp | None
    max_interview_seconds: int
    persona: VerifyPersona

    @classmethod
    def of(cls, a: Admitted) -> AdmittedOut:
        s, p = a.session, a.persona
        return cls(
            session_id=s.id,
            status=s.status,
            reconnect=a.reconnect,
            consent_mode=s.consent_mode,
            candidate_ref=s.candidate_ref,
            started_at=iso_or_none(s.started_at),
            deadline_at=iso_or_none(s.deadline_at),
            max_interview_seconds=a.max_interview_seconds,
            persona=VerifyPersona(
                id=p.id,
                role_name=p.role_name,
                language=p.language,
                system_prompt=p.system_prompt,
                base_prompt_override=p.base_prompt_override,
            ),
        )


class QueuedOut(Out, kw_only=True):
    result: Literal["queued"] = "queued"
    session_id: UUID
    queue_position: int
    retry_after_seconds: int
    live_interviews: int
    max_concurrent_interviews: int

    @classmethod
    def of(cls, q: Queued) -> QueuedOut:
        return cls(
            session_id=q.session.id,
            queue_position=q.queue_position,
            retry_after_seconds=q.retry_after_seconds,
            live_interviews=q.live_interviews,
            max_concurrent_interviews=q.max_concurrent_interviews,
        )


class FeedbackIn(Strict):
    rating: Rating
    comment: Comment | None = None


class CompleteIn(Strict):
    keeps_nul = True  # CompleteSession removes them and says so in the event

    status: Literal["completed", "failed"]
    delivery_id: DeliveryId
    duration_sec: NonNegativeInt | None = None
    recording_s3_key: S3Key | None = None
    transcript_s3_key: S3Key | None = None
    interview_svc_session_id: SvcSessionId | None = None
    error_code: ErrorCode | None = None
    feedback: FeedbackIn | None = None


class CompleteOut(Out):
    session_id: UUID
    status: SessionStatus
    charged: int

    @classmethod
    def of(cls, r: CompletionResult) -> CompleteOut:
        return cls(session_id=r.session_id, status=r.status, charged=r.charged)
