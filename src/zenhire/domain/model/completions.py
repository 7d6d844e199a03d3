"""What the interview backend reports when a call ends, and the answer it gets."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.session_values import Feedback, SessionStatus


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
