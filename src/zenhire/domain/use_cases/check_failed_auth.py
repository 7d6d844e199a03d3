"""Refuse a caller with too many failed authentication attempts (api.md §10.2)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors.auth import TooManyFailedAttemptsError
from zenhire.domain.model.failed_auth import caller_bucket
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.failed_auth import FailedAuthCounter


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckFailedAuth:
    """Refuse a caller that has ``failed_auth_limit_per_minute`` failed attempts in its
    current window → TOO_MANY_FAILED_ATTEMPTS, retry after the window ends (60 s after its
    first failure). Runs before any key or token is looked at, so a refused caller learns
    nothing and costs no lookup; a successful request does not reset the count; a limit of 0
    turns the throttle off. IPv6 callers count per /64."""

    counter: FailedAuthCounter
    clock: Clock
    policy: Policy

    async def __call__(self, caller: str | None) -> None:
        limit = self.policy.failed_auth_limit_per_minute
        if limit <= 0:
            return
        now = self.clock.now()
        window = await self.counter.window(caller_bucket(caller), now)
        if window is not None and (retry := window.retry_after(now, limit)) is not None:
            raise TooManyFailedAttemptsError(retry)
