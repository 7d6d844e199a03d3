"""Completion deliveries remembered per session, so a retried delivery is answered the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import SessionStatus


@dataclass(frozen=True, slots=True)
class Delivery:
    session_id: SessionId
    delivery_id: str
    fingerprint: str
    status: SessionStatus
    charged: int
    created_at: datetime
