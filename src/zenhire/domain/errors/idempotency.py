"""``Idempotency-Key`` replays (api.md §10.1)."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class IdempotencyKeyMismatchError(DomainError):
    code = "IDEMPOTENCY_KEY_MISMATCH"
    default_message = "This Idempotency-Key was used with a different method, path or body."


class IdempotencyInProgressError(DomainError):
    code = "IDEMPOTENCY_IN_PROGRESS"
    default_message = "A request with this Idempotency-Key is still running; retry shortly."


class IdempotencyKeyUsedError(DomainError):
    code = "IDEMPOTENCY_KEY_USED"
    default_message = "The session created with this Idempotency-Key has moved on."

    def __init__(self, session_id: str) -> None:
        super().__init__(None, {"session_id": session_id})
