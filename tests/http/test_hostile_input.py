"""Hostile and malformed input (api.md §2) on both stores: 400 naming the field, nothing
written, never a 500 or an error-level line; a completion is sanitised, never lost."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from dishka import Provider, Scope, provide
from litestar.testing import AsyncTestClient
from structlog.testing import capture_logs

from tests.harness import World
from tests.http.helpers import ADMIN, auth, complete, new_tenant, signed_post, start, token, verify
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.entrypoints.http.app import create_app
from zenhire.entrypoints.logs import configure_logging

NUL = "\u0000"
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def logs() -> Iterator[list[dict[str, Any]]]:
    with capture_logs() as captured:
        yield captured


def loud(logs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Log entries above info."""
    return [e for e in logs if e["log_level"] not in ("debug", "info")]


def problems(response: Any) -> list[str]:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "INVALID_INPUT"
    return [p["field"] for p in error["details"]["fields"]]


async def post_raw(client: Any, path: str, body: bytes, headers: dict[str, str]) -> Any:
    return await client.post(path, content=body, headers={**headers, **JSON})


class TestUndecodableBodies:
    async def test_invalid_utf8(self, store_client: Any, logs: list[dict[str, Any]]) -> None:
        tenant = await new_tenant(store_client)
        body = b'{"role_name": "\xff\xfe", "language": "en"}'
        r = await post_raw(store_client, "/api/v1/interview/personas", body, auth(tenant))
        assert problems(r) == ["body"]
        assert loud(logs) == []

    @pytest.mark.parametrize(
        "body",
        [
            b"[" * 1000 + b"]" * 1000,
            b'{"role_name": "x", "language": "en", "system_prompt": '
            + b"[" * 40
            + b"]" * 40
            + b"}",
        ],
        ids=["1000-deep", "40-deep-field"],
    )
    async def test_deep_nesting(
        self, store_client: Any, logs: list[dict[str, Any]], body: bytes
    ) -> None:
        tenant = await new_tenant(store_client)
        r = await post_raw(store_client, "/api/v1/interview/personas", body, auth(tenant))
        assert problems(r) == ["body"]
        assert "32 levels" in r.json()["error"]["details"]["fields"][0]["problem"]
        assert loud(logs) == []

    async def test_deep_nesting_on_a_signed_call(
        self, store_client: Any, logs: list[dict[str, Any]]
    ) -> None:
        raw = b'{"token": ' + b"[" * 1000 + b"]" * 1000 + b"}"
        r = await signed_post(store_client, "/api/v1/interview/s2s/verify", raw)
        assert problems(r) == ["body"]
        assert loud(logs) == []


