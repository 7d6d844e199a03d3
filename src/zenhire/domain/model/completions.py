"""What the interview backend reports when a call ends, and the answer it gets."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from zenhire.domain.errors.base import invalid
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.ledger import billable_seconds, interview_cost
from zenhire.domain.model.session_values import INTERVIEW_FAILED, Feedback, SessionStatus
from zenhire.domain.model.sessions import Session
from zenhire.domain.model.text import without_nul
from zenhire.domain.policy import Policy


@dataclass(frozen=True, slots=True, kw_only=True)
class CompletionReport:
    """One completion delivery, as sent (``status`` is COMPLETED or FAILED)."""

    session_id: SessionId
    status: SessionStatus
    delivery_id: str
    duration_sec: int | None = None
    recording_s3_key: str | None = None
    transcript_s3_key: str | None = None
    interview_svc_session_id: str | None = None
    error_code: str | None = None
    feedback: Feedback | None = None

    def checked(self) -> tuple[CompletionReport, bool]:
        """INVALID_INPUT when ``completed`` comes without ``duration_sec``; else the report
        with NUL characters removed from its strings, and True when any was (a completion is
        never refused for its text)."""
        if self.status is SessionStatus.COMPLETED and self.duration_sec is None:
            raise invalid("duration_sec", "required when status is completed")
        return without_nul(self)

    def fingerprint(self) -> str:
        """Digest of the delivery's content; the same delivery re-serialised has the same one."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class CompletionResult:
    """The answer (equal for a delivery and its replays). ``closed``: this call ended the
    session (and wrote any charge); ``replayed``: it repeats a recorded delivery (wrote
    nothing). Callers count and log from these, so each outcome is counted once."""

    session_id: SessionId
    status: SessionStatus
    charged: int
    closed: bool = field(default=False, compare=False)
    replayed: bool = field(default=False, compare=False)


def close_as_reported(
    session: Session, report: CompletionReport, now: datetime, policy: Policy, *, sanitised: bool
) -> int:
    """End the ``active`` session as reported and return the credits to charge: none for a
    failure (INTERVIEW_FAILED unless the backend names its code); for a completion every
    started minute of the reported duration, counted at most up to ``ended_at − started_at +
    60 s`` and the budget. Any duration is accepted (api.md §2): the session keeps it
    saturated at what its column holds, the event exactly, and billing bounds it far below."""
    session.take_report(
        report.recording_s3_key,
        report.transcript_s3_key,
        report.interview_svc_session_id,
        report.feedback,
    )
    note = {"sanitised": True} if sanitised else {}
    if report.status is SessionStatus.FAILED:
        session.fail(now, report.error_code or INTERVIEW_FAILED, report.duration_sec, **note)
        return 0
    duration = report.duration_sec or 0
    budget = policy.max_interview_seconds
    billed = billable_seconds(duration, now - (session.started_at or now), budget)
    cost = interview_cost(billed, budget, policy.interview_credits_per_minute)
    session.complete(now, duration, billed, cost, **note)
    return cost
