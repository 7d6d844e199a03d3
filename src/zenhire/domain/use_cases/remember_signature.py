"""Remember accepted S2S signatures, so a request seen once cannot act on another path."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors.auth import SignatureReusedError
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.seen_signatures import SeenSignatures
from zenhire.domain.signatures import REMEMBER_FOR, VerifiedSignature
from zenhire.domain.use_cases.forget_signatures import ForgetSignatures

__all__ = ["REMEMBER_FOR", "ForgetSignatures", "RememberSignature"]


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
