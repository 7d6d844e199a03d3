"""Integrator session endpoints over HTTP."""

from __future__ import annotations

import uuid
from typing import Any

from tests.http.helpers import ADMIN, auth, complete, new_tenant, start, token, verify


class TestStartSessionHttp:
    async def test_created_shape_and_headers(self, client: Any) -> None:
        tenant = await new_tenant(client)
        response = await start(
            client,
            tenant,
            candidate_ref="r" * 300,
            tags=["a"],
            metadata={"n": 3, "s": "3", "b": True},
        )
        assert response.status_code == 201
        body = response.json()
        assert body["id"] == body["session_id"]
        assert body["status"] == "initiated"
        assert body["expires_in"] == 604800
        assert body["candidate_link"].startswith("https://interview.zenhire.ai/#t=zht_")
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["location"] == f"/api/v1/interview/sessions/{body['id']}"
        detail = (await client.get(response.headers["location"], headers=auth(tenant))).json()
        assert detail["candidate_ref"] == "r" * 256
        assert detail["metadata"] == {"n": 3, "s": "3", "b": True}
        assert detail["invite_count"] == 1
        assert detail["persona"]["id"] == tenant["persona_id"]
        assert token(body) not in str(detail)

    async def test_check_order(self, client: Any) -> None:
        tenant = await new_tenant(client, credits=0)
        other = await new_tenant(client)
        path = f"/api/v1/interview/personas/{other['persona_id']}/sessions"
        bad = {"consent_mode": "nope"}
        good = {"consent_mode": "integrator"}
        r = await client.post(path, json=bad)
        assert r.json()["error"]["code"] == "MISSING_API_KEY"
        r = await client.post(path, json=bad, headers=auth(tenant))
        assert r.json()["error"]["code"] == "INVALID_INPUT"
        r = await client.post(
            f"/api/v1/interview/personas/{uuid.uuid4()}/sessions", json=good, headers=auth(tenant)
        )
        assert r.json()["error"]["code"] == "NOT_FOUND"
        r = await client.post(path, json=good, headers=auth(tenant))
        assert (r.status_code, r.json()["error"]["code"]) == (403, "RESOURCE_FORBIDDEN")
        await client.delete(
            f"/api/v1/interview/personas/{tenant['persona_id']}", headers=auth(tenant)
        )
        r = await start(client, tenant)
        assert (r.status_code, r.json()["error"]["code"]) == (409, "PERSONA_ARCHIVED")
        await client.post(
            f"/api/v1/interview/personas/{tenant['persona_id']}", headers=auth(tenant)
        )
        fresh = (
            await client.post(
                "/api/v1/interview/personas",
                headers=auth(tenant),
                json={"role_name": "x", "language": "en"},
            )
        ).json()
        r = await start(client, {**tenant, "persona_id": fresh["id"]})
        assert r.status_code == 402
        assert r.json()["error"]["details"] == {"balance": 0, "minimum": 1}

    async def test_foreign_session_forbidden(self, client: Any) -> None:
        tenant = await new_tenant(client)
        other = await new_tenant(client)
        created = (await start(client, tenant)).json()
        for suffix in ("", "/events", "/recording", "/transcript"):
            r = await client.get(
                f"/api/v1/interview/sessions/{created['id']}{suffix}", headers=auth(other)
            )
            assert (r.status_code, r.json()["error"]["code"]) == (403, "RESOURCE_FORBIDDEN")
        r = await client.get(f"/api/v1/interview/sessions/{uuid.uuid4()}", headers=auth(other))
        assert r.status_code == 404


class TestLists:
    async def test_filters_and_cursor(self, client: Any) -> None:
        tenant = await new_tenant(client)
        ids = []
        for i in range(5):
            r = await start(
                client,
                tenant,
                candidate_ref=f"c{i % 2}",
                tags=["x", f"t{i}"],
                metadata={"n": i, "flag": i % 2 == 0},
            )
            ids.append(r.json()["id"])
        h = auth(tenant)
        page = (await client.get("/api/v1/interview/sessions?limit=2", headers=h)).json()
        assert [row["id"] for row in page["data"]] == ids[::-1][:2]
        seen = [row["id"] for row in page["data"]]
        while page["next_cursor"]:
            page = (
                await client.get(
                    f"/api/v1/interview/sessions?limit=2&cursor={page['next_cursor']}", headers=h
                )
            ).json()
            seen += [row["id"] for row in page["data"]]
        assert seen == ids[::-1]
        rows = (
            await client.get("/api/v1/interview/sessions?candidate_ref=c0&tag=x&tag=t2", headers=h)
        ).json()["data"]
        assert [r["id"] for r in rows] == [ids[2]]
        rows = (await client.get("/api/v1/interview/sessions?metadata.n=3", headers=h)).json()
        assert [r["id"] for r in rows["data"]] == [ids[3]]
        rows = (
            await client.get(
                "/api/v1/interview/sessions?metadata.flag=true&status=initiated", headers=h
            )
        ).json()
        assert [r["id"] for r in rows["data"]] == [ids[4], ids[2], ids[0]]

    async def test_other_clients_rows_are_invisible(self, client: Any) -> None:
        tenant = await new_tenant(client)
        other = await new_tenant(client)
        await start(client, tenant)
        rows = (await client.get("/api/v1/interview/sessions", headers=auth(other))).json()
        assert rows == {"data": [], "next_cursor": None}

    async def test_personas_list_omits_override(self, client: Any) -> None:
        tenant = await new_tenant(client)
        rows = (await client.get("/api/v1/interview/personas", headers=auth(tenant))).json()
        assert len(rows["data"]) == 1
        assert "base_prompt_override" not in rows["data"][0]
        detail = (
            await client.get(
                f"/api/v1/interview/personas/{tenant['persona_id']}", headers=auth(tenant)
            )
        ).json()
        assert "Engineer" in detail["system_prompt"]


