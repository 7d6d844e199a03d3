"""Interview sessions and their lifecycle.

``initiated`` --admit--> ``active`` --complete/fail/time_out--> ``completed`` | ``failed``;
``initiated`` --expire_link--> ``failed``; ``failed`` --reinvite--> ``initiated``.
Every transition takes ``now``; the entity never reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Final

from zenhire.domain import limits
from zenhire.domain.model.events import EventType, SessionEvent
from zenhire.domain.model.ids import ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.timefmt import iso_or_none

SESSION_TIMEOUT: Final = "SESSION_TIMEOUT"
LINK_EXPIRED: Final = "LINK_EXPIRED"
INTERVIEW_FAILED: Final = "INTERVIEW_FAILED"
SOURCE_REQUESTS: Final = "requests"
SOURCE_PLAYGROUND: Final = "playground"  # started from the console's playground
# A completion's duration_sec may be any integer ≥ 0 (api.md §2); the session keeps it
# saturated at the largest value the stores hold.
DURATION_STORED_MAX: Final = limits.COUNT_MAX

MetadataValue = str | int | float | bool


class SessionStatus(StrEnum):
    INITIATED = "initiated"
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        return self in (SessionStatus.COMPLETED, SessionStatus.FAILED)


class ConsentMode(StrEnum):
    EXPLICIT = "explicit"
    INTEGRATOR = "integrator"


@dataclass(frozen=True, slots=True)
class Feedback:
    rating: int
    comment: str | None

    @property
    def negative(self) -> bool:
        return self.rating <= 2


class IllegalTransitionError(Exception):
    """A use case asked for a transition the current status forbids (a programming error)."""


@dataclass(slots=True)
class Session:
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

    # --- queries ---------------------------------------------------------------------------

    def link_expired(self, now: datetime) -> bool:
        """The current link is valid on ``[created, expires_at)``."""
        return now >= self.expires_at

    def past_deadline(self, now: datetime) -> bool:
        return self.deadline_at is not None and now >= self.deadline_at

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

    def complete(
        self, now: datetime, duration_sec: int, billed_sec: int, charged: int, **note: Any
    ) -> None:
        """``duration_sec`` as reported (saturated at what the store holds), ``billed_sec`` as
        bounded by what the platform observed; the event records both, the reported one
        exactly. ``note``: extra event data about the report itself (e.g. ``sanitised``)."""
        self._require(SessionStatus.ACTIVE)
        self.status = SessionStatus.COMPLETED
        self.ended_at = now
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
        self._require(SessionStatus.ACTIVE)
        self.status = SessionStatus.FAILED
        self.ended_at = now
        self.error_code = error_code
        self.duration_sec = None if duration_sec is None else min(duration_sec, DURATION_STORED_MAX)
        self.record(EventType.FAILED, now, error_code=error_code, **note)

    def time_out(self, now: datetime) -> None:
        self._require(SessionStatus.ACTIVE)
        self.status = SessionStatus.FAILED
        self.ended_at = now
        self.error_code = SESSION_TIMEOUT
        self.record(EventType.TIMED_OUT, now, **timed_out_data(self.deadline_at))

    def expire_link(self, now: datetime) -> None:
        self._require(SessionStatus.INITIATED)
        self.status = SessionStatus.FAILED
        self.ended_at = now
        self.error_code = LINK_EXPIRED
        self.record(EventType.LINK_EXPIRED, now, **link_expired_data(self.expires_at))

    def reinvite(self, now: datetime, token_digest: bytes, ttl_seconds: int) -> None:
        """Fresh link on the same id; the old digest is replaced, so the old link is dead."""
        self._require(SessionStatus.FAILED)
        previous = {"previous_status": self.status.value, "previous_error_code": self.error_code}
        self.token_digest = token_digest
        self.expires_at = now + timedelta(seconds=ttl_seconds)
        self.status = SessionStatus.INITIATED
        self.started_at = None
        self.deadline_at = None
        self.ended_at = None
        self.error_code = None
        self.duration_sec = None
        self.invite_count += 1
        self.record(EventType.REINVITED, now, invite_count=self.invite_count, **previous)

    def refresh_link(self, now: datetime, token_digest: bytes, ttl_seconds: int) -> None:
        """Replace the link of a still-``initiated`` session (idempotent replays)."""
        self._require(SessionStatus.INITIATED)
        self.token_digest = token_digest
        self.expires_at = now + timedelta(seconds=ttl_seconds)

    def _require(self, status: SessionStatus) -> None:
        if self.status is not status:
            raise IllegalTransitionError(f"session {self.id} is {self.status}, expected {status}")


def timed_out_data(deadline_at: datetime | None) -> dict[str, Any]:
    """The ``timed_out`` event's data (also written by set-based sweeps)."""
    return {"deadline_at": iso_or_none(deadline_at)}


def link_expired_data(expires_at: datetime | None) -> dict[str, Any]:
    """The ``link_expired`` event's data (also written by set-based sweeps)."""
    return {"expires_at": iso_or_none(expires_at)}
