"""The operator's list endpoints (api.md §9.1) on both stores: clients, projects, API keys,
ledger; filters, keyset pages, unknown clients.

Rows made in one test are a second apart on the test's clock, so "newest first" is the order
they were made in, reversed (rows of one instant are ordered by id, which is random within a
millisecond).
"""

from __future__ import annotations

import uuid
from typing import Any

from tests.harness import World
from tests.http.helpers import ADMIN, complete, new_tenant, start, token, verify

BASE = "/api/v1/admin"
KEY_FIELDS = {
    "id",
    "prefix",
    "name",
    "client_id",
    "project_id",
    "expires_at",
    "allowed_ips",
    "rate_limit_per_minute",
    "revoked_at",
    "last_used_at",
    "created_at",
}


async def admin_get(c: Any, path: str, **params: Any) -> Any:
    r = await c.get(BASE + path, params=params, headers=ADMIN)
    assert r.status_code == 200, r.text
    return r.json()


async def every_page(c: Any, path: str, **params: Any) -> list[list[dict[str, Any]]]:
    """Each page's rows, following ``next_cursor`` to the end."""
    pages: list[list[dict[str, Any]]] = []
    cursor = None
    while True:
        body = await admin_get(c, path, **params, **({"cursor": cursor} if cursor else {}))
        pages.append(body["data"])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


