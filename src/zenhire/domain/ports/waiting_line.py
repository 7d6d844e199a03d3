"""A client's FIFO line of candidates held off at its concurrency cap."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.ids import ClientId, SessionId


class WaitingLine(Protocol):
    async def read(self, client_id: ClientId, minimum_credits: int) -> LineState | None:
        """The client with its live count and line as of now, or None if unknown, without
        waiting for other admissions. The writes of the unit of work that follow commit only
        if, at commit, no other admission or hold-off of the client has committed since this
        read or is being written, and the client still admits as read (active, permissions
        and cap unchanged, balance not below ``minimum_credits``); else ``commit`` raises
        ``AdmissionStateChangedError`` and nothing is written. A charge that leaves the
        balance at or above the minimum, or a session that ended, does not refuse them (an
        ended session was counted live a moment longer, which errs on the side of the cap)."""
        ...

    async def lock(self, client_id: ClientId) -> LineState | None:
        """Serialise admissions of this client until the unit of work ends (locks the
        client's row); return the client as locked with its live count and line (read after
        the lock), or None if unknown. For an admission that lost ``read``'s race too often:
        it waits for the others instead of deciding beside them."""
        ...

    async def upsert(self, waiter: Waiter) -> None:
        """Add the waiter, or refresh its ``last_seen_at`` keeping ``enqueued_at``."""
        ...

    async def remove(self, client_id: ClientId, session_ids: Sequence[SessionId]) -> None:
        """Take these sessions out of the client's line (absent ones are ignored)."""
        ...

    async def drop_stale(self, before: datetime, limit: int) -> int:
        """Remove up to ``limit`` waiters last seen before ``before``, skipping rows another
        transaction holds; return how many."""
        ...
