"""``GET /metrics``: Prometheus text with the documented series and no per-session labels."""

from __future__ import annotations

import re
from typing import Any

from tests.http.helpers import complete, new_tenant, start, token, verify


def value(text: str, series: str) -> float:
    match = re.search(rf"^{re.escape(series)} (\S+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


async def test_metrics_count_the_lifecycle(client: Any, world: Any) -> None:
    before = (await client.get("/metrics")).text
    tenant = await new_tenant(client, max_concurrent_interviews=1)
    first = (await start(client, tenant)).json()
    second = (await start(client, tenant)).json()
    await verify(client, token(first))
    await verify(client, token(second))
    world.clock.advance(61)  # the interview lasts what it reports
    await complete(client, first["id"], duration_sec=61)
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    deltas = {
        'zenhire_sessions_created_total{kind="new"}': 2,
        'zenhire_admissions_total{reconnect="false"}': 1,
        "zenhire_hold_offs_total": 1,
        'zenhire_completions_total{outcome="completed"}': 1,
        "zenhire_credits_charged_total": 2,
    }
    for series, delta in deltas.items():
        assert value(text, series) - value(before, series) == delta, series
    assert "zenhire_requests_total" in text
    assert "zenhire_request_duration_seconds_bucket" in text
    for secret_or_id in (first["id"], second["id"], token(first), tenant["client_id"]):
        assert secret_or_id not in text
