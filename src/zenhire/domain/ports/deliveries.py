"""Completion deliveries already recorded, per session (a retried delivery answers again)."""

from __future__ import annotations

from typing import Protocol

from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.ids import SessionId


class Deliveries(Protocol):
    async def get(self, session_id: SessionId, delivery_id: str) -> Delivery | None:
        """The delivery recorded for this session under ``delivery_id``, or None. No lock
        (the caller holds the session's row lock)."""
        ...

    async def add(self, delivery: Delivery) -> None:
        """Record the delivery with the answer it got. No lock beyond the row written."""
        ...
