"""The engine (SQLAlchemy pools and connects; statements go to asyncpg, see ``transaction``),
the request's pooled connection, and which failures are storage outages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from zenhire.adapters.postgres.faults import is_transient
from zenhire.domain.errors import DomainError, StorageUnavailableError


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineOptions:
    pool_size: int = 20
    max_overflow: int = 0
    pool_timeout_seconds: float = 5.0
    statement_timeout_ms: int = 5_000
    lock_timeout_ms: int = 2_000
    idle_in_transaction_timeout_ms: int = 10_000
    connect_timeout_seconds: float = 5.0


def async_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` URLs; always drive them with asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgres+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def make_engine(url: str, options: EngineOptions) -> AsyncEngine:
    """A pooled engine whose every connection carries server-side timeouts."""
    return create_async_engine(
        async_url(url),
        pool_size=options.pool_size,
        max_overflow=options.max_overflow,
        pool_timeout=options.pool_timeout_seconds,
        # No ping per checkout (a round trip on every request): a connection found dead fails
        # its one request with STORAGE_UNAVAILABLE, and SQLAlchemy then discards every pooled
        # connection opened before the failure, so the service recovers on the next request.
        pool_pre_ping=False,
        hide_parameters=True,  # digests and keys never reach logs or error messages
        connect_args={
            "timeout": options.connect_timeout_seconds,
            "server_settings": {
                "statement_timeout": str(options.statement_timeout_ms),
                "lock_timeout": str(options.lock_timeout_ms),
                "idle_in_transaction_session_timeout": str(options.idle_in_transaction_timeout_ms),
                "application_name": "zenhire",
            },
        },
    )


def translate(error: BaseException) -> DomainError | None:
    """The domain error an infrastructure failure stands for, or None if it is a bug: every
    condition that may pass by itself (see ``faults``) is STORAGE_UNAVAILABLE."""
    return StorageUnavailableError() if is_transient(error) else None


@asynccontextmanager
async def request_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A pooled connection for one request; an unreachable database is STORAGE_UNAVAILABLE."""
    try:
        connection = await engine.connect()
    except (sa_exc.SQLAlchemyError, OSError) as error:
        raise StorageUnavailableError() from error
    try:
        yield connection
    finally:
        await connection.close()  # the transaction has rolled back what was not committed
