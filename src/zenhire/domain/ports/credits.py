"""The credit ledger: the balance always equals the sum of a client's rows."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.pagination import SeqPageRequest


class Credits(Protocol):
    async def balance(self, client_id: ClientId) -> int:
        """The client's balance (= the sum of its ledger rows); 0 for an unknown client.
        No lock."""
        ...

    async def post(
        self,
        *,
        entry_id: UUID,
        client_id: ClientId,
        kind: LedgerKind,
        amount: int,
        session_id: SessionId | None,
        reason: str | None,
        now: datetime,
    ) -> LedgerEntry:
        """Append one row and move the balance by ``amount`` atomically; row-locks the client
        until the unit of work ends, and the row's ``seq`` is the client's next one, taken
        under that lock."""
        ...

    async def recent(self, client_id: ClientId, limit: int) -> list[LedgerEntry]:
        """At most ``limit`` rows, newest ``seq`` first. No lock."""
        ...

    async def list(
        self, client_id: ClientId, kind: LedgerKind | None, page: SeqPageRequest
    ) -> list[LedgerEntry]:
        """The client's rows (of ``kind`` if given), newest ``seq`` first, below
        ``page.after``, at most ``page.limit + 1``. No lock."""
        ...
