"""Interview sessions and their lifecycle.

``initiated`` --admit--> ``active`` --complete/fail/time_out--> ``completed`` | ``failed``;
``initiated`` --expire_link--> ``failed``; ``failed`` --reinvite--> ``initiated``.
Every transition takes ``now``; the entity never reads a clock. The rules the use cases check
(``ensure_…``) come from ``SessionRules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from zenhire.domain.model.events import EventType, SessionEvent
from zenhire.domain.model.ids import ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.labels import SessionLabels
from zenhire.domain.model.session_rules import SessionRules
from zenhire.domain.model.session_values import (
    DURATION_STORED_MAX,
    INTERVIEW_FAILED,
    LINK_EXPIRED,
    SESSION_TIMEOUT,
    SOURCE_PLAYGROUND,
    SOURCE_REQUESTS,
    ConsentMode,
    Feedback,
    IllegalTransitionError,
    MetadataValue,
    SessionStatus,
)
from zenhire.domain.model.sweep_event_data import link_expired_data, timed_out_data
from zenhire.domain.timefmt import iso_or_none

__all__ = [  # the values are re-exported: importers look for them here
    "DURATION_STORED_MAX",
    "INTERVIEW_FAILED",
    "LINK_EXPIRED",
    "SESSION_TIMEOUT",
    "SOURCE_PLAYGROUND",
    "SOURCE_REQUESTS",
    "ConsentMode",
    "Feedback",
    "IllegalTransitionError",
    "MetadataValue",
    "Session",
    "SessionStatus",
]


@dataclass(slots=True)
class Session(SessionRules):
    id: SessionId
    client_id: ClientId
    persona_id: PersonaId
    project_id: ProjectId | None
    candidate_ref: str | None
    consent_mode: ConsentMode
    tags: tuple[str, ...] | None
    metadata: dict[str, MetadataValue] | None
    token_digest: bytes
    expires_at: datetime
    created_at: datetime
    status: SessionStatus = SessionStatus.INITIATED
    error_code: str | None = None
    source: str = SOURCE_REQUESTS
    invite_count: int = 1
    started_at: datetime | None = None
    deadline_at: datetime | None = None
    ended_at: datetime | None = None
    completed_at: datetime | None = None
    duration_sec: int | None = None
    credit_charged: int | None = None
    recording_s3_key: str | None = None
    transcript_s3_key: str | None = None
    interview_svc_session_id: str | None = None
    feedback: Feedback | None = None
    pending_events: list[SessionEvent] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def start(  # one argument per fact a new session is made of
        cls,
        session_id: SessionId,
        client_id: ClientId,
        persona_id: PersonaId,
        project_id: ProjectId | None,
        consent_mode: ConsentMode,
        labels: SessionLabels,
        *,
        token_digest: bytes,
        now: datetime,
        ttl_seconds: int,
        source: str = SOURCE_REQUESTS,
    ) -> Session:
        """A new ``initiated`` session with its ``created`` event; the link lives ``ttl``."""
        session = cls(
            session_id, client_id, persona_id, project_id, labels.candidate_ref, consent_mode,
            labels.tags, labels.metadata, token_digest, now + timedelta(seconds=ttl_seconds), now,
        )  # fmt: skip
        session.source = source
        session.record(EventType.CREATED, now, consent_mode=consent_mode.value)
        return session

    # --- transitions -----------------------------------------------------------------------

    def record(self, type_: EventType, now: datetime, **data: Any) -> None:
        """Queue an audit event; the sessions port persists it with the session."""
        self.pending_events.append(SessionEvent(self.id, type_, now, data))

    def admit(self, now: datetime, budget_seconds: int, svc_session_id: str | None) -> None:
        self._require(SessionStatus.INITIATED)
        self.status = SessionStatus.ACTIVE
        self.started_at = now
        self.deadline_at = now + timedelta(seconds=budget_seconds)
        # Set even when None: an id left by an earlier run (before a re-invite) must not bind
        # this run's completion.
        self.interview_svc_session_id = svc_session_id
        self.record(EventType.ADMITTED, now, deadline_at=iso_or_none(self.deadline_at))

    def reconnect(self, now: datetime, svc_session_id: str | None) -> None:
        self._require(SessionStatus.ACTIVE)
        if svc_session_id is not None:
            self.interview_svc_session_id = svc_session_id
        self.record(EventType.RECONNECTED, now)

    def take_report(
        self, recording: str | None, transcript: str | None, svc: str | None, fb: Feedback | None
    ) -> None:
        """Keep what a completion reports (artifact keys, backend id, feedback) over blanks."""
        self.recording_s3_key = recording or self.recording_s3_key
        self.transcript_s3_key = transcript or self.transcript_s3_key
        if svc is not None:
            self.interview_svc_session_id = svc
        if fb is not None:
            self.feedback = fb

    def complete(
        self, now: datetime, duration_sec: int, billed_sec: int, charged: int, **note: Any
    ) -> None:
        """``duration_sec`` as reported (saturated at what the store holds), ``billed_sec`` as
        bounded by what the platform observed; the event records both, the reported one
        exactly. ``note``: extra event data about the report itself (e.g. ``sanitised``)."""
        self._end(SessionStatus.COMPLETED, now, None)
        self.completed_at = now
        self.duration_sec = min(duration_sec, DURATION_STORED_MAX)
        self.credit_charged = charged
        self.record(
            EventType.COMPLETED,
            now,
            duration_sec=duration_sec,
            billed_duration_sec=billed_sec,
            charged=charged,
            **note,
        )

    def fail(self, now: datetime, error_code: str, duration_sec: int | None, **note: Any) -> None:
        self._end(SessionStatus.FAILED, now, error_code)
        self.duration_sec = None if duration_sec is None else min(duration_sec, DURATION_STORED_MAX)
        self.record(EventType.FAILED, now, error_code=self.error_code, **note)

    def time_out(self, now: datetime) -> None:
        self._end(SessionStatus.FAILED, now, SESSION_TIMEOUT)
        self.record(EventType.TIMED_OUT, now, **timed_out_data(self.deadline_at))

    def expire_link(self, now: datetime) -> None:
        self._require(SessionStatus.INITIATED)
        self.status, self.ended_at, self.error_code = SessionStatus.FAILED, now, LINK_EXPIRED
        self.record(EventType.LINK_EXPIRED, now, **link_expired_data(self.expires_at))

    def reinvite(self, now: datetime, token_digest: bytes, ttl_seconds: int) -> None:
        """Fresh link on the same id; the old digest is replaced, so the old link is dead."""
        self._require(SessionStatus.FAILED)
        previous = {"previous_status": self.status.value, "previous_error_code": self.error_code}
        self.status = SessionStatus.INITIATED
        self.token_digest, self.expires_at = token_digest, now + timedelta(seconds=ttl_seconds)
        self.started_at = self.deadline_at = self.ended_at = None
        self.error_code, self.duration_sec = None, None
        self.invite_count += 1
        self.record(EventType.REINVITED, now, invite_count=self.invite_count, **previous)

    def refresh_link(self, now: datetime, token_digest: bytes, ttl_seconds: int) -> None:
        """Replace the link of a still-``initiated`` session (idempotent replays)."""
        self._require(SessionStatus.INITIATED)
        self.token_digest, self.expires_at = token_digest, now + timedelta(seconds=ttl_seconds)

    def _end(self, status: SessionStatus, now: datetime, error_code: str | None) -> None:
        """Leave ``active`` for a terminal status (the sessions port frees the slot)."""
        self._require(SessionStatus.ACTIVE)
        self.status, self.ended_at, self.error_code = status, now, error_code

    def _require(self, status: SessionStatus) -> None:
        if self.status is not status:
            raise IllegalTransitionError(f"session {self.id} is {self.status}, expected {status}")
