"""The console's Webhooks page over the API's webhook use cases, on both stores."""

from __future__ import annotations

import re

import pytest

from tests.harness import World
from tests.http.console_client import add_person, visitor
from zenhire.domain.console.model import Role


@pytest.fixture
def world(store_world: World) -> World:
    return store_world


async def test_endpoint_created_edited_pinged_rotated_and_deleted(world: World) -> None:
    tenant = await world.tenant()
    await add_person(world, tenant, "hooks@acme.example", Role.ADMIN)
    async with visitor(world) as v:
        assert (await v.login("hooks@acme.example")).status_code == 303
        created = await v.post(
            "/console/webhooks",
            {"url": "https://hooks.acme.example/zenhire", "event:session.completed": "1"},
        )
        assert created.status_code == 201, created.text
        assert created.headers["cache-control"] == "no-store"
        assert 'id="secret-value"' in created.text
        listing = (await v.http.get("/console/webhooks")).text
        found = re.search(r"/console/webhooks/([0-9a-f-]{36})", listing)
        assert found
        path = f"/console/webhooks/{found.group(1)}"
        assert "session.completed" in listing
        for action in ("ping", "disable", "enable"):
            assert (await v.post(path, {"action": action})).status_code == 303, action
        page = (await v.http.get(path)).text
        assert "ping" in page  # the test event's delivery is listed
        rotated = await v.post(path, {"action": "rotate"})
        assert rotated.status_code == 200
        assert rotated.headers["cache-control"] == "no-store"
        edited = await v.post(
            path, {"action": "edit", "url": "https://hooks.acme.example/v2", "description": "ATS"}
        )
        assert edited.status_code == 303
        assert "https://hooks.acme.example/v2" in (await v.http.get(path)).text
        assert (await v.post(path, {"action": "delete"})).status_code == 303
        assert "No webhook endpoints yet" in (await v.http.get("/console/webhooks")).text
        audit = (await v.http.get("/console/audit")).status_code
    assert audit == 403  # admins do not read the audit trail


async def test_refused_url_is_a_clear_400_page(world: World) -> None:
    tenant = await world.tenant()
    await add_person(world, tenant, "hooks2@acme.example", Role.OWNER)
    async with visitor(world) as v:
        await v.login("hooks2@acme.example")
        refused = await v.post("/console/webhooks", {"url": "http://127.0.0.1/hook"})
    assert refused.status_code == 400
    assert "Nothing was changed" in refused.text
