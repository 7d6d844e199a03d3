"""The two ceilings the service is measured against, served exactly as ``zenhire serve`` is.

(a) ``bare``: a Litestar handler answering a start-session-shaped 201 with no database.
(b) ``naive``: a hand-written asyncpg handler doing the naive start-session work in one
    transaction: look up key + client, look up the persona, insert the session.

Usage: python bench/ceilings.py bare|naive   (reads ZENHIRE_* like the service)
"""

from __future__ import annotations

import hashlib
import secrets
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from litestar import Litestar, Request, get, post

from zenhire.entrypoints.serve import run_server
from zenhire.entrypoints.settings import Settings, load_settings

LINK_TTL = timedelta(days=7)
_PATH = "/api/v1/interview/personas/{persona_id:uuid}/sessions"


def _body(session_id: uuid.UUID, token: str, expires_at: datetime) -> dict[str, Any]:
    return {
        "id": str(session_id),
        "session_id": str(session_id),
        "status": "initiated",
        "candidate_link": f"https://interview.example/c#t={token}",
        "expires_in": int(LINK_TTL.total_seconds()),
        "expires_at": expires_at.isoformat().replace("+00:00", "Z"),
    }


@get("/ready")
async def ready() -> dict[str, str]:
    return {"status": "ready"}


@post(_PATH, status_code=201)
async def bare(persona_id: uuid.UUID) -> dict[str, Any]:
    now = datetime.now(UTC)
    return _body(uuid.uuid4(), "zht_" + secrets.token_urlsafe(32), now + LINK_TTL)


_KEY_AND_CLIENT = """
SELECT k.id, k.client_id, k.project_id, k.revoked_at, c.active, c.balance
FROM api_keys k JOIN clients c ON c.id = k.client_id WHERE k.digest = $1
"""
_PERSONA = "SELECT id, client_id, status FROM personas WHERE id = $1"
_INSERT = """
INSERT INTO sessions (id, client_id, persona_id, project_id, consent_mode, token_digest,
                      expires_at, created_at, status, source, invite_count)
VALUES ($1, $2, $3, $4, 'explicit', $5, $6, $7, 'initiated', 'requests', 1)
"""


def naive_app(settings: Settings) -> Litestar:
    pool: dict[str, asyncpg.Pool] = {}

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        url = (settings.database_url or "").replace("postgresql+asyncpg://", "postgresql://")
        pool["db"] = await asyncpg.create_pool(
            url,
            min_size=settings.db_pool_size,  # the same connections the service keeps
            max_size=settings.db_pool_size + settings.db_max_overflow,
        )
        yield
        await pool["db"].close()

    @post(_PATH, status_code=201)
    async def naive(persona_id: uuid.UUID, request: Request[Any, Any, Any]) -> dict[str, Any]:
        raw = request.headers.get("x-api-key", "")
        token = "zht_" + secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        async with pool["db"].acquire() as conn, conn.transaction():
            key = await conn.fetchrow(_KEY_AND_CLIENT, hashlib.sha256(raw.encode()).digest())
            persona = await conn.fetchrow(_PERSONA, persona_id)
            if key is None or persona is None or persona["client_id"] != key["client_id"]:
                raise ValueError("bench data is inconsistent")
            session_id = uuid.uuid4()
            await conn.execute(
                _INSERT,
                session_id,
                key["client_id"],
                persona_id,
                key["project_id"],
                hashlib.sha256(token.encode()).digest(),
                now + LINK_TTL,
                now,
            )
        return _body(session_id, token, now + LINK_TTL)

    return Litestar([naive, ready], lifespan=[lifespan])


def bare_app() -> Litestar:
    return Litestar([bare, ready])


def naive_from_env() -> Litestar:
    return naive_app(load_settings())


def main() -> None:
    factory = "bare_app" if sys.argv[1] == "bare" else "naive_from_env"
    # An import string, so ZENHIRE_WORKERS > 1 starts worker processes as the service does.
    run_server(f"ceilings:{factory}", load_settings(), factory=True)


if __name__ == "__main__":
    main()
