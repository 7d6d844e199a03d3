"""Remembered outcomes of requests sent with an ``Idempotency-Key``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from zenhire.domain.model.ids import ClientId, SessionId

REMEMBER_FOR: Final = timedelta(hours=24)
# A claim still "running" after this long belonged to a process that died; it may be retaken.
STALE_CLAIM_AFTER: Final = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """``body`` is kept only for responses without secrets; link responses keep ``session_id``."""

    client_id: ClientId
    key: str
    fingerprint: str
    running: bool
    status_code: int | None
    body: bytes | None
    session_id: SessionId | None
    created_at: datetime