class TestNulCharacters:
    async def test_refused_on_creates_naming_the_field_and_nothing_written(
        self, store_client: Any, logs: list[dict[str, Any]]
    ) -> None:
        tenant = await new_tenant(store_client)
        key = auth(tenant)
        personas = "/api/v1/interview/personas"
        r = await store_client.post(
            personas, json={"role_name": f"a{NUL}b", "language": "en"}, headers=key
        )
        assert problems(r) == ["role_name"]
        r = await start(
            store_client,
            tenant,
            candidate_ref=f"c{NUL}",
            tags=["ok", f"t{NUL}"],
            metadata={"k": f"v{NUL}", f"k{NUL}": "v"},
        )
        assert problems(r) == ["candidate_ref", "metadata.k", "metadata.k\\u0000", "tags[1]"]
        r = await store_client.post("/api/v1/admin/clients", json={"name": NUL}, headers=ADMIN)
        assert problems(r) == ["name"]
        client_path = f"/api/v1/admin/clients/{tenant['client_id']}"
        for path, body, field in [
            (f"{client_path}/projects", {"name": f"p{NUL}"}, "name"),
            (f"{client_path}/api-keys", {"name": f"k{NUL}"}, "name"),
            (f"{client_path}/credits", {"amount": 5, "reason": f"r{NUL}"}, "reason"),
        ]:
            assert problems(await store_client.post(path, json=body, headers=ADMIN)) == [field]
        assert len((await store_client.get(personas, headers=key)).json()["data"]) == 1
        sessions = (await store_client.get("/api/v1/interview/sessions", headers=key)).json()
        assert sessions["data"] == []
        assert (await store_client.get(client_path, headers=ADMIN)).json()["credits"] == 100
        assert loud(logs) == []

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("candidate_ref=%00", "candidate_ref"),
            ("tag=a%00", "tag"),
            ("metadata.k=%00", "metadata.k"),
        ],
    )
    async def test_refused_in_query_parameters(
        self, store_client: Any, logs: list[dict[str, Any]], query: str, field: str
    ) -> None:
        tenant = await new_tenant(store_client)
        r = await store_client.get(f"/api/v1/interview/sessions?{query}", headers=auth(tenant))
        assert problems(r) == [field]
        assert loud(logs) == []

    async def test_a_completion_carrying_nul_is_recorded_charged_and_marked_sanitised(
        self, store_client: Any, store_world: World, logs: list[dict[str, Any]]
    ) -> None:
        tenant = await new_tenant(store_client, credits=10)
        created = (await start(store_client, tenant)).json()
        assert (await verify(store_client, token(created))).status_code == 200
        store_world.clock.advance(61)  # the interview lasts what it reports (api.md §6.3)
        report = {
            "delivery_id": f"d{NUL}1",
            "duration_sec": 61,
            "transcript_s3_key": f"t/{NUL}x.json",
            "interview_svc_session_id": f"ses{NUL}",
            "feedback": {"rating": 4, "comment": f"fine{NUL}{NUL}!"},
        }
        r = await complete(store_client, created["id"], **report)
        assert r.status_code == 200, r.text
        assert r.json() == {"session_id": created["id"], "status": "completed", "charged": 2}
        path = f"/api/v1/interview/sessions/{created['id']}"
        detail = (await store_client.get(path, headers=auth(tenant))).json()
        assert detail["status"] == "completed"
        assert (detail["transcript_s3_key"], detail["interview_svc_session_id"]) == (
            "t/x.json",
            "ses",
        )
        assert detail["feedback"]["comment"] == "fine!"
        events = (await store_client.get(f"{path}/events", headers=auth(tenant))).json()["data"]
        (done,) = [e for e in events if e["type"] == "completed"]
        assert done["data"]["sanitised"] is True
        credits = (await store_client.get("/api/v1/credits", headers=auth(tenant))).json()
        assert credits["balance"] == 8
        # The same delivery again is a replay (its id compared without the NUL), not a second
        # charge.
        again = await complete(store_client, created["id"], **report)
        assert again.json() == r.json()
        assert loud(logs) == []

    async def test_a_clean_completion_is_not_marked(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        created = (await start(store_client, tenant)).json()
        await verify(store_client, token(created))
        await complete(store_client, created["id"], status="failed", error_code="X")
        path = f"/api/v1/interview/sessions/{created['id']}/events"
        events = (await store_client.get(path, headers=auth(tenant))).json()["data"]
        assert [e["data"] for e in events if e["type"] == "failed"] == [{"error_code": "X"}]


class TestStrictTypes:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"name": "a", "credits": "5"}, "credits"),
            ({"name": "a", "active": 0}, "active"),
            ({"name": "a", "max_concurrent_interviews": "3"}, "max_concurrent_interviews"),
            ({"name": "a", "credits": 5.5}, "credits"),  # 5.0 is the integer 5
            ({"name": 7}, "name"),
            ({"name": "a", "permissions": "interview"}, "permissions"),
        ],
    )
    async def test_admin_client_create(
        self, store_client: Any, body: dict[str, Any], field: str
    ) -> None:
        r = await store_client.post("/api/v1/admin/clients", json=body, headers=ADMIN)
        assert problems(r) == [field]

    async def test_admin_updates_keys_and_credits(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        path = f"/api/v1/admin/clients/{tenant['client_id']}"
        for method, url, body, field in [
            ("PATCH", path, {"active": "false"}, "active"),
            ("PATCH", path, {"max_concurrent_interviews": True}, "max_concurrent_interviews"),
            ("POST", f"{path}/credits", {"amount": "5", "reason": "r"}, "amount"),
            ("POST", f"{path}/api-keys", {"rate_limit_per_minute": "10"}, "rate_limit_per_minute"),
        ]:
            r = await store_client.request(method, url, json=body, headers=ADMIN)
            assert problems(r) == [field], (url, body)
        after = (await store_client.get(path, headers=ADMIN)).json()
        assert (after["active"], after["credits"]) == (True, 100)

    async def test_integrator_and_backend_bodies(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        r = await start(store_client, tenant, candidate_ref=12)
        assert problems(r) == ["candidate_ref"]
        r = await start(store_client, tenant, tags="a")
        assert problems(r) == ["tags"]
        created = (await start(store_client, tenant)).json()
        await verify(store_client, token(created))
        r = await complete(store_client, created["id"], duration_sec="60")
        assert problems(r) == ["duration_sec"]
        r = await complete(store_client, created["id"], duration_sec=60, feedback={"rating": "5"})
        assert problems(r) == ["feedback.rating"]

    async def test_metadata_values_keep_their_types(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        created = (await start(store_client, tenant, metadata={"n": 3, "s": "3"})).json()
        path = f"/api/v1/interview/sessions/{created['id']}"
        detail = (await store_client.get(path, headers=auth(tenant))).json()
        assert detail["metadata"] == {"n": 3, "s": "3"}


class _BrokenCredits(Provider):
    """Makes ``GET /api/v1/credits`` fail with an unexpected error."""

    @provide(scope=Scope.REQUEST)
    def credits(self) -> GetCredits:
        raise RuntimeError("boom")


class TestLogLevels:
    async def test_a_500_is_one_error_line_with_request_id_and_traceback(self) -> None:
        world = World()
        app = create_app(world.settings, *world.overrides(), _BrokenCredits())
        stream = io.StringIO()
        async with AsyncTestClient(app) as client:
            tenant = await new_tenant(client)
            configure_logging("json", stream=stream)
            try:
                r = await client.get("/api/v1/credits", headers=auth(tenant))
            finally:
                logging.getLogger().handlers.clear()
        assert r.status_code == 500
        assert r.json()["error"]["code"] == "INTERNAL_ERROR"
        assert "boom" not in r.text
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
        (line,) = [e for e in lines if e["level"] not in ("debug", "info")]
        assert line["level"] == "error"
        assert (line["event"], line["status"]) == ("request", 500)
        assert line["request_id"] == r.headers["x-request-id"]
        assert line["error_type"] == "RuntimeError"
        assert "RuntimeError: boom" in line["exception"]

    async def test_4xx_are_info(self, store_client: Any, logs: list[dict[str, Any]]) -> None:
        tenant = await new_tenant(store_client)
        answers = [
            await store_client.get("/api/v1/credits"),
            await store_client.get("/api/v1/nope"),
            await store_client.get("/api/v1/interview/sessions?limit=0", headers=auth(tenant)),
            await store_client.get("/api/v1/interview/sessions?cursor=x", headers=auth(tenant)),
            await post_raw(store_client, "/api/v1/interview/personas", b"{", auth(tenant)),
            await store_client.post("/api/v1/admin/clients", json={}, headers=ADMIN),
        ]
        assert all(400 <= r.status_code < 500 for r in answers)
        assert loud(logs) == []
        assert len([e for e in logs if e["event"] == "request"]) == len(answers) + 3
