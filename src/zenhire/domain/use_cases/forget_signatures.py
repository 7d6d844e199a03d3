"""Forget S2S signatures remembered for longer than twice the window."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.seen_signatures import SeenSignatures
from zenhire.domain.signatures import REMEMBER_FOR
from zenhire.domain.use_cases.batches import in_batches


@dataclass(frozen=True, slots=True, kw_only=True)
class ForgetSignatures:
    """Forget signatures remembered for longer than twice the window, in bounded batches of
    ``policy.sweep_batch_size``; return how many were forgotten."""

    seen: SeenSignatures
    clock: Clock
    policy: Policy

    async def __call__(self) -> int:
        cutoff = self.clock.now() - REMEMBER_FOR
        return await in_batches(
            lambda size: self.seen.forget(cutoff, size), self.policy.sweep_batch_size
        )
