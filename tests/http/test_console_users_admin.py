"""``POST /api/v1/admin/clients/{id}/users``: the operator invites a client's console user."""

from __future__ import annotations

from typing import Any

from tests.http.helpers import ADMIN, new_tenant


async def test_creates_a_user_with_a_one_time_invite_link(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    response = await store_client.post(
        f"/api/v1/admin/clients/{tenant['client_id']}/users",
        json={"email": "Owner@Example.com", "role": "owner"},
        headers=ADMIN,
    )
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert (body["email"], body["role"], body["client_id"]) == (
        "owner@example.com",
        "owner",
        tenant["client_id"],
    )
    assert body["invite_url"].startswith("http://127.0.0.1:8000/console/invite/")
    assert len(body["invite_url"].rsplit("/", 1)[1]) >= 43  # 256 bits, URL-safe
    again = await store_client.post(
        f"/api/v1/admin/clients/{tenant['client_id']}/users",
        json={"email": "owner@example.com", "role": "admin"},
        headers=ADMIN,
    )
    assert again.status_code == 201  # still pending: a new link replaces the first
    assert again.json()["invite_url"] != body["invite_url"]


async def test_refusals(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    path = f"/api/v1/admin/clients/{tenant['client_id']}/users"
    cases: list[tuple[dict[str, Any], dict[str, str], int, str]] = [
        ({"email": "a@example.com", "role": "owner"}, {}, 401, "INVALID_ADMIN_TOKEN"),
        ({"email": "a@example.com", "role": "god"}, ADMIN, 400, "INVALID_INPUT"),
        ({"email": "not-an-email", "role": "owner"}, ADMIN, 400, "INVALID_INPUT"),
        ({"email": "a@example.com"}, ADMIN, 400, "INVALID_INPUT"),
        ({"email": "a@example.com", "role": "owner", "x": 1}, ADMIN, 400, "INVALID_INPUT"),
    ]
    for body, headers, status, code in cases:
        response = await store_client.post(path, json=body, headers=headers)
        assert (response.status_code, response.json()["error"]["code"]) == (status, code), body
        assert "invite_url" not in response.text
    unknown = await store_client.post(
        "/api/v1/admin/clients/00000000-0000-7000-8000-000000000000/users",
        json={"email": "a@example.com", "role": "owner"},
        headers=ADMIN,
    )
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "NOT_FOUND")
