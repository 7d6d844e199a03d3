"""Count one failed authentication attempt against its caller (api.md §10.2)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.failed_auth import caller_bucket
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.failed_auth import FailedAuthCounter


@dataclass(frozen=True, slots=True, kw_only=True)
class CountFailedAuth:
    """Count one failed attempt (an invalid or expired API key, a wrong admin token)
    against the caller, in a count every process shares."""

    counter: FailedAuthCounter
    clock: Clock
    policy: Policy

    async def __call__(self, caller: str | None) -> None:
        if self.policy.failed_auth_limit_per_minute > 0:
            await self.counter.record(caller_bucket(caller), self.clock.now())
