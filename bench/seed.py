"""Bench data, written straight into a migrated database (set-based SQL and COPY).

100 clients, each with one API key, five personas and 10,000 sessions (1,000,000 in all),
plus sessions whose raw tokens or ids the load files need: initiated links to admit, live
interviews to complete, overdue interviews for the sweeper.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import asyncpg

BALANCE = 10**12
CAP = 10**6
RATE_LIMIT = 10**9


@dataclass
class Tenant:
    client_id: uuid.UUID
    key: str = field(repr=False)
    personas: list[uuid.UUID]


@dataclass
class Seeded:
    tenants: list[Tenant]
    session_ids: list[tuple[int, uuid.UUID]]  # (tenant index, a session of that tenant)


async def tenants(conn: asyncpg.Connection, count: int, personas_each: int) -> list[Tenant]:
    now = datetime.now(UTC)
    out: list[Tenant] = []
    for i in range(count):
        client_id, key = uuid.uuid4(), "zh_api_" + secrets.token_urlsafe(32)
        await conn.execute(
            "INSERT INTO clients VALUES ($1, $2, true, '{interview}', $3, $4, $5, 1)",
            client_id,
            f"bench {i}",
            CAP,
            BALANCE,
            now,
        )
        await conn.execute(
            "INSERT INTO ledger_entries (id, client_id, kind, amount, balance_after, reason,"
            " created_at, seq) VALUES ($1, $2, 'grant', $3, $3, 'bench', $4, 1)",
            uuid.uuid4(),
            client_id,
            BALANCE,
            now,
        )
        await conn.execute(
            "INSERT INTO api_keys (id, client_id, digest, prefix, allowed_ips,"
            " rate_limit_per_minute, created_at) VALUES ($1, $2, $3, $4, '{}', $5, $6)",
            uuid.uuid4(),
            client_id,
            hashlib.sha256(key.encode()).digest(),
            key[:15],
            RATE_LIMIT,
            now,
        )
        persona_ids = [uuid.uuid4() for _ in range(personas_each)]
        await conn.executemany(
            "INSERT INTO personas VALUES ($1, $2, 'Backend engineer', 'en',"
            " 'You interview backend engineers.', NULL, 'active', $3, $3)",
            [(p, client_id, now) for p in persona_ids],
        )
        out.append(Tenant(client_id, key, persona_ids))
    return out


async def history(conn: asyncpg.Connection, per_client: int) -> None:
    """``per_client`` finished or pending sessions per client, spread over the last 90 days."""
    await conn.execute(
        """
        INSERT INTO sessions (id, client_id, persona_id, candidate_ref, consent_mode, tags,
                              token_digest, expires_at, created_at, status, error_code, source,
                              invite_count, started_at, ended_at, completed_at, duration_sec,
                              credit_charged)
        SELECT gen_random_uuid(), p.client_id, p.id, 'cand-' || g,
               'explicit', ARRAY['batch-' || (g % 7)],
               sha256(convert_to(p.id::text || ':' || g, 'UTF8')),
               t.created + interval '7 days', t.created,
               t.status, CASE WHEN t.status = 'failed' THEN 'LINK_EXPIRED' END, 'requests', 1,
               CASE WHEN t.status = 'completed' THEN t.created + interval '1 hour' END,
               CASE WHEN t.status <> 'initiated' THEN t.created + interval '2 hours' END,
               CASE WHEN t.status = 'completed' THEN t.created + interval '2 hours' END,
               CASE WHEN t.status = 'completed' THEN 1800 END,
               CASE WHEN t.status = 'completed' THEN 30 END
        FROM personas p
        CROSS JOIN generate_series(1, $1::int) AS g
        CROSS JOIN LATERAL (
            SELECT now() - (g * interval '90 days' / $1::int) AS created,
                   CASE WHEN g % 10 < 7 THEN 'completed'
                        WHEN g % 10 < 9 THEN 'failed'
                        ELSE 'initiated' END AS status
        ) t
        """,
        per_client // 5,
    )
    await conn.execute(
        # Pending links from the past must not expire under the benchmark's feet.
        "UPDATE sessions SET expires_at = now() + interval '7 days' WHERE status = 'initiated'"
    )
    await conn.execute("ANALYZE")


async def sample_sessions(
    conn: asyncpg.Connection, ts: list[Tenant], n: int
) -> list[tuple[int, uuid.UUID]]:
    index = {t.client_id: i for i, t in enumerate(ts)}
    rows = await conn.fetch("SELECT id, client_id FROM sessions TABLESAMPLE SYSTEM (5) LIMIT $1", n)
    return [(index[r["client_id"]], r["id"]) for r in rows if r["client_id"] in index]


# Columns every seeded session sets; live ones add started_at and deadline_at.
_SESSION_COLUMNS = [
    "id",
    "client_id",
    "persona_id",
    "consent_mode",
    "token_digest",
    "expires_at",
    "created_at",
    "status",
    "source",
    "invite_count",
]


async def pending_links(
    conn: asyncpg.Connection, ts: list[Tenant], n: int
) -> list[tuple[int, str]]:
    """``n`` initiated sessions round-robin over the tenants; returns their raw tokens."""
    now = datetime.now(UTC)
    tokens: list[tuple[int, str]] = []
    records = []
    for i in range(n):
        t = i % len(ts)
        raw = "zht_" + secrets.token_urlsafe(32)
        tokens.append((t, raw))
        records.append(
            (
                uuid.uuid4(),
                ts[t].client_id,
                ts[t].personas[i % len(ts[t].personas)],
                "explicit",
                hashlib.sha256(raw.encode()).digest(),
                now + timedelta(days=7),
                now,
                "initiated",
                "requests",
                1,
            )
        )
    await conn.copy_records_to_table("sessions", records=records, columns=_SESSION_COLUMNS)
    return tokens


async def live_interviews(
    conn: asyncpg.Connection, ts: list[Tenant], n: int, *, deadline_in: timedelta
) -> list[uuid.UUID]:
    """``n`` active sessions (deadline ``now + deadline_in``, which may be in the past)."""
    now = datetime.now(UTC)
    ids = [uuid.uuid4() for _ in range(n)]
    records = [
        (
            sid,
            ts[i % len(ts)].client_id,
            ts[i % len(ts)].personas[0],
            "explicit",
            secrets.token_bytes(32),
            now + timedelta(days=7),
            now - timedelta(minutes=5),
            "active",
            "requests",
            1,
            now - timedelta(minutes=4),
            now + deadline_in,
        )
        for i, sid in enumerate(ids)
    ]
    await conn.copy_records_to_table(
        "sessions", records=records, columns=[*_SESSION_COLUMNS, "started_at", "deadline_at"]
    )
    return ids
