"""Postgres adapter for the FIFO waiting line and the client lock admissions take."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.statements import Statement, read, write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.ports import WaitingLine

# What an admission decides on, without a lock, in one snapshot: the client row with its
# ``admission_seq`` (raised by every admission and hold-off), its live count and its line —
# one row per waiter in arrival order, or one row of NULLs when the line is empty.
READ_STATE: Final = read("""
SELECT c.*, l.live,
       w.session_id, w.enqueued_at, w.last_seen_at
FROM clients AS c
CROSS JOIN LATERAL (SELECT count(*) AS live FROM sessions AS s
                    WHERE s.client_id = c.id AND s.status = 'active') AS l
LEFT JOIN waiters AS w ON w.client_id = c.id
WHERE c.id = $1
ORDER BY w.seq
""")
# Sent with the admission's writes, as one statement: takes the client row and raises
# ``admission_seq`` — or fails the whole statement with SQLSTATE ZH409 (migration 0012) if
# the row is held by another transaction (rather than wait for it and then lose), if another
# admission or hold-off committed since the read, or if the client no longer admits as read:
# active, permissions and cap unchanged ($3, $4, $5), the balance not below the minimum ($6).
# A charge that leaves the balance at or above the minimum does not fail it.
GUARD: Final = write(
    "UPDATE clients SET admission_seq = admission_seq + 1"
    " WHERE id = $1 AND admission_unchanged(id, $1, $2, admission_seq,"
    " active = $3 AND permissions = $4::text[] AND max_concurrent_interviews = $5"
    " AND balance >= $6)"
)
# The same raise by an admission that took the row with ``LOCK_AND_READ``.
BUMP: Final = write("UPDATE clients SET admission_seq = admission_seq + 1 WHERE id = $1")
# The admission lock and what it guards, in one statement: the client row (FOR NO KEY
# UPDATE, which serialises admissions but lets foreign-key checks through), its live count
# and its line, read after the lock was granted. One plain statement cannot do that (it
# reads with the snapshot it started with, before it waited), so the function
# ``admission_state`` (migration 0011) does: each of its statements takes a new snapshot.
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

    ``read`` reads the state without a lock and stages ``GUARD`` first among the admission's
    writes, which then go as one statement (``merged``) followed by the COMMIT: the client
    row is taken by that statement and held for one round trip; a row held by another, or a
    state changed since the read, fails the statement (``AdmissionStateChangedError``)
    before anything lands.
    ``lock`` takes the row first (``LOCK_AND_READ``, ``FOR NO KEY UPDATE``) and holds it for
    two round trips; it stages ``BUMP`` so that admissions that read before it fail. Either
    way one admission of a client commits at a time, on the state the one before it left.
    Ending a session needs no client row: a completion not yet seen is still counted, which
    errs on the side of the cap.
    """

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx
        self._removed: set[SessionId] = set()

    async def read(self, client_id: ClientId, minimum_credits: int) -> LineState | None:
        found = await self.tx.fetch(READ_STATE, client_id)
        if found:
            row = found[0]
            self._writes_after(
                GUARD,
                client_id,
                row["admission_seq"],
                row["active"],
                row["permissions"],
                row["max_concurrent_interviews"],
                minimum_credits,
            )
        return self._state(found)

    async def lock(self, client_id: ClientId) -> LineState | None:
        found = await self.tx.fetch(LOCK_AND_READ, client_id)
        if found:
            self._writes_after(BUMP, client_id)
        return self._state(found)

    def _writes_after(self, first: Statement, *args: Any) -> None:
        """The admission's writes, ``first`` ahead, go as one statement."""
        self.tx.merge_writes()
        self.tx.stage(first, *args)

    def _state(self, found: list[Any]) -> LineState | None:
        """The state read in ``found`` (None: no such client); a new admission begins."""
        self._removed = set()
        if not found:
            return None
        client_id = ClientId(found[0]["id"])
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