class TestLifecycleHttp:
    async def test_full_lifecycle_and_events(self, client: Any, world: Any) -> None:
        tenant = await new_tenant(client, credits=10)
        created = (await start(client, tenant)).json()
        admitted = await verify(client, token(created))
        assert admitted.status_code == 200
        assert admitted.json()["result"] == "admitted"
        world.artifacts.objects["rec/1.wav"] = b"RIFF....WAVE"
        world.artifacts.objects["tr/1.json"] = b'{"turns": [1]}'
        world.clock.advance(61)  # the interview lasts what it reports
        done = await complete(
            client,
            created["id"],
            duration_sec=61,
            recording_s3_key="rec/1.wav",
            transcript_s3_key="tr/1.json",
            feedback={"rating": 5, "comment": "great"},
        )
        assert done.json() == {"session_id": created["id"], "status": "completed", "charged": 2}
        h = auth(tenant)
        detail = (await client.get(f"/api/v1/interview/sessions/{created['id']}", headers=h)).json()
        assert detail["credit_charged"] == 2
        assert detail["feedback"] == {"rating": 5, "negative": False, "comment": "great"}
        rec = await client.get(f"/api/v1/interview/sessions/{created['id']}/recording", headers=h)
        assert (rec.status_code, rec.content) == (200, b"RIFF....WAVE")
        assert rec.headers["content-type"].startswith("audio/wav")
        tr = await client.get(f"/api/v1/interview/sessions/{created['id']}/transcript", headers=h)
        assert tr.content == b'{"turns": [1]}'
        events = (
            await client.get(f"/api/v1/interview/sessions/{created['id']}/events", headers=h)
        ).json()["data"]
        assert [e["type"] for e in events] == ["created", "admitted", "completed"]
        credits = (await client.get("/api/v1/credits", headers=h)).json()
        assert credits["balance"] == 8
        assert [t["kind"] for t in credits["recent_transactions"]] == ["charge", "grant"]

    async def test_artifacts_not_ready_and_unavailable(self, client: Any) -> None:
        tenant = await new_tenant(client)
        created = (await start(client, tenant)).json()
        h = auth(tenant)
        r = await client.get(f"/api/v1/interview/sessions/{created['id']}/recording", headers=h)
        assert (r.status_code, r.json()["error"]["details"]) == (409, {"status": "initiated"})
        await verify(client, token(created))
        await complete(client, created["id"], duration_sec=1, recording_s3_key="missing.wav")
        r = await client.get(f"/api/v1/interview/sessions/{created['id']}/recording", headers=h)
        assert (r.status_code, r.json()["error"]["code"]) == (502, "ARTIFACT_UNAVAILABLE")
        r = await client.get(f"/api/v1/interview/sessions/{created['id']}/transcript", headers=h)
        assert r.json()["error"]["code"] == "ARTIFACT_NOT_READY"

    async def test_reinvite_over_http(self, client: Any) -> None:
        tenant = await new_tenant(client)
        created = (await start(client, tenant)).json()
        r = await client.post(
            f"/api/v1/interview/sessions/{created['id']}/reinvite", headers=auth(tenant)
        )
        assert (r.status_code, r.json()["error"]["code"]) == (409, "SESSION_NOT_ENDED")
        await verify(client, token(created))
        await complete(client, created["id"], status="failed", error_code="MIC_DENIED")
        r = await client.post(
            f"/api/v1/interview/sessions/{created['id']}/reinvite", headers=auth(tenant)
        )
        assert r.status_code == 201
        assert r.headers["cache-control"] == "no-store"
        assert (await verify(client, token(created))).json()["error"]["code"] == "INVALID_TOKEN"
        assert (await verify(client, token(r.json()))).status_code == 200
        r = await client.post(f"/api/v1/admin/sessions/{created['id']}/reinvite", headers=ADMIN)
        assert r.json()["error"]["code"] == "SESSION_ACTIVE"
