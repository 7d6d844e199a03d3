"""Forget the console's login-failure windows once they have ended."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.model import LOGIN_WINDOW
from zenhire.domain.console.ports import LoginFailures
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock
from zenhire.domain.use_cases.batches import in_batches


@dataclass(frozen=True, slots=True, kw_only=True)
class ForgetLoginFailures:
    """Forget every email's login-failure window that ended (began more than ``LOGIN_WINDOW``
    ago), in batches of at most ``policy.sweep_batch_size``, each committed on its own; return
    how many. An ended window no longer throttles anyone, so the email's next failure would
    start a new one all the same. Safe to run on every instance at once."""

    failures: LoginFailures
    clock: Clock
    policy: Policy

    async def __call__(self) -> int:
        cutoff = self.clock.now() - LOGIN_WINDOW  # fixed, so the loop ends under a steady inflow
        return await in_batches(
            lambda size: self.failures.prune(cutoff, size), self.policy.sweep_batch_size
        )
