"""A full lifecycle with known secrets: none appears in the logs or in any error body."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from tests.harness import ADMIN_TOKEN, S2S_SECRET
from tests.http.helpers import ADMIN, auth, complete, new_tenant, signed_post, start, token, verify
from zenhire.entrypoints.logs import REDACTED, configure_logging, redact


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    configure_logging("json", stream=stream)
    yield stream
    logging.getLogger().handlers.clear()


async def test_no_secret_in_logs_or_error_bodies(client: Any, captured: io.StringIO) -> None:
    tenant = await new_tenant(client, max_concurrent_interviews=1)
    bodies: list[str] = []
    first = (await start(client, tenant, candidate_ref="who")).json()
    second = (await start(client, tenant)).json()
    bodies.append((await verify(client, token(first))).text)
    bodies.append((await verify(client, token(second))).text)  # held off
    bodies.append((await complete(client, first["id"], duration_sec=61)).text)
    bodies.append((await complete(client, first["id"], duration_sec=62)).text)  # conflict
    bodies.append(
        (
            await signed_post(
                client,
                "/api/v1/interview/s2s/verify",
                {"token": token(first) + "x"},
                secret="wrong",
            )
        ).text
    )
    bodies.append(
        (await client.get("/api/v1/credits", headers={"X-API-Key": tenant["key"] + "x"})).text
    )
    bodies.append(
        (
            await client.get(
                f"/api/v1/interview/sessions?cursor={token(second)}", headers=auth(tenant)
            )
        ).text
    )
    bodies.append(
        (
            await client.post(
                "/api/v1/admin/clients",
                json={"name": "x"},
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}x"},
            )
        ).text
    )
    await client.delete(f"/api/v1/admin/api-keys/{tenant['key_id']}", headers=ADMIN)
    logs = captured.getvalue()
    lines = [json.loads(line) for line in logs.splitlines() if line.startswith("{")]
    events = {line["event"] for line in lines}
    assert {"request", "session_started", "admitted", "held_off", "completed", "charged"} <= events
    request_lines = [line for line in lines if line["event"] == "request"]
    assert all(
        {"request_id", "method", "route", "status", "duration_ms"} <= set(line)
        for line in request_lines
    )
    assert any(line.get("client_id") == tenant["client_id"] for line in request_lines)
    secrets = [tenant["key"], token(first), token(second), ADMIN_TOKEN, S2S_SECRET]
    for secret in secrets:
        assert secret not in logs
        for body in bodies:
            assert secret not in body


def test_redaction_processor_scrubs_secret_shapes() -> None:
    text = "key zh_api_abcDEF123 and link https://x/#t=zht_Zz9 and v1=" + "a" * 64
    assert redact(text).count(REDACTED) == 3
    assert redact("t=1,v2=" + "b" * 64) == "t=1," + REDACTED
    assert redact({"authorization": "Bearer x", "nested": ["zht_abc"]}) == {
        "authorization": REDACTED,
        "nested": [REDACTED],
    }
