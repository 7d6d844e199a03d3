"""Plain SQL for the statements nearly every request runs, sent straight to asyncpg.

Column lists come from ``tables.py``, so these stay in step with the schema; values are always
``$n`` parameters. jsonb parameters are JSON text and come back decoded (the codec SQLAlchemy
installs on every connection).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final

import msgspec

from zenhire.adapters.postgres.tables import clients, personas, sessions
from zenhire.adapters.postgres.webhook_outbox import session_outbox
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import SessionFilter

_encoder = msgspec.json.Encoder()


def _cols(table: Any) -> str:
    return ", ".join(c.name for c in table.c)


SESSION_COLUMNS: Final = [c.name for c in sessions.c]
_S: Final = _cols(sessions)

# The window's first request also stamps the key's last use: one write per key and minute,
# in the same round trip (the UPDATE's condition on the count is checked before any scan).
RATE_HIT: Final = """
WITH hit AS (
    INSERT INTO rate_windows (key_id, window_start, count) VALUES ($1, $2, 1)
    ON CONFLICT (key_id, window_start) DO UPDATE SET count = rate_windows.count + 1
    RETURNING count
), used AS (
    UPDATE api_keys SET last_used_at = $2
    WHERE id = $1 AND (SELECT count FROM hit) = 1
      AND (last_used_at IS NULL OR last_used_at < $2)
)
SELECT count FROM hit
"""
PERSONA: Final = f"SELECT {_cols(personas)} FROM personas WHERE id = $1"
PERSONA_WITH_OWNER_BALANCE: Final = (
    f"SELECT {', '.join('p.' + c.name for c in personas.c)}, c.balance AS owner_balance"
    " FROM personas AS p JOIN clients AS c ON c.id = p.client_id WHERE p.id = $1"
)
BALANCE: Final = "SELECT balance FROM clients WHERE id = $1"
# The client row is taken FOR NO KEY UPDATE: it serialises every admission and count of the
# client just as well, but does not conflict with the FOR KEY SHARE that a foreign-key check
# takes when a row referencing the client is inserted (FOR UPDATE did, and deadlocked).
CLIENT_FOR_UPDATE: Final = f"SELECT {_cols(clients)} FROM clients WHERE id = $1 FOR NO KEY UPDATE"
SESSION: Final = f"SELECT {_S} FROM sessions WHERE id = $1"
SESSION_FOR_UPDATE: Final = SESSION + " FOR UPDATE"
PERSONA_COLUMNS: Final = [c.name for c in personas.c]
# The session locked (its persona is read, not locked), persona columns prefixed "p_".
SESSION_BY_TOKEN_FOR_UPDATE: Final = (
    f"SELECT {', '.join('s.' + c for c in SESSION_COLUMNS)},"
    f" {', '.join(f'p.{c} AS p_{c}' for c in PERSONA_COLUMNS)}"
    " FROM sessions AS s JOIN personas AS p ON p.id = s.persona_id"
    " WHERE s.token_digest = $1 FOR UPDATE OF s"
)
# The client's live interviews (partial index ``ix_sessions_live``).
LIVE_COUNT: Final = (
    "SELECT count(*) AS live FROM sessions WHERE client_id = $1 AND status = 'active'"
)
# After the client row is locked: the live count and the line in one round trip (one row per
# waiter, or one row of NULLs when the line is empty; every row carries the count).
LIVE_AND_LINE: Final = f"""
SELECT ({LIVE_COUNT}) AS live, w.client_id, w.session_id, w.enqueued_at, w.last_seen_at
FROM (SELECT 1) AS one
LEFT JOIN waiters AS w ON w.client_id = $1
ORDER BY w.seq
"""
# The row lock this UPDATE takes orders a client's ledger rows: the balance and the row's
# ``seq`` are both read from the newest row version, so ``seq`` order is commit order.
BALANCE_MOVE: Final = """
UPDATE clients SET balance = balance + $2, ledger_seq = ledger_seq + 1 WHERE id = $1
RETURNING balance, ledger_seq
"""
LEDGER_INSERT: Final = """
INSERT INTO ledger_entries (id, client_id, kind, amount, balance_after, session_id, reason,
                            created_at, seq)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""


def _close_due(status: str, due_column: str) -> str:
    """CTEs ``due`` (up to $2 sessions in ``status`` with ``due_column`` ≤ $1, skipping rows
    others hold) and ``closed`` (those set ``failed`` with error code $3 at $1, returning
    every session column and ``due_at``)."""
    return f"""
    due AS (
        SELECT id FROM sessions WHERE status = '{status}' AND {due_column} <= $1
        ORDER BY {due_column} LIMIT $2
        FOR UPDATE SKIP LOCKED
    ), closed AS (
        UPDATE sessions AS s SET status = 'failed', error_code = $3, ended_at = $1
        FROM due WHERE s.id = due.id
        RETURNING {", ".join("s." + c for c in SESSION_COLUMNS)}, s.{due_column} AS due_at
    )"""


