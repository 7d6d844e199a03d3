"""Per-key fixed one-minute budgets with RateLimit-* headers (api.md §10.2)."""

from __future__ import annotations

from typing import Any

from tests.harness import World
from tests.http.helpers import ADMIN, new_tenant, signed_post


async def test_budget_headers_and_429(client: Any, world: World) -> None:
    tenant = await new_tenant(client)
    key = (
        await client.post(
            f"/api/v1/admin/clients/{tenant['client_id']}/api-keys",
            json={"rate_limit_per_minute": 3},
            headers=ADMIN,
        )
    ).json()
    headers = {"X-API-Key": key["key"]}
    world.clock.set(world.clock.now().replace(second=10, microsecond=0))
    seen = []
    for _ in range(3):
        r = await client.get("/api/v1/credits", headers=headers)
        assert r.status_code == 200
        assert r.headers["ratelimit-limit"] == "3"
        assert r.headers["ratelimit-reset"] == "50"
        seen.append(r.headers["ratelimit-remaining"])
    assert seen == ["2", "1", "0"]
    over = await client.get("/api/v1/credits", headers=headers)
    assert over.status_code == 429
    error = over.json()["error"]
    assert error["code"] == "RATE_LIMIT_EXCEEDED"
    assert error["retryAfterSeconds"] == int(over.headers["retry-after"]) == 50
    assert over.headers["ratelimit-remaining"] == "0"
    world.clock.advance(50)  # the next window
    assert (await client.get("/api/v1/credits", headers=headers)).status_code == 200


async def test_budgets_are_per_key_and_skip_s2s_and_admin(client: Any, world: World) -> None:
    tenant = await new_tenant(client)
    key = (
        await client.post(
            f"/api/v1/admin/clients/{tenant['client_id']}/api-keys",
            json={"rate_limit_per_minute": 1},
            headers=ADMIN,
        )
    ).json()
    world.clock.set(world.clock.now().replace(second=0, microsecond=0))
    assert (
        await client.get("/api/v1/credits", headers={"X-API-Key": key["key"]})
    ).status_code == 200
    assert (
        await client.get("/api/v1/credits", headers={"X-API-Key": key["key"]})
    ).status_code == 429
    assert (
        await client.get("/api/v1/credits", headers={"X-API-Key": tenant["key"]})
    ).status_code == 200
    for _ in range(3):
        r = await client.get(f"/api/v1/admin/clients/{tenant['client_id']}", headers=ADMIN)
        assert r.status_code == 200
        assert "ratelimit-limit" not in r.headers
    r = await signed_post(client, "/api/v1/interview/s2s/verify", {"token": "zht_x"})
    assert "ratelimit-limit" not in r.headers
