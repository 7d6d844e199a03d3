"""Error envelope, request ids, strict bodies, body limit, no-store."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.harness import World
from tests.http.helpers import ADMIN, auth, new_tenant, start

REQ_ID = re.compile(r"req_\d+_[0-9a-f]+")


def assert_envelope(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["requestId"] == response.headers["x-request-id"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", error["timestamp"])
    assert isinstance(error["message"], str)
    return dict(error)


async def test_readiness(client: Any, world: World) -> None:
    response = await client.get("/api/v1/health/ready")
    assert response.status_code == 200
    database = "memory" if world.settings.in_memory else "ok"
    assert response.json() == {"status": "ok", "checks": {"database": database, "schema": "ok"}}


class TestRequestId:
    async def test_minted_when_absent(self, client: Any) -> None:
        response = await client.get("/api/v1/health")
        assert response.json() == {"status": "ok"}
        assert REQ_ID.fullmatch(response.headers["x-request-id"])

    async def test_valid_one_is_echoed(self, client: Any) -> None:
        response = await client.get("/api/v1/credits", headers={"X-Request-ID": "abc.DEF_1-2"})
        assert response.headers["x-request-id"] == "abc.DEF_1-2"
        assert response.json()["error"]["requestId"] == "abc.DEF_1-2"

    @pytest.mark.parametrize("bad", ["has space", "x" * 129, "semi;colon"])
    async def test_invalid_one_is_replaced(self, client: Any, bad: str) -> None:
        response = await client.get("/api/v1/health", headers={"X-Request-ID": bad})
        assert REQ_ID.fullmatch(response.headers["x-request-id"])


class TestErrors:
    async def test_unknown_route(self, client: Any) -> None:
        assert_envelope(await client.get("/api/v1/nope"), 404, "NOT_FOUND")

    async def test_missing_key(self, client: Any) -> None:
        assert_envelope(await client.get("/api/v1/interview/personas"), 401, "MISSING_API_KEY")

    async def test_invalid_key(self, client: Any) -> None:
        response = await client.get(
            "/api/v1/interview/personas", headers={"X-API-Key": "zh_api_nope"}
        )
        assert_envelope(response, 401, "INVALID_API_KEY")

    async def test_bearer_accepted(self, client: Any) -> None:
        tenant = await new_tenant(client)
        response = await client.get(
            "/api/v1/interview/personas", headers={"Authorization": f"Bearer {tenant['key']}"}
        )
        assert response.status_code == 200

    @pytest.mark.parametrize("field", ["project_id", "client_id", "status"])
    async def test_unknown_body_fields_rejected(self, client: Any, field: str) -> None:
        tenant = await new_tenant(client)
        error = assert_envelope(await start(client, tenant, **{field: "x"}), 400, "INVALID_INPUT")
        assert error["details"]["fields"][0]["field"] == field

    async def test_malformed_json(self, client: Any) -> None:
        tenant = await new_tenant(client)
        response = await client.post(
            "/api/v1/interview/personas", content=b"{not json", headers=auth(tenant)
        )
        assert_envelope(response, 400, "INVALID_INPUT")

    async def test_body_over_64_kib(self, client: Any) -> None:
        tenant = await new_tenant(client)
        body = b'{"role_name":"' + b"x" * (64 * 1024) + b'","language":"en"}'
        response = await client.post(
            "/api/v1/interview/personas",
            content=body,
            headers={**auth(tenant), "Content-Type": "application/json"},
        )
        assert_envelope(response, 413, "PAYLOAD_TOO_LARGE")

    async def test_auth_before_body(self, client: Any) -> None:
        response = await client.post(
            "/api/v1/interview/personas",
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )
        assert_envelope(response, 401, "MISSING_API_KEY")

    async def test_limit_out_of_range(self, client: Any) -> None:
        tenant = await new_tenant(client)
        for limit in (0, 101):
            response = await client.get(
                f"/api/v1/interview/sessions?limit={limit}", headers=auth(tenant)
            )
            assert_envelope(response, 400, "INVALID_INPUT")

    async def test_bad_cursor(self, client: Any) -> None:
        tenant = await new_tenant(client)
        response = await client.get(
            "/api/v1/interview/sessions?cursor=garbage", headers=auth(tenant)
        )
        assert_envelope(response, 400, "INVALID_CURSOR")

    async def test_missing_permission_on_reads_not_credits(self, client: Any) -> None:
        tenant = await new_tenant(client)
        await client.patch(
            f"/api/v1/admin/clients/{tenant['client_id']}", json={"permissions": []}, headers=ADMIN
        )
        response = await client.get("/api/v1/interview/sessions", headers=auth(tenant))
        assert_envelope(response, 403, "MISSING_PERMISSION")
        assert (await client.get("/api/v1/credits", headers=auth(tenant))).status_code == 200

    async def test_inactive_client(self, client: Any) -> None:
        tenant = await new_tenant(client)
        await client.patch(
            f"/api/v1/admin/clients/{tenant['client_id']}", json={"active": False}, headers=ADMIN
        )
        response = await client.get("/api/v1/credits", headers=auth(tenant))
        assert_envelope(response, 401, "CLIENT_INACTIVE")
