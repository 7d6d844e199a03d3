"""A claim does not outlive its process: a request whose server was SIGKILLed mid-flight can
be sent again, with the same Idempotency-Key, to another server within a few seconds (it was
refused with 409 IDEMPOTENCY_IN_PROGRESS for up to 60 s)."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.contract.conftest import truncate
from tests.servers import zenhire_servers

pytestmark = pytest.mark.postgres

BOUND_SECONDS = 30  # generous: the lease is 6 s; a dead claim used to hold for 60 s


def _tenant(base: str, admin_token: str) -> tuple[str, str]:
    admin = {"Authorization": f"Bearer {admin_token}"}
    client = httpx.post(
        f"{base}/api/v1/admin/clients", json={"name": "A", "credits": 9}, headers=admin
    )
    client_id = client.json()["id"]
    key = httpx.post(
        f"{base}/api/v1/admin/clients/{client_id}/api-keys", json={}, headers=admin
    ).json()["key"]
    return client_id, key


def _wait_for_lock_waiter(pg_url: str) -> None:
    """Until some backend waits on a lock (the request is parked on the test's row lock)."""

    async def poll() -> None:
        connection = await asyncpg.connect(pg_url)
        try:
            for _ in range(600):
                waiting = await connection.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                )
                if waiting:
                    return
                await asyncio.sleep(0.05)
            raise AssertionError("the request never reached the lock")
        finally:
            await connection.close()

    asyncio.run(poll())


def test_a_killed_owner_releases_its_key_within_seconds(pg_url: str, tmp_path: Path) -> None:
    asyncio.run(truncate(pg_url))
    settings = {
        "database_url": pg_url,
        "db_lock_timeout_ms": "60000",
        "db_statement_timeout_ms": "60000",
    }
    with zenhire_servers(tmp_path, settings, settings) as (doomed, survivor):
        client_id, api_key = _tenant(doomed.url, doomed.admin_token)
        headers = {"X-API-Key": api_key, "Idempotency-Key": "persona-1"}
        body = {"role_name": "Engineer", "language": "en"}

        async def hold_client_row() -> asyncpg.Connection:
            holder = await asyncpg.connect(pg_url)
            await holder.execute("BEGIN")
            await holder.execute("SELECT 1 FROM clients WHERE id = $1 FOR UPDATE", client_id)
            return holder

        loop = asyncio.new_event_loop()
        holder = loop.run_until_complete(hold_client_row())
        outcome: list[Any] = []

        def in_flight() -> None:
            try:
                outcome.append(
                    httpx.post(
                        f"{doomed.url}/api/v1/interview/personas",
                        json=body,
                        headers=headers,
                        timeout=60,
                    )
                )
            except httpx.TransportError as error:
                outcome.append(error)

        sender = threading.Thread(target=in_flight)
        sender.start()
        try:
            _wait_for_lock_waiter(pg_url)
            os.kill(doomed.pid, signal.SIGKILL)
            sender.join(timeout=30)
        finally:
            loop.run_until_complete(holder.execute("ROLLBACK"))
            loop.run_until_complete(holder.close())
            loop.close()
        assert isinstance(outcome[0], httpx.TransportError)  # the first attempt got no answer

        deadline = time.monotonic() + BOUND_SECONDS
        while True:
            retry = httpx.post(
                f"{survivor.url}/api/v1/interview/personas", json=body, headers=headers, timeout=60
            )
            if retry.status_code != 409 or time.monotonic() > deadline:
                break
            assert retry.json()["error"]["code"] == "IDEMPOTENCY_IN_PROGRESS"
            time.sleep(0.5)
        assert retry.status_code == 201, retry.text
        replay = httpx.post(
            f"{survivor.url}/api/v1/interview/personas", json=body, headers=headers, timeout=60
        )
        assert (replay.status_code, replay.headers.get("idempotent-replayed")) == (201, "true")
        assert replay.json()["id"] == retry.json()["id"]

    async def personas() -> int:
        connection = await asyncpg.connect(pg_url)
        try:
            return int(
                await connection.fetchval(
                    "SELECT count(*) FROM personas WHERE client_id = $1", client_id
                )
            )
        finally:
            await connection.close()

    assert asyncio.run(personas()) == 1  # the killed attempt's write never landed
