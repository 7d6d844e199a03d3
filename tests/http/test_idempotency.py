"""Idempotency-Key on the three create endpoints (api.md §10.1)."""

from __future__ import annotations

from typing import Any

from tests.http.helpers import auth, complete, new_tenant, start, token, verify


def keyed(tenant: dict[str, str], key: str) -> dict[str, str]:
    return {**auth(tenant), "Idempotency-Key": key}


async def test_persona_create_replays_same_body(client: Any) -> None:
    tenant = await new_tenant(client)
    body = {"role_name": "SRE", "language": "de"}
    first = await client.post("/api/v1/interview/personas", json=body, headers=keyed(tenant, "k1"))
    again = await client.post("/api/v1/interview/personas", json=body, headers=keyed(tenant, "k1"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    rows = (await client.get("/api/v1/interview/personas", headers=auth(tenant))).json()["data"]
    assert len(rows) == 2  # the tenant's own persona + exactly one SRE


async def test_mismatch_and_key_scope(client: Any) -> None:
    tenant = await new_tenant(client)
    other = await new_tenant(client)
    path = "/api/v1/interview/personas"
    await client.post(path, json={"role_name": "A", "language": "en"}, headers=keyed(tenant, "k"))
    r = await client.post(
        path, json={"role_name": "B", "language": "en"}, headers=keyed(tenant, "k")
    )
    assert (r.status_code, r.json()["error"]["code"]) == (422, "IDEMPOTENCY_KEY_MISMATCH")
    r = await client.post(
        f"/api/v1/interview/personas/{tenant['persona_id']}/sessions",
        json={"consent_mode": "explicit"},
        headers=keyed(tenant, "k"),
    )
    assert (r.status_code, r.json()["error"]["code"]) == (422, "IDEMPOTENCY_KEY_MISMATCH")
    sessions = (await client.get("/api/v1/interview/sessions", headers=auth(tenant))).json()
    assert sessions["data"] == []  # same key on another path: refused, nothing started
    r = await client.post(
        path, json={"role_name": "B", "language": "en"}, headers=keyed(other, "k")
    )
    assert r.status_code == 201  # keys are scoped to the client


async def test_failures_are_not_remembered(client: Any) -> None:
    tenant = await new_tenant(client)
    path = f"/api/v1/interview/personas/{tenant['persona_id']}/sessions"
    bad = await client.post(
        path, json={"consent_mode": "explicit", "tags": ["a", "a"]}, headers=keyed(tenant, "k")
    )
    assert bad.status_code == 400
    again = await client.post(
        path, json={"consent_mode": "explicit", "tags": ["a", "a"]}, headers=keyed(tenant, "k")
    )
    assert again.status_code == 400
    assert "idempotent-replayed" not in again.headers
    r = await client.post(path, json={"consent_mode": "explicit"}, headers=keyed(tenant, "k"))
    assert r.status_code == 201


async def test_bad_key_is_rejected(client: Any) -> None:
    tenant = await new_tenant(client)
    r = await client.post(
        "/api/v1/interview/personas",
        json={"role_name": "A", "language": "e"},
        headers=keyed(tenant, "x" * 256),
    )
    assert (r.status_code, r.json()["error"]["code"]) == (400, "INVALID_INPUT")


async def test_session_replay_mints_fresh_link_then_refuses_once_started(client: Any) -> None:
    tenant = await new_tenant(client)
    path = f"/api/v1/interview/personas/{tenant['persona_id']}/sessions"
    body = {"consent_mode": "explicit"}
    first = await client.post(path, json=body, headers=keyed(tenant, "s1"))
    again = await client.post(path, json=body, headers=keyed(tenant, "s1"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["cache-control"] == "no-store"
    assert again.json()["id"] == first.json()["id"]
    assert token(again.json()) != token(first.json())
    assert (await verify(client, token(first.json()))).json()["error"]["code"] == "INVALID_TOKEN"
    assert (await verify(client, token(again.json()))).status_code == 200
    moved_on = await client.post(path, json=body, headers=keyed(tenant, "s1"))
    assert moved_on.status_code == 409
    assert moved_on.json()["error"]["code"] == "IDEMPOTENCY_KEY_USED"
    assert moved_on.json()["error"]["details"] == {"session_id": first.json()["id"]}
    rows = (await client.get("/api/v1/interview/sessions", headers=auth(tenant))).json()["data"]
    assert len(rows) == 1


async def test_reinvite_replay(client: Any) -> None:
    tenant = await new_tenant(client)
    created = (await start(client, tenant)).json()
    await verify(client, token(created))
    await complete(client, created["id"], status="failed")
    path = f"/api/v1/interview/sessions/{created['id']}/reinvite"
    first = await client.post(path, headers=keyed(tenant, "r1"))
    again = await client.post(path, headers=keyed(tenant, "r1"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["idempotent-replayed"] == "true"
    detail = (
        await client.get(f"/api/v1/interview/sessions/{created['id']}", headers=auth(tenant))
    ).json()
    assert detail["invite_count"] == 2  # the replay did not re-invite twice
