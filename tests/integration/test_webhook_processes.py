"""Webhook dispatch across real processes on PostgreSQL: claims never overlap, and a process
killed mid-attempt leaves its deliveries to another."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from tests.contract.conftest import truncate
from tests.harness import Tenant, World
from tests.servers import ZENHIRE, zenhire_serve
from tests.webhook_receiver import Answer, Receiver, receiver_thread
from zenhire.domain.webhooks.manage import CreateEndpoint, CreateEndpointCommand

pytestmark = pytest.mark.postgres
SETTINGS = {"webhook_allow_insecure": "true", "webhook_allow_private": "true"}

# 2,000 events of one client and one pending delivery each, due now.
SEED = """
WITH ev AS (
    INSERT INTO webhook_events (id, client_id, type, session_id, created_at, data)
    SELECT gen_random_uuid(), $1, 'ping', NULL, now(), jsonb_build_object('n', n)
    FROM generate_series(1, $3) AS n
    RETURNING id, created_at
)
INSERT INTO webhook_deliveries (id, event_id, event_type, endpoint_id, client_id, status,
                                next_attempt_at, created_at)
SELECT gen_random_uuid(), ev.id, 'ping', $2, $1, 'pending', ev.created_at, ev.created_at
FROM ev
"""


@pytest.fixture
async def pg_world(pg_url: str) -> AsyncIterator[World]:
    """A world on the run's database that may register loopback http receivers. Its clock reads
    the real time: a ``zenhire serve`` sweeps the same rows with its own clock, and would fail
    sessions started at the manual clock's default date as links long expired (and tell the
    receiver so)."""
    await truncate(pg_url)
    world = World(database_url=pg_url, webhook_allow_insecure=True, webhook_allow_private=True)
    world.clock.set(datetime.now(UTC))
    try:
        yield world
    finally:
        await world.close()


def env_of(pg_url: str, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        ZENHIRE_DATABASE_URL=pg_url,
        ZENHIRE_S2S_SECRETS="s2s-test-5f0c9e2b7a4d1c8e6b3f0a9d2c7e4b1a",
        ZENHIRE_LOG_FORMAT="json",
    )
    env.update({f"ZENHIRE_{k.upper()}": v for k, v in {**SETTINGS, **settings}.items()})
    return env


async def deliver(pg_url: str, **settings: str) -> dict[str, Any]:
    process = await asyncio.create_subprocess_exec(
        ZENHIRE,
        "deliver",
        env=env_of(pg_url, **settings),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await process.communicate()
    assert process.returncode == 0
    report: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    return report


async def endpoint(world: World, url: str) -> tuple[Tenant, Any, str]:
    tenant = await world.tenant()
    created = await world.run(
        CreateEndpoint, CreateEndpointCommand(client_id=tenant.client_id, url=url)
    )
    return tenant, created.endpoint.id, created.secret


async def events_of(pg_url: str) -> list[str]:
    """Each event's type and delivery state, to say what arrived unexpectedly."""
    connection = await asyncpg.connect(pg_url)
    try:
        rows = await connection.fetch(
            "SELECT e.id, e.type, d.status, d.attempts FROM webhook_events AS e"
            " LEFT JOIN webhook_deliveries AS d ON d.event_id = e.id ORDER BY e.id"
        )
    finally:
        await connection.close()
    return [f"{r['id']} {r['type']} {r['status']}/{r['attempts']}" for r in rows]


async def statuses(pg_url: str) -> list[tuple[str, int]]:
    connection = await asyncpg.connect(pg_url)
    try:
        rows = await connection.fetch("SELECT status, attempts FROM webhook_deliveries")
    finally:
        await connection.close()
    return [(r["status"], r["attempts"]) for r in rows]


async def test_two_processes_deliver_2000_deliveries_each_attempt_once(
    pg_world: World, pg_url: str
) -> None:
    with receiver_thread(Receiver()) as receiver:
        tenant, endpoint_id, secret = await endpoint(pg_world, receiver.url)
        connection = await asyncpg.connect(pg_url)
        try:
            await connection.execute(SEED, tenant.client_id, endpoint_id, 2_000)
        finally:
            await connection.close()
        reports = await asyncio.gather(deliver(pg_url), deliver(pg_url))
        assert sum(r["attempts"] for r in reports) == 2_000
        assert sum(r["delivered"] for r in reports) == 2_000
        ids = receiver.ids()
        assert len(ids) == 2_000
        assert set(ids.values()) == {1}  # each attempt made once, by one process
        assert all(r.verifies_with(secret) for r in receiver.received)
    assert set(await statuses(pg_url)) == {("delivered", 1)}


async def test_a_process_killed_mid_attempt_leaves_its_deliveries_to_another(
    pg_world: World, pg_url: str, tmp_path: Path
) -> None:
    receiver = Receiver(default=Answer(200, delay=60))  # holds every attempt
    with receiver_thread(receiver):
        tenant, _, secret = await endpoint(pg_world, receiver.url)
        settings = {
            **SETTINGS,
            "database_url": pg_url,
            "webhook_timeout_seconds": "5",
            "sweep_interval_seconds": "0.2",  # sweeps while it dispatches: none may expire
        }
        with zenhire_serve(tmp_path, **settings) as served:
            for _ in range(3):
                await pg_world.start(tenant)
            deadline = time.monotonic() + 30
            while len(receiver.received) < 3:  # the serving process claimed and is sending
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)
            os.kill(served.pid, signal.SIGKILL)
            killed_at = time.monotonic()
        receiver.default = Answer(200)
        assert {s for s, _ in await statuses(pg_url)} == {"pending"}
        # Not due again before the dead claim's lease (timeout + half of it) has ended.
        early = await deliver(pg_url, webhook_timeout_seconds="5")
        if time.monotonic() - killed_at < 6:
            assert early["attempts"] == 0
        await asyncio.sleep(max(0.0, 8 - (time.monotonic() - killed_at)))
        report = await deliver(pg_url, webhook_timeout_seconds="5")
        assert report["delivered"] + early["delivered"] == 3
        assert all(r.verifies_with(secret) for r in receiver.received)
        # Each event reached the receiver from the killed process, then from the other.
        events = await events_of(pg_url)
        assert [e.split()[1] for e in events] == ["session.created"] * 3, events
        ids = receiver.ids()
        assert len(ids) == 3, events
        assert min(ids.values()) >= 2
    assert set(await statuses(pg_url)) == {("delivered", 1)}
