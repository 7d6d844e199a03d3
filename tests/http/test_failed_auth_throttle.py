"""Failed API-key and admin-token attempts are throttled per caller IP (api.md §10.2).

On both stores, with the app's manual clock. Callers are told apart with X-Forwarded-For from
a trusted proxy (the test transport's peer is 127.0.0.1).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

import pytest

from tests.harness import World
from tests.http.helpers import ADMIN, auth, new_tenant
from zenhire.adapters.memory.accounts import MemoryApiKeys
from zenhire.adapters.postgres.api_keys import PostgresApiKeys

LIMIT: Final = 3
CREDITS: Final = "/api/v1/credits"
CLIENTS: Final = "/api/v1/admin/clients/00000000-0000-4000-8000-000000000000"
BAD_KEY: Final = {"X-API-Key": "zh_api_" + "x" * 43}


@pytest.fixture
def http_store(http_store: dict[str, Any]) -> dict[str, Any]:
    return {
        **http_store,
        "failed_auth_limit_per_minute": LIMIT,
        "trusted_proxies": ("127.0.0.1/32",),
    }


def caller(ip: str, headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "X-Forwarded-For": ip}


def throttled(r: Any) -> bool:
    if r.status_code != 429:
        return False
    error = r.json()["error"]
    assert error["code"] == "TOO_MANY_FAILED_ATTEMPTS"
    assert 1 <= error["retryAfterSeconds"] <= 60
    assert r.headers["retry-after"] == str(error["retryAfterSeconds"])
    return True


class TestFailedAuthThrottle:
    async def test_after_the_limit_every_attempt_is_429_even_a_valid_key(
        self, store_client: Any
    ) -> None:
        tenant = await new_tenant(store_client)
        for _ in range(LIMIT):
            r = await store_client.get(CREDITS, headers=caller("10.0.0.1", BAD_KEY))
            assert r.status_code == 401
        for headers in (BAD_KEY, auth(tenant), ADMIN, {}):
            assert throttled(await store_client.get(CREDITS, headers=caller("10.0.0.1", headers)))
        assert throttled(await store_client.get(CLIENTS, headers=caller("10.0.0.1", ADMIN)))
        # Another caller is not affected.
        ok = await store_client.get(CREDITS, headers=caller("10.0.0.2", auth(tenant)))
        assert ok.status_code == 200

    async def test_decided_before_any_key_lookup(
        self, store_client: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        tenant = await new_tenant(store_client)
        for _ in range(LIMIT):
            await store_client.get(CREDITS, headers=caller("10.0.0.3", BAD_KEY))
        lookups: Counter[str] = Counter()
        for adapter in (MemoryApiKeys, PostgresApiKeys):
            original = adapter.find_by_digest

            async def counted(self: Any, digest: bytes, original: Any = original) -> Any:
                lookups["n"] += 1
                return await original(self, digest)

            monkeypatch.setattr(adapter, "find_by_digest", counted)
        for headers in (BAD_KEY, auth(tenant)):
            assert throttled(await store_client.get(CREDITS, headers=caller("10.0.0.3", headers)))
        assert lookups["n"] == 0

    async def test_the_window_ends_60_s_after_its_first_failure(
        self, store_client: Any, store_world: World
    ) -> None:
        await store_client.get(CREDITS, headers=caller("10.0.0.4", BAD_KEY))
        store_world.clock.advance(seconds=40)
        for _ in range(LIMIT - 1):
            await store_client.get(CREDITS, headers=caller("10.0.0.4", BAD_KEY))
        r = await store_client.get(CREDITS, headers=caller("10.0.0.4", BAD_KEY))
        assert throttled(r)
        assert r.json()["error"]["retryAfterSeconds"] == 20
        store_world.clock.advance(seconds=20)
        r = await store_client.get(CREDITS, headers=caller("10.0.0.4", BAD_KEY))
        assert r.status_code == 401  # a new window, counting this failure as its first

    async def test_a_successful_request_does_not_reset_the_count(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        for _ in range(LIMIT - 1):
            await store_client.get(CREDITS, headers=caller("10.0.0.5", BAD_KEY))
        ok = await store_client.get(CREDITS, headers=caller("10.0.0.5", auth(tenant)))
        assert ok.status_code == 200
        assert (
            await store_client.get(CREDITS, headers=caller("10.0.0.5", BAD_KEY))
        ).status_code == 401
        assert throttled(await store_client.get(CREDITS, headers=caller("10.0.0.5", auth(tenant))))

    async def test_wrong_admin_tokens_count_and_throttle_api_keys_too(
        self, store_client: Any
    ) -> None:
        tenant = await new_tenant(store_client)
        wrong = {"Authorization": "Bearer not-the-admin-token"}
        for _ in range(LIMIT):
            r = await store_client.get(CLIENTS, headers=caller("10.0.0.6", wrong))
            assert r.json()["error"]["code"] == "INVALID_ADMIN_TOKEN"
        assert throttled(await store_client.get(CLIENTS, headers=caller("10.0.0.6", ADMIN)))
        assert throttled(await store_client.get(CREDITS, headers=caller("10.0.0.6", auth(tenant))))

    async def test_missing_credentials_are_not_counted(self, store_client: Any) -> None:
        for _ in range(LIMIT + 2):
            r = await store_client.get(CREDITS, headers=caller("10.0.0.7", {}))
            assert r.json()["error"]["code"] == "MISSING_API_KEY"
            r = await store_client.get(CLIENTS, headers=caller("10.0.0.7", {}))
            assert r.json()["error"]["code"] == "INVALID_ADMIN_TOKEN"

    async def test_ipv6_callers_count_per_64(self, store_client: Any) -> None:
        for i in range(LIMIT):
            await store_client.get(CREDITS, headers=caller(f"2001:db8:1:2::{i + 1}", BAD_KEY))
        r = await store_client.get(CREDITS, headers=caller("2001:db8:1:2:ffff::9", BAD_KEY))
        assert throttled(r)
        other = await store_client.get(CREDITS, headers=caller("2001:db8:1:3::1", BAD_KEY))
        assert other.status_code == 401


class TestThrottleOff:
    @pytest.fixture
    def http_store(self, http_store: dict[str, Any]) -> dict[str, Any]:
        return {**http_store, "failed_auth_limit_per_minute": 0}

    async def test_a_limit_of_0_turns_it_off(self, store_client: Any) -> None:
        for _ in range(40):
            r = await store_client.get(CREDITS, headers=caller("10.0.0.8", BAD_KEY))
            assert r.status_code == 401
