"""Integration tests: real Postgres, real commits, real concurrency (within the suite's
connection budget: tests/connection_budget.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from tests.contract.conftest import truncate
from tests.harness import World

pytestmark = pytest.mark.postgres


@pytest.fixture
async def pg_world(pg_url: str) -> AsyncIterator[World]:
    await truncate(pg_url)
    # Races here queue up to nine transactions behind the one holding a row lock. On a loaded
    # machine each can take seconds; the server-side timeouts are set as long as the pool
    # timeout, so waiting never fails a test that is about correctness, not speed.
    world = World(
        database_url=pg_url,
        db_lock_timeout_ms=120_000,
        db_statement_timeout_ms=120_000,
        db_idle_in_transaction_timeout_ms=120_000,
    )
    try:
        yield world
    finally:
        await world.close()
        await assert_books_balance(pg_url)


async def assert_books_balance(url: str) -> None:
    """For every client: balance = sum of ledger rows, and walking them by ``seq`` (1, 2, …)
    each balance is the previous one plus ``amount``; no session left half-way."""
    connection = await asyncpg.connect(url)
    try:
        drift = await connection.fetch(
            """
            SELECT c.id, c.balance, COALESCE(SUM(l.amount), 0) AS ledger
            FROM clients c LEFT JOIN ledger_entries l ON l.client_id = c.id
            GROUP BY c.id HAVING c.balance <> COALESCE(SUM(l.amount), 0)
            """
        )
        assert drift == [], f"balance differs from the ledger: {drift}"
        broken_walk = await connection.fetch(
            """
            SELECT client_id, seq FROM (
                SELECT client_id, seq, amount, balance_after,
                       lag(balance_after, 1, 0::bigint) OVER w AS before, row_number() OVER w AS n
                FROM ledger_entries WINDOW w AS (PARTITION BY client_id ORDER BY seq)
            ) AS walk WHERE seq <> n OR balance_after <> before + amount
            """
        )
        assert broken_walk == [], f"walking by seq breaks the running balance: {broken_walk}"
        over_cap = await connection.fetch(
            """
            SELECT c.id FROM clients c
            WHERE (SELECT count(*) FROM sessions s
                   WHERE s.client_id = c.id AND s.status = 'active') > c.max_concurrent_interviews
            """
        )
        assert over_cap == [], "a client has more live interviews than its cap"
        double_charges = await connection.fetch(
            "SELECT session_id FROM ledger_entries WHERE kind = 'charge' "
            "GROUP BY session_id HAVING count(*) > 1"
        )
        assert double_charges == []
    finally:
        await connection.close()
