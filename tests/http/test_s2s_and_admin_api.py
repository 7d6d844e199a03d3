"""S2S signatures and decisions over HTTP; the admin API."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest

from tests.harness import ADMIN_TOKEN, S2S_SECRET, World, make_settings
from tests.http.helpers import ADMIN, auth, complete, new_tenant, signed_post, start, token, verify
from zenhire.domain.signatures import sign
from zenhire.entrypoints.http.app import create_app

VERIFY = "/api/v1/interview/s2s/verify"


class TestSignaturesHttp:
    async def test_signature_checked_before_body(self, client: Any) -> None:
        tenant = await new_tenant(client)
        session = (await start(client, tenant)).json()
        for body in (b"{not json", json.dumps({"token": token(session)}).encode()):
            r = await client.post(VERIFY, content=body)
            assert (r.status_code, r.json()["error"]["code"]) == (401, "INVALID_SIGNATURE")
        path = f"/api/v1/interview/sessions/{session['id']}"
        assert (await client.get(path, headers=auth(tenant))).json()["status"] == "initiated"

    @pytest.mark.parametrize(
        ("kwargs", "code"),
        [
            ({"secret": "wrong"}, "INVALID_SIGNATURE"),
            ({"at": -400}, "SIGNATURE_EXPIRED"),  # seconds from the moment of the call
            ({"at": 400}, "SIGNATURE_EXPIRED"),
            ({"header": "t=1"}, "INVALID_SIGNATURE"),
        ],
    )
    async def test_bad_signatures(self, client: Any, kwargs: dict[str, Any], code: str) -> None:
        if "at" in kwargs:  # taken now, not when the module was collected minutes ago
            kwargs = {"at": int(time.time()) + kwargs["at"]}
        r = await signed_post(client, VERIFY, {"token": "zht_x"}, **kwargs)
        assert (r.status_code, r.json()["error"]["code"]) == (401, code)

    async def test_tampered_and_reserialised_bodies(self, client: Any) -> None:
        body = json.dumps({"token": "zht_x"}).encode()
        t = int(time.time())
        header = f"t={t},v1={sign(S2S_SECRET, t, body)}"
        for other in (
            body.replace(b"zht_x", b"zht_y"),
            json.dumps({"token": "zht_x"}, indent=1).encode(),
        ):
            r = await signed_post(client, VERIFY, other, header=header)
            assert r.json()["error"]["code"] == "INVALID_SIGNATURE"
        r = await signed_post(
            client, VERIFY, body, header=f"t={t},v1=00,v1={sign(S2S_SECRET, t, body)}"
        )
        assert r.json()["error"]["code"] == "INVALID_TOKEN"  # signature accepted

    async def test_token_only_in_body(self, client: Any) -> None:
        r = await signed_post(client, VERIFY + "?token=zht_x", {})
        assert (r.status_code, r.json()["error"]["code"]) == (400, "INVALID_INPUT")


class TestVerifyHttp:
    async def test_queue_has_retry_after(self, client: Any) -> None:
        tenant = await new_tenant(client, max_concurrent_interviews=1)
        a = (await start(client, tenant)).json()
        b = (await start(client, tenant)).json()
        assert (await verify(client, token(a))).status_code == 200
        held = await verify(client, token(b))
        assert held.status_code == 202
        assert held.headers["retry-after"] == "5"
        assert held.json() == {
            "result": "queued",
            "session_id": b["id"],
            "queue_position": 1,
            "retry_after_seconds": 5,
            "live_interviews": 1,
            "max_concurrent_interviews": 1,
        }

    async def test_inactive_client_is_403_on_verify(self, client: Any) -> None:
        tenant = await new_tenant(client)
        created = (await start(client, tenant)).json()
        await client.patch(
            f"/api/v1/admin/clients/{tenant['client_id']}", json={"active": False}, headers=ADMIN
        )
        r = await verify(client, token(created))
        assert (r.status_code, r.json()["error"]["code"]) == (403, "CLIENT_INACTIVE")

    async def test_completion_errors(self, client: Any) -> None:
        tenant = await new_tenant(client)
        created = (await start(client, tenant)).json()
        r = await complete(client, created["id"], duration_sec=5)
        assert (r.status_code, r.json()["error"]["code"]) == (409, "SESSION_NOT_ACTIVE")
        r = await complete(client, str(uuid.uuid4()), duration_sec=5)
        assert (r.status_code, r.json()["error"]["code"]) == (404, "NOT_FOUND")
        await verify(client, token(created))
        r = await complete(client, created["id"])
        assert (r.status_code, r.json()["error"]["code"]) == (400, "INVALID_INPUT")
        r = await complete(client, created["id"], duration_sec=-1)
        assert r.status_code == 400
        first = await complete(client, created["id"], duration_sec=5)
        again = await complete(client, created["id"], duration_sec=5)
        assert first.json() == again.json()
        r = await complete(client, created["id"], duration_sec=6)
        assert (r.status_code, r.json()["error"]["code"]) == (409, "DELIVERY_CONFLICT")
        r = await verify(client, token(created))
        assert r.json()["error"]["details"] == {"status": "completed", "error_code": None}


class TestAdminApi:
    async def test_token_required(self, client: Any) -> None:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": ADMIN_TOKEN}):
            r = await client.post("/api/v1/admin/clients", json={"name": "x"}, headers=headers)
            assert (r.status_code, r.json()["error"]["code"]) == (401, "INVALID_ADMIN_TOKEN")

    async def test_disabled_without_token(self, world: World) -> None:
        from litestar.testing import AsyncTestClient

        app = create_app(make_settings(admin_token=None), *world.overrides())
        async with AsyncTestClient(app) as c:
            r = await c.post("/api/v1/admin/clients", json={"name": "x"}, headers=ADMIN)
            assert (r.status_code, r.json()["error"]["code"]) == (404, "NOT_FOUND")

    async def test_clients_credits_projects_keys(self, client: Any) -> None:
        r = await client.post(
            "/api/v1/admin/clients", json={"name": "A", "credits": 7}, headers=ADMIN
        )
        assert r.status_code == 201
        c = r.json()
        assert (c["credits"], c["max_concurrent_interviews"], c["permissions"]) == (
            7,
            8,
            ["interview"],
        )
        cid = c["id"]
        r = await client.post(
            f"/api/v1/admin/clients/{cid}/credits",
            json={"amount": -2, "reason": "fix"},
            headers=ADMIN,
        )
        assert (r.status_code, r.json()["kind"], r.json()["balance_after"]) == (
            201,
            "adjustment",
            5,
        )
        r = await client.post(
            f"/api/v1/admin/clients/{cid}/credits", json={"amount": 0, "reason": "x"}, headers=ADMIN
        )
        assert r.status_code == 400
        project = (
            await client.post(
                f"/api/v1/admin/clients/{cid}/projects", json={"name": "P"}, headers=ADMIN
            )
        ).json()
        r = await client.post(
            f"/api/v1/admin/clients/{cid}/api-keys",
            json={"project_id": project["id"], "allowed_ips": ["127.0.0.1"]},
            headers=ADMIN,
        )
        assert r.status_code == 201
        assert r.headers["cache-control"] == "no-store"
        key = r.json()
        assert key["key"].startswith(key["prefix"])
        assert key["allowed_ips"] == ["127.0.0.1/32"]
        r = await client.post(
            f"/api/v1/admin/clients/{cid}/api-keys",
            json={"project_id": str(uuid.uuid4())},
            headers=ADMIN,
        )
        assert r.status_code == 404
        r = await client.get("/api/v1/credits", headers={"X-API-Key": key["key"]})
        assert r.json()["error"]["code"] == "IP_NOT_ALLOWED"  # the test client is not 127.0.0.1
        r = await client.get(f"/api/v1/admin/clients/{cid}", headers=ADMIN)
        assert r.json()["credits"] == 5
        r = await client.get(f"/api/v1/admin/clients/{uuid.uuid4()}", headers=ADMIN)
        assert r.status_code == 404

    async def test_revocation_and_ip_allow_list(self, client: Any) -> None:
        tenant = await new_tenant(client)
        r = await client.delete(f"/api/v1/admin/api-keys/{tenant['key_id']}", headers=ADMIN)
        assert r.status_code == 200
        assert (
            await client.delete(f"/api/v1/admin/api-keys/{tenant['key_id']}", headers=ADMIN)
        ).status_code == 200
        assert (
            await client.delete(f"/api/v1/admin/api-keys/{uuid.uuid4()}", headers=ADMIN)
        ).status_code == 404
        r = await client.get("/api/v1/credits", headers=auth(tenant))
        assert r.json()["error"]["code"] == "INVALID_API_KEY"
        key = (
            await client.post(
                f"/api/v1/admin/clients/{tenant['client_id']}/api-keys",
                json={"allowed_ips": ["10.9.9.0/24"]},
                headers=ADMIN,
            )
        ).json()
        r = await client.get("/api/v1/credits", headers={"X-API-Key": key["key"]})
        assert (r.status_code, r.json()["error"]["code"]) == (403, "IP_NOT_ALLOWED")

    async def test_project_bound_key_attributes_sessions(self, client: Any) -> None:
        tenant = await new_tenant(client)
        project = (
            await client.post(
                f"/api/v1/admin/clients/{tenant['client_id']}/projects",
                json={"name": "P"},
                headers=ADMIN,
            )
        ).json()
        key = (
            await client.post(
                f"/api/v1/admin/clients/{tenant['client_id']}/api-keys",
                json={"project_id": project["id"]},
                headers=ADMIN,
            )
        ).json()
        bound = {**tenant, "key": key["key"]}
        created = (await start(client, bound)).json()
        await start(client, tenant)
        rows = (
            await client.get(
                f"/api/v1/interview/sessions?project_id={project['id']}", headers=auth(tenant)
            )
        ).json()["data"]
        assert [r["id"] for r in rows] == [created["id"]]
        assert rows[0]["project_id"] == project["id"]
