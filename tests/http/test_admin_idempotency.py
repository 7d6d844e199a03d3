"""Idempotency-Key on the operator's POST /clients and POST /clients/{id}/credits (api.md §9.1,
§10.1), scoped to the admin token, on both stores: a grant retried after a timeout credits
once."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.http.helpers import ADMIN, new_tenant

BASE = "/api/v1/admin"


def keyed(key: str) -> dict[str, str]:
    return {**ADMIN, "Idempotency-Key": key}


async def ledger(c: Any, client_id: str) -> list[dict[str, Any]]:
    r = await c.get(f"{BASE}/clients/{client_id}/ledger", headers=ADMIN)
    return list(r.json()["data"])


async def test_a_grant_sent_twice_credits_once(store_client: Any) -> None:
    client = (await store_client.post(BASE + "/clients", json={"name": "A"}, headers=ADMIN)).json()
    path = f"{BASE}/clients/{client['id']}/credits"
    body = {"amount": 500, "reason": "invoice 42"}
    first = await store_client.post(path, json=body, headers=keyed("grant-42"))
    again = await store_client.post(path, json=body, headers=keyed("grant-42"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert [row["id"] for row in await ledger(store_client, client["id"])] == [first.json()["id"]]
    detail = (await store_client.get(f"{BASE}/clients/{client['id']}", headers=ADMIN)).json()
    assert detail["credits"] == 500


async def test_a_client_created_twice_exists_once(store_client: Any) -> None:
    body = {"name": "Acme", "credits": 100}
    first = await store_client.post(BASE + "/clients", json=body, headers=keyed("acme"))
    again = await store_client.post(BASE + "/clients", json=body, headers=keyed("acme"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    rows = (await store_client.get(BASE + "/clients", headers=ADMIN)).json()["data"]
    assert [r["id"] for r in rows] == [first.json()["id"]]
    assert len(await ledger(store_client, first.json()["id"])) == 1


async def test_the_same_key_with_another_body_or_path_is_422(store_client: Any) -> None:
    a = (await store_client.post(BASE + "/clients", json={"name": "A"}, headers=ADMIN)).json()
    b = (await store_client.post(BASE + "/clients", json={"name": "B"}, headers=ADMIN)).json()
    body = {"amount": 10, "reason": "x"}
    await store_client.post(f"{BASE}/clients/{a['id']}/credits", json=body, headers=keyed("k"))
    for path, other in (
        (f"{BASE}/clients/{a['id']}/credits", {"amount": 11, "reason": "x"}),
        (f"{BASE}/clients/{b['id']}/credits", body),
        (f"{BASE}/clients", {"name": "C"}),
    ):
        r = await store_client.post(path, json=other, headers=keyed("k"))
        assert (r.status_code, r.json()["error"]["code"]) == (422, "IDEMPOTENCY_KEY_MISMATCH")
    assert len(await ledger(store_client, a["id"])) == 1
    assert await ledger(store_client, b["id"]) == []


async def test_failed_grants_are_not_remembered(store_client: Any) -> None:
    client = (await store_client.post(BASE + "/clients", json={"name": "A"}, headers=ADMIN)).json()
    path = f"{BASE}/clients/{client['id']}/credits"
    r = await store_client.post(path, json={"amount": 0, "reason": "x"}, headers=keyed("k"))
    assert r.status_code == 400
    r = await store_client.post(path, json={"amount": 3, "reason": "x"}, headers=keyed("k"))
    assert r.status_code == 201
    assert "idempotent-replayed" not in r.headers


async def test_admin_keys_and_client_keys_are_apart(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    persona = {"role_name": "SRE", "language": "en"}
    headers = {"X-API-Key": tenant["key"], "Idempotency-Key": "shared"}
    r = await store_client.post("/api/v1/interview/personas", json=persona, headers=headers)
    assert r.status_code == 201
    r = await store_client.post(BASE + "/clients", json={"name": "B"}, headers=keyed("shared"))
    assert r.status_code == 201
    assert "idempotent-replayed" not in r.headers


async def test_racing_retries_of_one_grant_credit_once(store_client: Any) -> None:
    client = (await store_client.post(BASE + "/clients", json={"name": "A"}, headers=ADMIN)).json()
    path = f"{BASE}/clients/{client['id']}/credits"
    body = {"amount": 250, "reason": "retry storm"}
    answers = await asyncio.gather(
        *(store_client.post(path, json=body, headers=keyed("storm")) for _ in range(12))
    )
    assert {r.status_code for r in answers} <= {201, 409}
    granted = {r.json()["id"] for r in answers if r.status_code == 201}
    assert len(granted) == 1
    assert [row["id"] for row in await ledger(store_client, client["id"])] == list(granted)
    busy = [r.json()["error"]["code"] for r in answers if r.status_code == 409]
    assert set(busy) <= {"IDEMPOTENCY_IN_PROGRESS"}
