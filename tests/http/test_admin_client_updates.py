"""PATCH /admin/clients/{id} writes only the fields sent, atomically, on both stores."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.http.helpers import ADMIN

PAIRS = 40


async def test_racing_rename_and_deactivate_keep_both_changes(store_client: Any) -> None:
    ids = [
        (
            await store_client.post(
                "/api/v1/admin/clients", json={"name": f"client-{i}"}, headers=ADMIN
            )
        ).json()["id"]
        for i in range(PAIRS)
    ]

    def patch(client_id: str, body: dict[str, Any]) -> Any:
        return store_client.patch(f"/api/v1/admin/clients/{client_id}", json=body, headers=ADMIN)

    answers = await asyncio.gather(
        *(
            call
            for i, client_id in enumerate(ids)
            for call in (
                patch(client_id, {"name": f"renamed-{i}"}),
                patch(client_id, {"active": False}),
            )
        )
    )
    assert {r.status_code for r in answers} == {200}
    for i, client_id in enumerate(ids):
        row = (await store_client.get(f"/api/v1/admin/clients/{client_id}", headers=ADMIN)).json()
        assert (row["name"], row["active"]) == (f"renamed-{i}", False)


async def test_patch_answers_the_client_as_written(store_client: Any) -> None:
    created = (
        await store_client.post(
            "/api/v1/admin/clients", json={"name": "A", "credits": 9}, headers=ADMIN
        )
    ).json()
    path = f"/api/v1/admin/clients/{created['id']}"
    r = await store_client.patch(
        path, json={"max_concurrent_interviews": 3, "permissions": []}, headers=ADMIN
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["name"], body["active"], body["credits"]) == ("A", True, 9)
    assert (body["max_concurrent_interviews"], body["permissions"]) == (3, [])
    r = await store_client.patch(path, json={}, headers=ADMIN)
    assert (r.status_code, r.json()) == (200, body)
    r = await store_client.patch(
        "/api/v1/admin/clients/00000000-0000-4000-8000-000000000000",
        json={"active": False},
        headers=ADMIN,
    )
    assert (r.status_code, r.json()["error"]["code"]) == (404, "NOT_FOUND")
