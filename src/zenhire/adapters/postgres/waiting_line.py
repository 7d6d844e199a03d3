"""Postgres adapter for the FIFO waiting line and the client lock admissions take."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.statements import columns, lock, read, write
from zenhire.adapters.postgres.tables import clients
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.ports import WaitingLine

# FOR NO KEY UPDATE serialises every admission and count of the client just as well as FOR
# UPDATE, but does not conflict with the FOR KEY SHARE that a foreign-key check takes when a
# row referencing the client is inserted (FOR UPDATE did, and deadlocked).
LOCK_CLIENT: Final = lock(f"SELECT {columns(clients)} FROM clients WHERE id = $1 FOR NO KEY UPDATE")
# After the lock: the live count (partial index ``ix_sessions_live``) and the line in one
# round trip — one row per waiter, or one row of NULLs when the line is empty; every row
# carries the count.
LIVE_AND_LINE: Final = read("""
SELECT (SELECT count(*) FROM sessions WHERE client_id = $1 AND status = 'active') AS live,
       w.client_id, w.session_id, w.enqueued_at, w.last_seen_at
FROM (SELECT 1) AS one
LEFT JOIN waiters AS w ON w.client_id = $1
ORDER BY w.seq
""")
UPSERT: Final = write(
    "INSERT INTO waiters (session_id, client_id, enqueued_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (session_id) DO UPDATE SET last_seen_at = excluded.last_seen_at"
)
REMOVE: Final = write("DELETE FROM waiters WHERE client_id = $1 AND session_id = ANY($2::uuid[])")
DROP_STALE: Final = write("""
DELETE FROM waiters WHERE session_id IN (
    SELECT session_id FROM waiters WHERE last_seen_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
)""")


class PostgresWaitingLine(WaitingLine):
    """The line lives in ``waiters``; admissions of one client serialise on its ``clients`` row.

    ``lock`` takes ``SELECT … FOR NO KEY UPDATE`` on the client row: every process and host that
    admits for this client queues on that one row lock until the holder commits. The live
    count is then read fresh (READ COMMITTED takes a new snapshot per statement), so it sees
    every admission committed before the lock was granted. Ending a session needs no client
    lock: a completion not yet committed is still counted, which errs on the side of the cap.
    """

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def lock(self, client_id: ClientId) -> LineState | None:
        locked = await self.tx.fetchrow(LOCK_CLIENT, client_id)
        if locked is None:
            return None
        found = await self.tx.fetch(LIVE_AND_LINE, client_id)
        line = tuple(
            Waiter(
                ClientId(r["client_id"]),
                SessionId(r["session_id"]),
                r["enqueued_at"],
                r["last_seen_at"],
            )
            for r in found
            if r["session_id"] is not None
        )
        return LineState(client=rows.client(locked), live=int(found[0]["live"]), waiters=line)

    async def upsert(self, waiter: Waiter) -> None:
        self.tx.stage(
            UPSERT, waiter.session_id, waiter.client_id, waiter.enqueued_at, waiter.last_seen_at
        )

    async def remove(self, client_id: ClientId, session_ids: Sequence[SessionId]) -> None:
        if session_ids:
            self.tx.stage(REMOVE, client_id, list(session_ids))

    async def drop_stale(self, before: datetime, limit: int) -> int:
        return await self.tx.execute(DROP_STALE, before, limit)
