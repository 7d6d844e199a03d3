"""Spend one request of an API key's per-minute budget."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors.auth import RateLimitExceededError
from zenhire.domain.model.clients import ApiKey
from zenhire.domain.model.rate_limits import RateDecision, decide, window_start
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.rate_counter import RateCounter


@dataclass(frozen=True, slots=True, kw_only=True)
class SpendRequestBudget:
    """Count this request against the key's fixed one-minute window.

    Over ``rate_limit_per_minute`` → RATE_LIMIT_EXCEEDED (retry after the window resets).
    The count is shared by every process, so the budget holds however many serve it.
    """

    counter: RateCounter
    clock: Clock

    async def __call__(self, key: ApiKey) -> RateDecision:
        now = self.clock.now()
        used = await self.counter.hit(key.id, window_start(now))
        decision = decide(key.rate_limit_per_minute, used, now)
        if not decision.allowed:
            raise RateLimitExceededError(decision.reset_seconds)
        return decision
