"""S2S signatures accepted recently, with the path each was accepted on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class SeenSignatures(Protocol):
    """Shared by every process and kept outside the unit of work: an entry is visible to
    every process at once and survives the request's rollback."""

    async def remember(
        self, digests: Sequence[bytes], path: str, now: datetime, forget_before: datetime
    ) -> dict[bytes, str]:
        """Record each digest as accepted on ``path`` at ``now`` unless it is remembered
        already (an entry accepted before ``forget_before`` counts as absent and is replaced);
        return, per digest, the path it is remembered on. Of concurrent calls with one digest,
        in any process, exactly one records its path; the others get that path back."""
        ...

    async def forget(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` entries accepted before ``before``, skipping rows another
        transaction holds; return how many."""
        ...
