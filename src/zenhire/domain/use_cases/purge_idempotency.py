"""Forget idempotency keys once their 24 hours are over."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.idempotency import REMEMBER_FOR
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.idempotency_keys import IdempotencyKeys
from zenhire.domain.use_cases.batches import in_batches


@dataclass(frozen=True, slots=True, kw_only=True)
class PurgeIdempotencyKeys:
    """Delete the idempotency keys (and the answers they keep, up to 64 KiB each) older than
    24 hours; return how many. Each batch of at most ``policy.sweep_batch_size`` keys is its
    own short transaction, so a backlog of millions never makes one giant delete; keys
    another process is purging or re-claiming are skipped. Safe to run on every instance."""

    keys: IdempotencyKeys
    clock: Clock
    policy: Policy

    async def __call__(self) -> int:
        cutoff = self.clock.now() - REMEMBER_FOR  # fixed, so the loop ends under a steady inflow
        return await in_batches(
            lambda size: self.keys.purge_expired(cutoff, size), self.policy.sweep_batch_size
        )
