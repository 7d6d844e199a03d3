"""Headers of api.md §2 "Conventions" and §4.4, on both stores: ``nosniff`` everywhere,
``private, no-store`` on every authenticated response (``no-store`` kept where a raw token or
key is sent), transcripts as JSON whatever they hold, the viewer under a strict CSP."""

from __future__ import annotations

from typing import Any

from tests.harness import World
from tests.http.helpers import ADMIN, auth, complete, new_tenant, start, token, verify


def cache(response: Any) -> str | None:
    value: str | None = response.headers.get("cache-control")
    return value


def nosniff(response: Any) -> bool:
    return bool(response.headers.get("x-content-type-options") == "nosniff")


async def test_every_response_is_nosniff(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    answers = [
        await store_client.get("/api/v1/health"),
        await store_client.get("/api/v1/nope"),
        await store_client.delete("/api/v1/health"),
        await store_client.get("/api/v1/credits"),
        await store_client.get("/api/v1/credits", headers=auth(tenant)),
        await store_client.post("/api/v1/admin/clients", json={}, headers=ADMIN),
        await store_client.get("/metrics"),
        await store_client.get("/schema"),
        await store_client.get("/schema/openapi.json"),
    ]
    assert [r.status_code for r in answers] == [200, 404, 405, 401, 200, 400, 200, 200, 200]
    assert all(nosniff(r) for r in answers)


async def test_authenticated_responses_are_private_and_never_stored(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    created = await start(store_client, tenant)
    assert cache(created) == "no-store"  # it carries a raw token
    body = created.json()
    session = f"/api/v1/interview/sessions/{body['id']}"
    answers = {
        "integrator read": await store_client.get(session, headers=auth(tenant)),
        "integrator list": await store_client.get(
            "/api/v1/interview/personas", headers=auth(tenant)
        ),
        "credits": await store_client.get("/api/v1/credits", headers=auth(tenant)),
        "integrator refusal": await store_client.get(session),
        "verify": await verify(store_client, token(body)),
        "admin read": await store_client.get(
            f"/api/v1/admin/clients/{tenant['client_id']}", headers=ADMIN
        ),
    }
    assert {name: cache(r) for name, r in answers.items()} == dict.fromkeys(
        answers, "private, no-store"
    )
    key = await store_client.post(
        f"/api/v1/admin/clients/{tenant['client_id']}/api-keys", json={}, headers=ADMIN
    )
    assert cache(key) == "no-store"  # it carries a raw key


async def test_a_transcript_is_always_json(store_client: Any, store_world: World) -> None:
    store_world.artifacts.objects["t/page.json"] = b"<html><script>alert(1)</script></html>"
    tenant = await new_tenant(store_client)
    created = (await start(store_client, tenant)).json()
    await verify(store_client, token(created))
    await complete(store_client, created["id"], duration_sec=5, transcript_s3_key="t/page.json")
    path = f"/api/v1/interview/sessions/{created['id']}/transcript"
    r = await store_client.get(path, headers=auth(tenant))
    assert r.status_code == 200
    assert r.content == b"<html><script>alert(1)</script></html>"  # passed through as stored
    assert r.headers["content-type"] == "application/json"
    assert nosniff(r)
    assert cache(r) == "private, no-store"


async def test_the_viewer_runs_only_its_own_scripts_and_is_never_framed(
    store_client: Any,
) -> None:
    r = await store_client.get("/schema")
    directives = {
        d.strip().split(" ", 1)[0]: d.strip()
        for d in r.headers["content-security-policy"].split(";")
    }
    assert directives["script-src"] == "script-src 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
