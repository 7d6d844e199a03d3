"""Metrics and domain log lines count what happened, once (api.md §10.3), on both stores.

Replayed completions (same ``delivery_id``), completions for a session that already ended and
idempotency-key replays write nothing, so they add nothing to the completion, charge and
session counters and log no ``completed``, ``charged`` or ``session_started`` line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from prometheus_client.parser import text_string_to_metric_families
from structlog.testing import capture_logs

from tests.harness import World
from tests.http.helpers import auth, complete, new_tenant, start, token, verify
from zenhire.entrypoints.http.app import create_app

COUNTED = (
    ("zenhire_sessions_created_total", (("kind", "new"),)),
    ("zenhire_sessions_created_total", (("kind", "reinvite"),)),
    ("zenhire_completions_total", (("outcome", "completed"),)),
    ("zenhire_completions_total", (("outcome", "failed"),)),
    ("zenhire_credits_charged_total", ()),
)


@pytest.fixture
async def http(store_world: World) -> AsyncIterator[Any]:
    store_world.clock.set(datetime.now(UTC))  # signed calls carry wall-clock timestamps
    app = create_app(store_world.settings, *store_world.overrides())
    async with AsyncTestClient(app) as client:
        yield client


async def counters(client: Any) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = (await client.get("/metrics")).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def test_replays_count_nothing(http: Any, store_world: World) -> None:
    tenant = await new_tenant(http, credits=100, max_concurrent_interviews=2)
    before = await counters(http)
    with capture_logs() as logs:
        key = {**auth(tenant), "Idempotency-Key": "start-1"}
        path = f"/api/v1/interview/personas/{tenant['persona_id']}/sessions"
        body = {"consent_mode": "explicit"}
        started = [(await http.post(path, json=body, headers=key)) for _ in range(3)]
        assert [r.status_code for r in started] == [201, 201, 201]
        assert started[2].headers["Idempotent-Replayed"] == "true"
        session = started[2].json()
        assert (await verify(http, token(session))).status_code == 200
        store_world.clock.advance(240)  # the interview lasts what it reports (api.md §6.3)
        answers = [
            await complete(http, session["id"], delivery_id="dlv-1", duration_sec=240)
            for _ in range(3)
        ]
        assert [(r.status_code, r.json()["charged"]) for r in answers] == [(200, 4)] * 3
        late = await complete(http, session["id"], delivery_id="dlv-2", duration_sec=240)
        assert (late.status_code, late.json()["charged"]) == (200, 0)

        failed = (await start(http, tenant)).json()
        assert (await verify(http, token(failed))).status_code == 200
        gone = await complete(http, failed["id"], status="failed", delivery_id="x")
        assert gone.status_code == 200
        again = {**auth(tenant), "Idempotency-Key": "reinvite-1"}
        reinvite = f"/api/v1/interview/sessions/{failed['id']}/reinvite"
        assert [(await http.post(reinvite, headers=again)).status_code for _ in range(2)] == [
            201,
            201,
        ]
    after = await counters(http)
    deltas = {series: after.get(series, 0) - before.get(series, 0) for series in COUNTED}
    assert deltas == dict(zip(COUNTED, [2, 1, 1, 1, 4], strict=True))

    lines = Counter(line["event"] for line in logs)
    assert lines["session_started"] == 2
    assert lines["session_reinvited"] == 1
    assert lines["completed"] == 2
    assert [line["credits"] for line in logs if line["event"] == "charged"] == [4]
    assert (lines["completion_replayed"], lines["completion_after_end"]) == (2, 1)

    rows = (await http.get("/api/v1/credits", headers=auth(tenant))).json()["recent_transactions"]
    assert [(r["kind"], r["amount"]) for r in rows if r["kind"] == "charge"] == [("charge", -4)]
