"""api.md §6.3 "Binding and replay", through the HTTP app, on both stores.

A signed request observed once (same bytes, same header) must not act on another path: the
same signature on another path is 401 SIGNATURE_REUSED with no other effect; on its own path
it is answered as a repeat. ``v2`` binds method and path into the signature itself.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.harness import S2S_SECRET, World
from tests.http.helpers import auth, new_tenant, signed_post, start, token
from zenhire.domain.signatures import sign, signature_header
from zenhire.entrypoints.http.app import create_app

VERIFY = "/api/v1/interview/s2s/verify"


def completion_path(session_id: str) -> str:
    return f"/api/v1/interview/s2s/sessions/{session_id}/complete"


async def app_client(world: World) -> AsyncIterator[Any]:
    world.clock.set(datetime.now(UTC))  # signed calls carry wall-clock timestamps
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as client:
        yield client


@pytest.fixture
async def client(store_world: World) -> AsyncIterator[Any]:
    async for c in app_client(store_world):
        yield c


async def send(client: Any, path: str, raw: bytes, header: str) -> Any:
    """Send exactly these bytes with exactly this header: what a replaying attacker does."""
    return await client.post(
        path,
        content=raw,
        headers={"X-Interview-Signature": header, "Content-Type": "application/json"},
    )


async def live(client: Any, tenant: dict[str, str]) -> str:
    created = (await start(client, tenant)).json()
    admitted = await signed_post(client, VERIFY, {"token": token(created)})
    assert admitted.status_code == 200
    return str(created["id"])


async def untouched(client: Any, tenant: dict[str, str], session_id: str, credits: int) -> None:
    """The session is still live, nothing was charged, no transcript is served."""
    h = auth(tenant)
    detail = (await client.get(f"/api/v1/interview/sessions/{session_id}", headers=h)).json()
    assert (detail["status"], detail["ended_at"], detail["credit_charged"]) == (
        "active",
        None,
        None,
    )
    view = (await client.get("/api/v1/credits", headers=h)).json()
    assert view["balance"] == credits
    assert [t["kind"] for t in view["recent_transactions"]] == ["grant"]
    assert view["live_interviews"] == 1
    transcript = await client.get(f"/api/v1/interview/sessions/{session_id}/transcript", headers=h)
    assert (transcript.status_code, transcript.json()["error"]["code"]) == (
        409,
        "ARTIFACT_NOT_READY",
    )
    events = (
        await client.get(f"/api/v1/interview/sessions/{session_id}/events", headers=h)
    ).json()["data"]
    assert [e["type"] for e in events] == ["created", "admitted"]


def v1_signed(body: dict[str, Any]) -> tuple[bytes, str]:
    """A body signed as a backend written against the original scheme signs it (v1 only)."""
    raw = json.dumps(body).encode()
    return raw, signature_header(S2S_SECRET, int(time.time()), raw)


class TestReplayOntoAnotherSession:
    @pytest.mark.parametrize("status", ["completed", "failed"])
    async def test_replayed_completion_is_refused_with_no_other_effect(
        self, client: Any, status: str
    ) -> None:
        first, other = await new_tenant(client), await new_tenant(client, credits=100)
        mine, theirs = await live(client, first), await live(client, other)
        raw, header = v1_signed(
            {
                "status": status,
                "delivery_id": "dlv-1",
                "duration_sec": 3600,
                "transcript_s3_key": "first/transcript.json",
            }
        )
        assert (await send(client, completion_path(mine), raw, header)).status_code == 200
        replayed = await send(client, completion_path(theirs), raw, header)
        assert (replayed.status_code, replayed.json()["error"]["code"]) == (
            401,
            "SIGNATURE_REUSED",
        )
        await untouched(client, other, theirs, credits=100)

    async def test_refused_before_the_body_is_read(self, client: Any) -> None:
        """A verify's signature replayed onto a completion path: 401, not the body's 400."""
        tenant = await new_tenant(client)
        created = (await start(client, tenant)).json()
        raw, header = v1_signed({"token": token(created)})
        assert (await send(client, VERIFY, raw, header)).status_code == 200
        replayed = await send(client, completion_path(created["id"]), raw, header)
        assert (replayed.status_code, replayed.json()["error"]["code"]) == (
            401,
            "SIGNATURE_REUSED",
        )

    async def test_stripping_v2_does_not_unbind_the_v1_entry(self, client: Any) -> None:
        first, other = await new_tenant(client), await new_tenant(client)
        mine, theirs = await live(client, first), await live(client, other)
        raw = json.dumps({"status": "failed", "delivery_id": "dlv-1"}).encode()
        t = int(time.time())
        both = signature_header(S2S_SECRET, t, raw, method="POST", path=completion_path(mine))
        assert (await send(client, completion_path(mine), raw, both)).status_code == 200
        # The whole header on another path: v2 does not cover that path, v1 was seen there.
        whole = await send(client, completion_path(theirs), raw, both)
        assert (whole.status_code, whole.json()["error"]["code"]) == (401, "SIGNATURE_REUSED")
        stripped = both.rsplit(",v2=", 1)[0]
        bare = await send(client, completion_path(theirs), raw, stripped)
        assert (bare.status_code, bare.json()["error"]["code"]) == (401, "SIGNATURE_REUSED")
        await untouched(client, other, theirs, credits=100)


class TestRepeatOnTheSamePath:
    async def test_completion_is_answered_as_a_repeated_delivery(self, client: Any) -> None:
        tenant = await new_tenant(client, credits=10)
        session_id = await live(client, tenant)
        raw, header = v1_signed({"status": "completed", "delivery_id": "d", "duration_sec": 30})
        first = await send(client, completion_path(session_id), raw, header)
        again = await send(client, completion_path(session_id), raw, header)
        assert (first.status_code, again.status_code) == (200, 200)
        assert (
            again.json()
            == first.json()
            == {
                "session_id": session_id,
                "status": "completed",
                "charged": 1,
            }
        )
        view = (await client.get("/api/v1/credits", headers=auth(tenant))).json()
        assert (view["balance"], [t["kind"] for t in view["recent_transactions"]]) == (
            9,
            ["charge", "grant"],
        )

    async def test_verify_is_answered_by_the_sessions_current_state(self, client: Any) -> None:
        tenant = await new_tenant(client, max_concurrent_interviews=1)
        a = (await start(client, tenant)).json()
        b = (await start(client, tenant)).json()
        raw_a, header_a = v1_signed({"token": token(a)})
        raw_b, header_b = v1_signed({"token": token(b)})
        admitted = await send(client, VERIFY, raw_a, header_a)
        assert (admitted.status_code, admitted.json()["reconnect"]) == (200, False)
        queued = await send(client, VERIFY, raw_b, header_b)
        assert (queued.status_code, queued.json()["queue_position"]) == (202, 1)
        # The same signed requests again: a reconnect, and still queued.
        again_a = await send(client, VERIFY, raw_a, header_a)
        assert (again_a.status_code, again_a.json()["reconnect"]) == (200, True)
        assert again_a.json()["started_at"] == admitted.json()["started_at"]
        again_b = await send(client, VERIFY, raw_b, header_b)
        assert (again_b.status_code, again_b.json()["queue_position"]) == (202, 1)
        view = (await client.get("/api/v1/credits", headers=auth(tenant))).json()
        assert view["live_interviews"] == 1


class TestV2:
    async def test_v2_alone_is_accepted_and_binds_the_path(self, client: Any) -> None:
        first, other = await new_tenant(client), await new_tenant(client)
        mine, theirs = await live(client, first), await live(client, other)
        raw = json.dumps({"status": "failed", "delivery_id": "dlv-1"}).encode()
        header = signature_header(
            S2S_SECRET, int(time.time()), raw, method="POST", path=completion_path(mine), v1=False
        )
        assert (await send(client, completion_path(mine), raw, header)).status_code == 200
        elsewhere = await send(client, completion_path(theirs), raw, header)
        assert (elsewhere.status_code, elsewhere.json()["error"]["code"]) == (
            401,
            "INVALID_SIGNATURE",
        )
        await untouched(client, other, theirs, credits=100)

    async def test_identical_bodies_signed_with_v2_on_two_sessions(self, client: Any) -> None:
        """v2 differs per path, so equal bodies in the same second are two signatures."""
        tenant = await new_tenant(client, credits=100)
        sessions = [await live(client, tenant), await live(client, tenant)]
        raw = json.dumps({"status": "failed", "delivery_id": "1"}).encode()
        t = int(time.time())
        for session_id in sessions:
            header = signature_header(
                S2S_SECRET, t, raw, method="POST", path=completion_path(session_id)
            )
            answer = await send(client, completion_path(session_id), raw, header)
            assert (answer.status_code, answer.json()["status"]) == (200, "failed")

    async def test_require_v2_refuses_v1_only(self, store_settings: dict[str, object]) -> None:
        world = World(**store_settings, s2s_require_v2=True)
        try:
            async for client in app_client(world):
                tenant = await new_tenant(client)
                created = (await start(client, tenant)).json()
                body = {"token": token(created)}
                v1_only = await signed_post(client, VERIFY, body, v2=False)
                assert (v1_only.status_code, v1_only.json()["error"]["code"]) == (
                    401,
                    "INVALID_SIGNATURE",
                )
                raw = json.dumps(body).encode()
                t = int(time.time())
                wrong_v2 = f"t={t},v2={'0' * 64},v1={sign(S2S_SECRET, t, raw)}"
                refused = await send(client, VERIFY, raw, wrong_v2)
                assert (refused.status_code, refused.json()["error"]["code"]) == (
                    401,
                    "INVALID_SIGNATURE",
                )
                accepted = await signed_post(client, VERIFY, body)
                assert (accepted.status_code, accepted.json()["result"]) == (200, "admitted")
        finally:
            await world.close()


async def test_a_bad_signature_costs_no_database_work() -> None:
    """With the database unreachable, a bad signature is still 401: nothing was asked of it
    (a good one reaches the replay memory and gets the database's 503)."""
    world = World(database_url="postgresql://postgres@127.0.0.1:9/unreachable")
    try:
        async for client in app_client(world):
            bad = await signed_post(client, VERIFY, {"token": "zht_x"}, secret="wrong")
            assert (bad.status_code, bad.json()["error"]["code"]) == (401, "INVALID_SIGNATURE")
            good = await signed_post(client, VERIFY, {"token": "zht_x"})
            assert (good.status_code, good.json()["error"]["code"]) == (
                503,
                "STORAGE_UNAVAILABLE",
            )
    finally:
        await world.close()
