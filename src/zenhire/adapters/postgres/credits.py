"""Postgres adapter for credits: the balance on the client row and the ledger beside it."""

from __future__ import annotations

from datetime import datetime
from typing import Final
from uuid import UUID

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import columns, read, write
from zenhire.adapters.postgres.tables import ledger_entries
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.ids import ClientId, LedgerEntryId, SessionId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.pagination import SeqPageRequest
from zenhire.domain.ports import Credits

_COLUMNS: Final = columns(ledger_entries)
BALANCE: Final = read("SELECT balance FROM clients WHERE id = $1")
# The balance move and the ledger row it numbers, as one statement: the UPDATE takes the
# client row's lock and reads its newest version, so ``seq`` order is commit order; nothing
# else runs while the lock is held, so a charge holds the client row for this statement and
# the COMMIT after it (docs/locking.md).
POST: Final = write(f"""
WITH moved AS (
    UPDATE clients SET balance = balance + $4, ledger_seq = ledger_seq + 1 WHERE id = $2
    RETURNING balance, ledger_seq
)
INSERT INTO ledger_entries ({_COLUMNS})
SELECT $1, $2, $3, $4, moved.balance, $5, $6, $7, moved.ledger_seq FROM moved
RETURNING balance_after, seq
""")
RECENT: Final = read(
    f"SELECT {_COLUMNS} FROM ledger_entries WHERE client_id = $1 ORDER BY seq DESC LIMIT $2"
)
PAGE: Final = Filters(
    f"SELECT {_COLUMNS} FROM ledger_entries WHERE client_id = $1",
    "ORDER BY seq DESC LIMIT {}",
    kind="kind = {}",
    after="seq < {}",
)


class PostgresCredits(Credits):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def balance(self, client_id: ClientId) -> int:
        row = await self.tx.fetchrow(BALANCE, client_id)
        return 0 if row is None else int(row["balance"])

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
        """Moves the balance, takes the next ``seq`` and appends the row, in one statement
        (``POST``): the client row is locked from here to the commit."""
        posted = await self.tx.fetchrow(
            POST, entry_id, client_id, kind.value, amount, session_id, reason, now
        )
        assert posted is not None  # noqa: S101  # ledger rows are only posted for known clients
        balance, seq = int(posted["balance_after"]), int(posted["seq"])
        return LedgerEntry(
            LedgerEntryId(entry_id), client_id, kind, amount, balance, session_id, reason, now, seq
        )

    async def recent(self, client_id: ClientId, limit: int) -> list[LedgerEntry]:
        return [rows.ledger_entry(r) for r in await self.tx.fetch(RECENT, client_id, limit)]

    async def list(
        self, client_id: ClientId, kind: LedgerKind | None, page: SeqPageRequest
    ) -> list[LedgerEntry]:
        query = PAGE.query(client_id)
        if kind is not None:
            query.where("kind", kind.value)
        if page.after is not None:
            query.where("after", page.after.seq)
        statement, args = query.finish(page.limit + 1)
        return [rows.ledger_entry(r) for r in await self.tx.fetch(statement, *args)]
