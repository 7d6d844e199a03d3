"""Webhook endpoints, deliveries and the events feed over HTTP (api.md §11.1), both stores."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.contract.conftest import truncate
from tests.http.helpers import auth, new_tenant, start
from tests.webhook_world import WebhookWorld
from zenhire.domain.webhooks.model import WebhookEventType

BASE = "/api/v1/webhooks"


@pytest.fixture
async def world(http_store: dict[str, Any]) -> AsyncIterator[WebhookWorld]:
    w = WebhookWorld(**http_store)
    if not w.settings.in_memory:
        await truncate(str(http_store["database_url"]))
    try:
        yield w
    finally:
        await w.close()


async def create(client: Any, tenant: dict[str, str], url: str, **body: Any) -> Any:
    return await client.post(f"{BASE}/endpoints", json={"url": url, **body}, headers=auth(tenant))


class TestUrlRules:
    @pytest.mark.parametrize(
        ("url", "code"),
        [
            ("http://public.example/hook", "INSECURE_WEBHOOK_URL"),
            ("https://127.0.0.1/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://10.1.2.3/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://169.254.169.254/latest", "PRIVATE_WEBHOOK_URL"),
            ("https://[::1]/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://[::ffff:127.0.0.1]/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://[fe80::1]/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://224.0.0.1/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://0.0.0.0/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://240.0.0.1/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://rebind.example/hook", "PRIVATE_WEBHOOK_URL"),
            ("https://mapped.example/hook", "PRIVATE_WEBHOOK_URL"),
            ("ftp://public.example/hook", "INVALID_INPUT"),
            ("https://user:pw@public.example/hook", "INVALID_INPUT"),
        ],
    )
    async def test_refused(self, client: Any, url: str, code: str) -> None:
        tenant = await new_tenant(client)
        response = await create(client, tenant, url)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == code

    async def test_public_and_unresolvable_names_are_accepted(self, client: Any) -> None:
        tenant = await new_tenant(client)
        for url in ("https://public.example/hook", "https://not-yet.example/hook"):
            assert (await create(client, tenant, url)).status_code == 201


class TestEndpoints:
    async def test_secret_shown_once_and_the_endpoint_shape(self, client: Any) -> None:
        tenant = await new_tenant(client)
        response = await create(
            client, tenant, "https://public.example/h", events=["session.completed"]
        )
        assert response.status_code == 201
        assert response.headers["cache-control"] == "no-store"
        body = response.json()
        assert body["secret"].startswith("whsec_")
        assert body["events"] == ["session.completed"]
        assert body["enabled"] is True
        assert body["disabled_reason"] is None
        read = await client.get(f"{BASE}/endpoints/{body['id']}", headers=auth(tenant))
        assert read.status_code == 200
        assert "secret" not in read.json()
        listed = (await client.get(f"{BASE}/endpoints", headers=auth(tenant))).json()
        assert [e["id"] for e in listed["data"]] == [body["id"]]
        assert body["secret"] not in str(listed)

    async def test_bad_bodies(self, client: Any) -> None:
        tenant = await new_tenant(client)
        url = "https://public.example/h"
        for extra in (
            {"events": ["session.nope"]},
            {"events": []},
            {"events": ["ping"]},
            {"events": ["*", "*"]},
        ):
            response = await create(client, tenant, url, **extra)
            assert response.status_code == 400, extra
        response = await create(client, tenant, "https://public.example/" + "a" * 2100)
        assert response.status_code == 400
        response = await create(client, tenant, url, client_id=tenant["client_id"])
        assert response.status_code == 400

    async def test_at_most_ten_per_client(self, client: Any) -> None:
        tenant = await new_tenant(client)
        for _ in range(10):
            assert (await create(client, tenant, "https://public.example/h")).status_code == 201
        response = await create(client, tenant, "https://public.example/h")
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "WEBHOOK_ENDPOINT_LIMIT"

    async def test_patch_disable_and_reenable(self, client: Any) -> None:
        tenant = await new_tenant(client)
        hook = (await create(client, tenant, "https://public.example/h")).json()
        path = f"{BASE}/endpoints/{hook['id']}"
        off = await client.patch(path, json={"enabled": False}, headers=auth(tenant))
        assert off.json()["disabled_reason"] == "DISABLED_BY_CLIENT"
        on = await client.patch(
            path, json={"enabled": True, "description": "main"}, headers=auth(tenant)
        )
        assert on.json()["enabled"] is True
        assert on.json()["disabled_reason"] is None
        assert on.json()["description"] == "main"
        bad = await client.patch(path, json={"url": "https://10.0.0.1/"}, headers=auth(tenant))
        assert bad.json()["error"]["code"] == "PRIVATE_WEBHOOK_URL"

    async def test_rotate_returns_a_new_secret_once(self, client: Any) -> None:
        tenant = await new_tenant(client)
        hook = (await create(client, tenant, "https://public.example/h")).json()
        path = f"{BASE}/endpoints/{hook['id']}/rotate-secret"
        rotated = await client.post(
            path, json={"expire_previous_after_seconds": 60}, headers=auth(tenant)
        )
        assert rotated.status_code == 200
        assert rotated.headers["cache-control"] == "no-store"
        assert rotated.json()["secret"].startswith("whsec_")
        assert rotated.json()["secret"] != hook["secret"]
        too_long = await client.post(
            path, json={"expire_previous_after_seconds": 604_801}, headers=auth(tenant)
        )
        assert too_long.status_code == 400

    async def test_another_clients_endpoint_and_delivery_are_forbidden(self, client: Any) -> None:
        owner, other = await new_tenant(client), await new_tenant(client)
        hook = (await create(client, owner, "https://public.example/h")).json()
        await start(client, owner)
        path = f"{BASE}/endpoints/{hook['id']}"
        deliveries = (await client.get(f"{path}/deliveries", headers=auth(owner))).json()
        delivery_id = deliveries["data"][0]["id"]
        for method, url in (
            ("GET", path),
            ("PATCH", path),
            ("DELETE", path),
            ("POST", f"{path}/ping"),
            ("POST", f"{path}/rotate-secret"),
            ("GET", f"{path}/deliveries"),
            ("POST", f"{BASE}/deliveries/{delivery_id}/retry"),
        ):
            body = {} if method in ("PATCH", "POST") else None
            response = await client.request(method, url, json=body, headers=auth(other))
            assert response.status_code == 403, (method, url)
            assert response.json()["error"]["code"] == "RESOURCE_FORBIDDEN"
        unknown = await client.get(
            f"{BASE}/endpoints/{'0' * 8}-0000-4000-8000-{'0' * 12}", headers=auth(owner)
        )
        assert unknown.status_code == 404


class TestDeliveriesAndEvents:
    async def test_events_deliveries_ping_retry_and_delete(
        self, client: Any, world: WebhookWorld
    ) -> None:
        tenant = await new_tenant(client)
        hook = (await create(client, tenant, "https://public.example/h")).json()
        path = f"{BASE}/endpoints/{hook['id']}"
        session = (await start(client, tenant)).json()
        events = (await client.get(f"{BASE}/events", headers=auth(tenant))).json()
        assert [e["type"] for e in events["data"]] == ["session.created"]
        event = events["data"][0]
        assert event["id"].startswith("evt_")
        assert event["data"]["session"]["id"] == session["id"]
        assert event["data"]["session"]["status"] == "initiated"
        assert "candidate_link" not in str(event)
        by_session = await client.get(
            f"{BASE}/events", params={"session_id": session["id"]}, headers=auth(tenant)
        )
        assert len(by_session.json()["data"]) == 1
        none = await client.get(
            f"{BASE}/events", params={"type": "session.completed"}, headers=auth(tenant)
        )
        assert none.json()["data"] == []

        world.clock.advance(1)  # rows of one instant have no order between them
        ping = await client.post(f"{path}/ping", headers=auth(tenant))
        assert ping.status_code == 202
        rows = (await client.get(f"{path}/deliveries", headers=auth(tenant))).json()["data"]
        assert [r["event_type"] for r in rows] == ["ping", "session.created"]
        assert {r["status"] for r in rows} == {"pending"}
        assert rows[1]["event_id"] == event["id"]
        only_ping = await client.get(
            f"{path}/deliveries", params={"event_type": "ping"}, headers=auth(tenant)
        )
        assert len(only_ping.json()["data"]) == 1

        retried = await client.post(
            f"{BASE}/deliveries/{rows[1]['id']}/retry", headers=auth(tenant)
        )
        assert retried.status_code == 202
        assert retried.json()["status"] == "pending"

        gone = await client.delete(path, headers=auth(tenant))
        assert gone.status_code == 200
        assert (await client.get(path, headers=auth(tenant))).status_code == 404
        cancelled = await client.post(
            f"{BASE}/deliveries/{rows[1]['id']}/retry", headers=auth(tenant)
        )
        assert cancelled.status_code == 409
        assert cancelled.json()["error"]["code"] == "DELIVERY_CANCELLED"

    async def test_needs_an_api_key(self, client: Any) -> None:
        response = await client.get(f"{BASE}/events")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "MISSING_API_KEY"


async def test_the_document_describes_every_event_delivered(client: Any) -> None:
    doc = (await client.get("/schema/openapi.json")).json()
    assert doc["openapi"].startswith("3.1")
    hooks = doc["webhooks"]
    assert set(hooks) == {t.value for t in WebhookEventType}
    for name, item in hooks.items():
        post = item["post"]
        headers = {p["name"] for p in post["parameters"] if p["in"] == "header"}
        assert headers == {"webhook-id", "webhook-timestamp", "webhook-signature"}, name
        ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        schema = doc["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert set(schema["required"]) == {"id", "type", "created_at", "data"}
        assert (
            name in schema["properties"]["type"].get("enum", [name])
            or schema["properties"]["type"].get("const") == name
        )
