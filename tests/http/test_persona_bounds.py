"""What one client may hold: prompt lengths and the active-persona cap, on both stores."""

from __future__ import annotations

import asyncio
from typing import Any, Final

import pytest

from tests.http.helpers import auth, new_tenant
from zenhire.domain import limits

LIMIT: Final = 3
PERSONAS: Final = "/api/v1/interview/personas"


@pytest.fixture
def http_store(http_store: dict[str, Any]) -> dict[str, Any]:
    return {**http_store, "max_active_personas": LIMIT}


def persona_body(**extra: Any) -> dict[str, Any]:
    return {"role_name": "Engineer", "language": "en", **extra}


async def active_count(client: Any, tenant: dict[str, str]) -> int:
    rows = await client.get(
        PERSONAS, params={"status": "active", "limit": 100}, headers=auth(tenant)
    )
    return len(rows.json()["data"])


class TestPromptLengths:
    @pytest.mark.parametrize("field", ["base_prompt_override", "system_prompt"])
    async def test_prompts_over_20000_characters_are_refused(
        self, store_client: Any, field: str
    ) -> None:
        tenant = await new_tenant(store_client)
        too_long = persona_body(**{field: "p" * (limits.SYSTEM_PROMPT_MAX + 1)})
        r = await store_client.post(PERSONAS, json=too_long, headers=auth(tenant))
        assert (r.status_code, r.json()["error"]["code"]) == (400, "INVALID_INPUT")
        assert [f["field"] for f in r.json()["error"]["details"]["fields"]] == [field]
        longest = persona_body(**{field: "p" * limits.SYSTEM_PROMPT_MAX})
        r = await store_client.post(PERSONAS, json=longest, headers=auth(tenant))
        assert r.status_code == 201
        assert r.json()[field] == "p" * limits.SYSTEM_PROMPT_MAX


class TestActivePersonaCap:
    async def test_one_more_than_the_cap_is_409_until_one_is_archived(
        self, store_client: Any
    ) -> None:
        tenant = await new_tenant(store_client)  # holds one persona already
        h = auth(tenant)
        for _ in range(LIMIT - 1):
            assert (
                await store_client.post(PERSONAS, json=persona_body(), headers=h)
            ).status_code == 201
        r = await store_client.post(PERSONAS, json=persona_body(), headers=h)
        assert r.status_code == 409
        assert r.json()["error"]["code"] == "PERSONA_LIMIT"
        assert r.json()["error"]["details"] == {"limit": LIMIT}
        archived = await store_client.delete(f"{PERSONAS}/{tenant['persona_id']}", headers=h)
        assert archived.status_code == 200
        assert (
            await store_client.post(PERSONAS, json=persona_body(), headers=h)
        ).status_code == 201
        assert await active_count(store_client, tenant) == LIMIT

    async def test_the_cap_is_per_client(self, store_client: Any) -> None:
        first, second = await new_tenant(store_client), await new_tenant(store_client)
        for _ in range(LIMIT - 1):
            await store_client.post(PERSONAS, json=persona_body(), headers=auth(first))
        r = await store_client.post(PERSONAS, json=persona_body(), headers=auth(second))
        assert r.status_code == 201

    async def test_racing_creates_never_pass_the_cap(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        responses = await asyncio.gather(
            *(
                store_client.post(PERSONAS, json=persona_body(), headers=auth(tenant))
                for _ in range(25)
            )
        )
        codes = sorted(r.status_code for r in responses)
        assert codes == [201] * (LIMIT - 1) + [409] * (25 - LIMIT + 1)
        assert await active_count(store_client, tenant) == LIMIT
