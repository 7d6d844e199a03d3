"""A session's audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from zenhire.domain.model.ids import SessionId


class EventType(StrEnum):
    CREATED = "created"
    QUEUED = "queued"
    ADMITTED = "admitted"
    RECONNECTED = "reconnected"
    COMPLETED = "completed"
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    LINK_EXPIRED = "link_expired"
    REINVITED = "reinvited"


@dataclass(frozen=True, slots=True)
class SessionEvent:
    """One audit entry; ``data`` is a small JSON-able object and never holds a secret."""

    session_id: SessionId
    type: EventType
    at: datetime
    data: dict[str, Any] = field(default_factory=dict)
