"""Remember accepted S2S signatures, so a request seen once cannot act on another path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from zenhire.domain.errors import SignatureReusedError
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, SeenSignatures
from zenhire.domain.signatures import REMEMBER_SECONDS, VerifiedSignature

REMEMBER_FOR: Final = timedelta(seconds=REMEMBER_SECONDS)


@dataclass(frozen=True, slots=True, kw_only=True)
class RememberSignature:
    """Record a verified signature with the path it was accepted on (api.md §6.3).

    Every accepted signature is remembered for twice the signature window, by every process
    alike. The same signature already accepted on another path → SIGNATURE_REUSED, and the
    request has no other effect; on the same path the request goes on and is answered as a
    repeat of the first (verify by the session's current state, completion as a repeated
    delivery). Of two requests racing with one signature on two paths, in any processes,
    exactly one goes on. Call it only after the signature verified: a bad signature costs no
    store work.
    """

    seen: SeenSignatures
    clock: Clock

    async def __call__(self, signature: VerifiedSignature, path: str) -> None:
        now = self.clock.now()
        paths = await self.seen.remember(signature.digests, path, now, now - REMEMBER_FOR)
        if paths[signature.deciding] != path:
            raise SignatureReusedError()


@dataclass(frozen=True, slots=True, kw_only=True)
class ForgetSignatures:
    """Forget signatures remembered for longer than twice the window, in bounded batches of
    ``policy.sweep_batch_size``; return how many were forgotten."""

    seen: SeenSignatures
    clock: Clock
    policy: Policy

    async def __call__(self) -> int:
        forgotten = 0
        while True:
            count = await self.seen.forget(
                self.clock.now() - REMEMBER_FOR, self.policy.sweep_batch_size
            )
            forgotten += count
            if count < self.policy.sweep_batch_size:
                return forgotten
