"""Postgres adapter for the FIFO waiting line and the client lock admissions take."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.statements import write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.ports import WaitingLine

# The admission lock and what it guards, in one statement: the client row (FOR NO KEY
# UPDATE, which serialises admissions but lets foreign-key checks through), its live count
# and its line — one row per waiter, or one row of NULLs when the line is empty; every row
# carries the client and the count — all read after the lock was granted. One plain
# statement cannot do that (it reads with the snapshot it started with, before it waited),
# so the function ``admission_state`` (migration 0011) does: each of its statements takes a
# new snapshot.
LOCK_AND_READ: Final = write(
    "SELECT (client).*, live, session_id, enqueued_at, last_seen_at FROM admission_state($1)"
)
UPSERT: Final = write(
    "INSERT INTO waiters (session_id, client_id, enqueued_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (session_id) DO UPDATE SET last_seen_at = excluded.last_seen_at"
)
# A waiter removed earlier in the same transaction joins again at the end (the removal and
# this write may go as one statement, where the removal would not be seen: so the row is
# renewed in place, new arrival time and a new place in arrival order).
REJOIN: Final = write(
    "INSERT INTO waiters (session_id, client_id, enqueued_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4)"
    " ON CONFLICT (session_id) DO UPDATE SET enqueued_at = excluded.enqueued_at,"
    " last_seen_at = excluded.last_seen_at, seq = DEFAULT"
)
REMOVE: Final = write("DELETE FROM waiters WHERE client_id = $1 AND session_id = ANY($2::uuid[])")
DROP_STALE: Final = write("""
DELETE FROM waiters WHERE session_id IN (
    SELECT session_id FROM waiters WHERE last_seen_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
)""")


class PostgresWaitingLine(WaitingLine):
    """The line lives in ``waiters``; admissions of one client serialise on its ``clients`` row.

    ``lock`` takes ``FOR NO KEY UPDATE`` on the client row: every process and host that admits
    for this client queues on that one row lock until the holder commits. The live count and
    the line are read after the lock, in the same statement (``LOCK_AND_READ``), so they see
    every admission committed before the lock was granted. The admission's writes then go as
    one statement, then the COMMIT: the client row is held for two round trips. Ending a
    session needs no client lock: a completion not yet committed is still counted, which errs
    on the side of the cap.
    """

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self._removed: set[SessionId] = set()

    async def lock(self, client_id: ClientId) -> LineState | None:
        found = await self.tx.fetch(LOCK_AND_READ, client_id)
        if not found:
            return None
        # Whatever the admission then writes (the session, the line) goes as one statement.
        self.tx.merge_writes()
        line = tuple(
            Waiter(client_id, SessionId(r["session_id"]), r["enqueued_at"], r["last_seen_at"])
            for r in found
            if r["session_id"] is not None
        )
        return LineState(client=rows.client(found[0]), live=int(found[0]["live"]), waiters=line)

    async def upsert(self, waiter: Waiter) -> None:
        statement = REJOIN if waiter.session_id in self._removed else UPSERT
        self.tx.stage(
            statement, waiter.session_id, waiter.client_id, waiter.enqueued_at, waiter.last_seen_at
        )

    async def remove(self, client_id: ClientId, session_ids: Sequence[SessionId]) -> None:
        if session_ids:
            self._removed.update(session_ids)
            self.tx.stage(REMOVE, client_id, list(session_ids))

    async def drop_stale(self, before: datetime, limit: int) -> int:
        return await self.tx.execute(DROP_STALE, before, limit)