# The sweeper's batches: claim, close and return in one statement, so a batch costs a few
# round trips whatever its size. Expired links also leave the waiting line.
TIME_OUT_OVERDUE: Final = f"WITH {_close_due('active', 'deadline_at')} SELECT * FROM closed"
EXPIRE_LINKS: Final = f"""WITH {_close_due("initiated", "expires_at")}, left_line AS (
    DELETE FROM waiters AS w USING closed WHERE w.session_id = closed.id
)
SELECT * FROM closed"""
# One event per session of a sweeper batch, in one statement whatever the batch size.
EVENTS_OF_MANY: Final = """
INSERT INTO session_events (session_id, type, at, data)
SELECT unnest($1::uuid[]), $2, $3, unnest($4::jsonb[])
"""
_JSONB_COLUMNS: Final = frozenset(c.name for c in sessions.c if c.type.__visit_name__ == "JSONB")


def json_text(value: Any) -> str | None:
    return None if value is None else _encoder.encode(value).decode()


@cache
def session_write(kind: str, events: int, webhooks: int = 0) -> str:
    """``INSERT`` (kind "insert") or ``UPDATE`` of every session column, then ``events`` event
    rows and ``webhooks`` outbox events (``webhook_outbox``), as one statement: ``$1…$n`` are
    the columns in ``SESSION_COLUMNS`` order, then four per event (session_id, type, at,
    data), then four per outbox event."""
    n = len(SESSION_COLUMNS)
    if kind == "insert":
        values = ", ".join(f"${i + 1}" for i in range(n))
        write = f"INSERT INTO sessions ({_S}) VALUES ({values})"
    else:
        sets = ", ".join(f"{c} = ${i + 1}" for i, c in enumerate(SESSION_COLUMNS) if c != "id")
        write = f"UPDATE sessions SET {sets} WHERE id = ${SESSION_COLUMNS.index('id') + 1}"
    if events == 0:
        return write
    rows = ", ".join(
        "(" + ", ".join(f"${n + 4 * e + k + 1}" for k in range(4)) + ")" for e in range(events)
    )
    audit = f"INSERT INTO session_events (session_id, type, at, data) VALUES {rows}"
    if webhooks == 0:
        return f"WITH written AS ({write}) {audit}"
    column = {c: SESSION_COLUMNS.index(c) + 1 for c in ("client_id", "id", "persona_id")}
    outbox = session_outbox(
        n + 4 * events + 1, webhooks, column["client_id"], column["id"], column["persona_id"]
    )
    return f"WITH written AS ({write}), audit AS ({audit}), {outbox}"


def session_args(values: dict[str, Any]) -> list[Any]:
    """Column values in ``SESSION_COLUMNS`` order, jsonb as JSON text."""
    return [json_text(values[c]) if c in _JSONB_COLUMNS else values[c] for c in SESSION_COLUMNS]


def session_page(where: SessionFilter, page: PageRequest) -> tuple[str, list[Any]]:
    """Newest-first keyset page of a client's sessions: SQL and its arguments."""
    args: list[Any] = [where.client_id]
    conditions = ["client_id = $1"]

    def condition(template: str, *values: Any) -> None:
        first = len(args) + 1
        args.extend(values)
        conditions.append(template.format(*(f"${first + i}" for i in range(len(values)))))

    if where.status is not None:
        condition("status = {}", where.status.value)
    if where.persona_id is not None:
        condition("persona_id = {}", where.persona_id)
    if where.project_id is not None:
        condition("project_id = {}", where.project_id)
    if where.candidate_ref is not None:
        condition("candidate_ref = {}", where.candidate_ref)
    if where.tags:
        condition("tags @> {}::text[]", list(where.tags))
    for key, value in where.metadata:
        condition("metadata ->> {} = {}", key, value)
    if where.created_after is not None:
        condition("created_at >= {}", where.created_after)
    if where.created_before is not None:
        condition("created_at < {}", where.created_before)
    if page.after is not None:
        condition("(created_at, id) < ({}, {})", page.after.created_at, page.after.id)
    args.append(page.limit + 1)
    sql = (
        f"SELECT {_S} FROM sessions WHERE {' AND '.join(conditions)}"
        f" ORDER BY created_at DESC, id DESC LIMIT ${len(args)}"
    )
    return sql, args