async def made(world: World, c: Any, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST as the operator, then move the clock on a second."""
    r = await c.post(BASE + path, json=body, headers=ADMIN)
    assert r.status_code == 201, r.text
    world.clock.advance(seconds=1)
    return dict(r.json())


async def new_client(world: World, c: Any, name: str, **fields: Any) -> dict[str, Any]:
    return await made(world, c, "/clients", {"name": name, **fields})


class TestClientList:
    async def test_newest_first_in_keyset_pages(
        self, store_world: World, store_client: Any
    ) -> None:
        ids = [(await new_client(store_world, store_client, f"Acme {i}"))["id"] for i in range(5)]
        pages = await every_page(store_client, "/clients", limit=2)
        assert [len(p) for p in pages] == [2, 2, 1]
        assert [row["id"] for page in pages for row in page] == ids[::-1]

    async def test_filters_active_and_name_prefix(
        self, store_world: World, store_client: Any
    ) -> None:
        a = await new_client(store_world, store_client, "Acme Hiring")
        b = await new_client(store_world, store_client, "Acme Labs", active=False)
        await new_client(store_world, store_client, "Beta")
        await new_client(store_world, store_client, "acme lowercase")
        rows = (await admin_get(store_client, "/clients", name_prefix="Acme"))["data"]
        assert [r["id"] for r in rows] == [b["id"], a["id"]]
        rows = (await admin_get(store_client, "/clients", name_prefix="Acme", active="true"))[
            "data"
        ]
        assert [r["id"] for r in rows] == [a["id"]]
        rows = (await admin_get(store_client, "/clients", active="false"))["data"]
        assert [r["id"] for r in rows] == [b["id"]]
        assert (await admin_get(store_client, "/clients", name_prefix="%"))["data"] == []
        assert (await admin_get(store_client, "/clients", name_prefix="_cme"))["data"] == []

    async def test_rows_are_the_client_with_balance_and_live_count(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client, credits=40)
        await verify(store_client, token((await start(store_client, tenant)).json()))
        (row,) = (await admin_get(store_client, "/clients"))["data"]
        assert row == await admin_get(store_client, f"/clients/{tenant['client_id']}")
        assert (row["credits"], row["live_interviews"]) == (40, 1)

    async def test_bad_filters_and_cursors_are_400(self, store_client: Any) -> None:
        for params, code in (
            ({"limit": 0}, "INVALID_INPUT"),
            ({"limit": 101}, "INVALID_INPUT"),
            ({"active": "maybe"}, "INVALID_INPUT"),
            ({"name_prefix": "a\x00b"}, "INVALID_INPUT"),
            ({"name_prefix": "x" * 201}, "INVALID_INPUT"),
            ({"cursor": "not-a-cursor"}, "INVALID_CURSOR"),
        ):
            r = await store_client.get(BASE + "/clients", params=params, headers=ADMIN)
            assert (r.status_code, r.json()["error"]["code"]) == (400, code), params

    async def test_admin_token_required(self, store_client: Any) -> None:
        r = await store_client.get(BASE + "/clients")
        assert (r.status_code, r.json()["error"]["code"]) == (401, "INVALID_ADMIN_TOKEN")


class TestProjectList:
    async def test_a_clients_projects_newest_first_in_pages(
        self, store_world: World, store_client: Any
    ) -> None:
        client = await new_client(store_world, store_client, "A")
        other = await new_client(store_world, store_client, "B")
        path = f"/clients/{client['id']}/projects"
        projects = [
            await made(store_world, store_client, path, {"name": f"P{i}"}) for i in range(3)
        ]
        await made(store_world, store_client, f"/clients/{other['id']}/projects", {"name": "x"})
        pages = await every_page(store_client, path, limit=2)
        assert [row for page in pages for row in page] == projects[::-1]
        assert projects[0].keys() == {"id", "client_id", "name", "created_at"}


class TestApiKeyList:
    async def test_revoked_keys_only_when_asked_and_never_the_key(
        self, store_world: World, store_client: Any
    ) -> None:
        client = await new_client(store_world, store_client, "A")
        path = f"/clients/{client['id']}/api-keys"
        body = {"allowed_ips": ["10.0.0.0/8"], "rate_limit_per_minute": 9}
        keys = [
            await made(store_world, store_client, path, {"name": f"k{i}", **body}) for i in range(3)
        ]
        await store_client.delete(f"{BASE}/api-keys/{keys[1]['id']}", headers=ADMIN)
        live = (await admin_get(store_client, path))["data"]
        assert [k["id"] for k in live] == [keys[2]["id"], keys[0]["id"]]
        pages = await every_page(store_client, path, include_revoked="true", limit=2)
        rows = [row for page in pages for row in page]
        assert [k["id"] for k in rows] == [k["id"] for k in keys[::-1]]
        assert all(row.keys() == KEY_FIELDS for row in rows)
        revoked = rows[1]
        assert revoked["revoked_at"] is not None
        expected = {f: keys[2][f] for f in KEY_FIELDS - {"last_used_at"}}
        assert {f: rows[0][f] for f in expected} == expected
        assert (rows[0]["allowed_ips"], rows[0]["rate_limit_per_minute"]) == (["10.0.0.0/8"], 9)
        listing = (await store_client.get(BASE + path, headers=ADMIN)).text
        assert not any(k["key"] in listing for k in keys)

    async def test_last_used_at_is_the_minute_of_the_last_request(
        self, store_world: World, store_client: Any
    ) -> None:
        tenant = await new_tenant(store_client)  # creating its persona used the key
        (row,) = (await admin_get(store_client, f"/clients/{tenant['client_id']}/api-keys"))["data"]
        assert row["last_used_at"] is not None
        assert row["last_used_at"].endswith(":00.000Z")
        assert row["last_used_at"] >= row["created_at"][:17] + "00.000Z"
        store_world.clock.advance(seconds=1)
        other = await made(
            store_world, store_client, f"/clients/{tenant['client_id']}/api-keys", {}
        )
        rows = (await admin_get(store_client, f"/clients/{tenant['client_id']}/api-keys"))["data"]
        assert (rows[0]["id"], rows[0]["last_used_at"]) == (other["id"], None)


class TestLedgerList:
    async def test_newest_seq_first_filtered_by_kind_in_pages(
        self, store_client: Any, store_world: World
    ) -> None:
        tenant = await new_tenant(store_client, credits=100)
        path = f"/clients/{tenant['client_id']}/ledger"
        for amount in (5, -3, 7):
            await store_client.post(
                f"{BASE}/clients/{tenant['client_id']}/credits",
                json={"amount": amount, "reason": f"r{amount}"},
                headers=ADMIN,
            )
        created = (await start(store_client, tenant)).json()
        await verify(store_client, token(created))
        store_world.clock.advance(61)  # the interview lasts what it reports (api.md §6.3)
        await complete(store_client, created["id"], duration_sec=61)
        pages = await every_page(store_client, path, limit=2)
        rows = [row for page in pages for row in page]
        assert [len(p) for p in pages] == [2, 2, 1]
        assert [r["seq"] for r in rows] == [5, 4, 3, 2, 1]
        assert [(r["kind"], r["amount"]) for r in rows] == [
            ("charge", -2),
            ("grant", 7),
            ("adjustment", -3),
            ("grant", 5),
            ("grant", 100),
        ]
        assert rows[0]["session_id"] == created["id"]
        assert rows[0]["balance_after"] == 107
        grants = await every_page(store_client, path, kind="grant", limit=2)
        assert [r["seq"] for page in grants for r in page] == [4, 2, 1]
        r = await store_client.get(BASE + path, params={"kind": "gift"}, headers=ADMIN)
        assert (r.status_code, r.json()["error"]["code"]) == (400, "INVALID_INPUT")

    async def test_a_cursor_of_another_list_is_refused(
        self, store_world: World, store_client: Any
    ) -> None:
        for i in range(3):
            await new_client(store_world, store_client, f"C{i}")
        clients_cursor = (await admin_get(store_client, "/clients", limit=1))["next_cursor"]
        client = await new_client(store_world, store_client, "A", credits=1)
        r = await store_client.get(
            f"{BASE}/clients/{client['id']}/ledger",
            params={"cursor": clients_cursor},
            headers=ADMIN,
        )
        assert (r.status_code, r.json()["error"]["code"]) == (400, "INVALID_CURSOR")


async def test_lists_of_an_unknown_client_are_404(store_client: Any) -> None:
    unknown = uuid.uuid4()
    for what in ("projects", "api-keys", "ledger"):
        r = await store_client.get(f"{BASE}/clients/{unknown}/{what}", headers=ADMIN)
        assert (r.status_code, r.json()["error"]["code"]) == (404, "NOT_FOUND"), what
