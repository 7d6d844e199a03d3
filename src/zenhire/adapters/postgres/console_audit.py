"""Postgres adapters for the console's audit trail and its overview figures."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import columns, read, write
from zenhire.adapters.postgres.tables import console_audit
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.console.model import AuditAction, AuditEntry
from zenhire.domain.console.ports import AuditLog, ConsoleStats, DayFigures
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest

_COLUMNS: Final = columns(console_audit)
ADD: Final = write(f"INSERT INTO console_audit ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)")
PAGE: Final = Filters(
    f"SELECT {_COLUMNS} FROM console_audit WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    after="(created_at, id) < ({}, {})",
)
# Each branch uses an index: (client_id, created_at), the partial completed/failed indexes,
# and the ledger's (client_id, created_at).
DAILY: Final = read("""
SELECT day, sum(created)::int AS created, sum(completed)::int AS completed,
       sum(failed)::int AS failed, sum(charged)::bigint AS credits_charged
FROM (
  SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS created,
         0 AS completed, 0 AS failed, 0 AS charged
  FROM sessions WHERE client_id = $1 AND created_at >= $2 GROUP BY 1
  UNION ALL
  SELECT (completed_at AT TIME ZONE 'UTC')::date, 0, count(*), 0, 0
  FROM sessions WHERE client_id = $1 AND status = 'completed' AND completed_at >= $2 GROUP BY 1
  UNION ALL
  SELECT (ended_at AT TIME ZONE 'UTC')::date, 0, 0, count(*), 0
  FROM sessions WHERE client_id = $1 AND status = 'failed' AND ended_at >= $2 GROUP BY 1
  UNION ALL
  SELECT (created_at AT TIME ZONE 'UTC')::date, 0, 0, 0, -sum(amount)
  FROM ledger_entries WHERE client_id = $1 AND kind = 'charge' AND created_at >= $2 GROUP BY 1
) AS figures
GROUP BY day ORDER BY day
""")
WAITING: Final = read("SELECT count(*) FROM waiters WHERE client_id = $1")


class PostgresAuditLog(AuditLog):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, entry: AuditEntry) -> None:
        self.tx.stage(
            ADD,
            entry.id,
            entry.client_id,
            entry.created_at,
            entry.actor,
            entry.action.value,
            entry.subject,
            entry.ip,
        )

    async def list(self, client_id: ClientId, page: PageRequest) -> list[AuditEntry]:
        query = PAGE.query(client_id)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [
            AuditEntry(
                id=r["id"],
                client_id=r["client_id"],
                created_at=r["created_at"],
                actor=r["actor"],
                action=AuditAction(r["action"]),
                subject=r["subject"],
                ip=r["ip"],
            )
            for r in await self.tx.fetch(statement, *args)
        ]


class PostgresConsoleStats(ConsoleStats):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def daily(self, client_id: ClientId, since: datetime) -> list[DayFigures]:
        return [
            DayFigures(
                r["day"], r["created"], r["completed"], r["failed"], int(r["credits_charged"])
            )
            for r in await self.tx.fetch(DAILY, client_id, since)
        ]

    async def waiting(self, client_id: ClientId) -> int:
        row = await self.tx.fetchrow(WAITING, client_id)
        return 0 if row is None else int(row[0])
