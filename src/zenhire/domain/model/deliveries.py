"""Completion deliveries remembered per session, so a retried delivery is answered the same."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from zenhire.domain.errors.sessions import DeliveryConflictError
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

    def ensure_same(self, fingerprint: str) -> None:
        """DELIVERY_CONFLICT when a ``delivery_id`` comes back with another body."""
        if fingerprint != self.fingerprint:
            raise DeliveryConflictError()
