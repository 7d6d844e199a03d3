"""Remembered outcomes of requests sent with an ``Idempotency-Key``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, NewType

from zenhire.domain.errors.idempotency import (
    IdempotencyInProgressError,
    IdempotencyKeyMismatchError,
)
from zenhire.domain.model.ids import ClientId, SessionId

# Whose key it is: the same key sent by two callers names two different requests.
IdempotencyScope = NewType("IdempotencyScope", str)
ADMIN_SCOPE: Final = IdempotencyScope("admin")  # the operator (the admin token)


def client_scope(client_id: ClientId) -> IdempotencyScope:
    """The scope of the keys an integrator's client sends."""
    return IdempotencyScope(f"client:{client_id}")


REMEMBER_FOR: Final = timedelta(hours=24)
# A running claim is a lease its process renews every CLAIM_RENEW_EVERY while the request
# runs; one not renewed for CLAIM_LEASE belonged to a process that died (or stopped) and may
# be retaken. While a claim runs, ``created_at`` is its last renewal.
CLAIM_LEASE: Final = timedelta(seconds=6)
CLAIM_RENEW_EVERY: Final = timedelta(seconds=2)


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """``body`` is kept only for responses without secrets; link responses keep ``session_id``."""

    scope: IdempotencyScope
    key: str
    fingerprint: str
    running: bool
    status_code: int | None
    body: bytes | None
    session_id: SessionId | None
    created_at: datetime

    def ensure_replayable(self, fingerprint: str) -> None:
        """The same key with another method, path or body → IDEMPOTENCY_KEY_MISMATCH; while
        the first request still runs → IDEMPOTENCY_IN_PROGRESS."""
        if fingerprint != self.fingerprint:
            raise IdempotencyKeyMismatchError()
        if self.running:
            raise IdempotencyInProgressError()
