"""api.md §6.3 on completions, on both stores: the ``interview_svc_session_id`` binding and
the charge bounded by what the platform observed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest

from tests.contract.test_s2s_replay_contract import VERIFY, app_client
from tests.harness import Tenant, World, token_of
from tests.http.helpers import auth, complete, new_tenant, signed_post, start, token, verify
from zenhire.domain import errors
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.admin_clients import GetClient
from zenhire.domain.use_cases.complete_session import (
    CompleteSession,
    CompleteSessionCommand,
    CompletionResult,
)
from zenhire.domain.use_cases.credits import CreditsView, GetCredits
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.session_reads import GetSession, ListSessionEvents, SessionRef
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand


async def live(w: World, tenant: Tenant, svc: str | None = None) -> SessionId:
    issued = await w.start(tenant)
    await w.run(VerifyToken, VerifyTokenCommand(token_of(issued), svc))
    return issued.session.id


async def finish(w: World, session_id: SessionId, **fields: Any) -> CompletionResult:
    fields.setdefault("status", SessionStatus.COMPLETED)
    fields.setdefault("delivery_id", "d-1")
    if fields["status"] is SessionStatus.COMPLETED:
        fields.setdefault("duration_sec", 30)
    result: CompletionResult = await w.run(
        CompleteSession, CompleteSessionCommand(session_id=session_id, **fields)
    )
    return result


async def credits(w: World, tenant: Tenant) -> CreditsView:
    client = (await w.run(GetClient, tenant.client_id)).client
    view: CreditsView = await w.run(GetCredits, client)
    return view


async def status(w: World, tenant: Tenant, session_id: SessionId) -> SessionStatus:
    detail = await w.run(GetSession, SessionRef(tenant.client_id, session_id))
    return SessionStatus(detail.session.status)


class TestBinding:
    async def test_another_backend_session_is_refused_and_changes_nothing(
        self, store_world: World
    ) -> None:
        w = store_world
        tenant = await w.tenant(credits=100)
        session_id = await live(w, tenant, "ses_a")
        w.clock.advance(600)
        with pytest.raises(errors.SessionMismatchError):
            await finish(w, session_id, duration_sec=600, interview_svc_session_id="ses_b")
        assert await status(w, tenant, session_id) is SessionStatus.ACTIVE
        assert (await credits(w, tenant)).balance == 100
        # Nothing was recorded for that delivery: the right backend's one goes through.
        result = await finish(w, session_id, duration_sec=600, interview_svc_session_id="ses_a")
        assert (result.status, result.charged) == (SessionStatus.COMPLETED, 10)

    async def test_without_an_id_in_the_completion_nothing_is_compared(
        self, store_world: World
    ) -> None:
        w = store_world
        tenant = await w.tenant()
        session_id = await live(w, tenant, "ses_a")
        assert (await finish(w, session_id)).status is SessionStatus.COMPLETED

    async def test_no_id_at_verify_binds_nothing(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        session_id = await live(w, tenant)
        result = await finish(w, session_id, interview_svc_session_id="ses_z")
        assert result.status is SessionStatus.COMPLETED
        detail = await w.run(GetSession, SessionRef(tenant.client_id, session_id))
        assert detail.session.interview_svc_session_id == "ses_z"

    async def test_checked_after_exists_and_before_deliveries(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        with pytest.raises(errors.NotFoundError):
            await finish(w, SessionId(uuid4()), interview_svc_session_id="ses_b")
        session_id = await live(w, tenant, "ses_a")
        first = await finish(w, session_id, interview_svc_session_id="ses_a")
        assert await finish(w, session_id, interview_svc_session_id="ses_a") == first
        # The same delivery_id with another backend session: the binding answers first.
        with pytest.raises(errors.SessionMismatchError):
            await finish(w, session_id, interview_svc_session_id="ses_b")

    async def test_a_new_run_after_reinvite_is_not_bound_by_the_old_id(
        self, store_world: World
    ) -> None:
        w = store_world
        tenant = await w.tenant()
        session_id = await live(w, tenant, "ses_1")
        await finish(w, session_id, status=SessionStatus.FAILED)
        issued = await w.run(
            ReInvite, ReInviteCommand(session_id=session_id, client_id=tenant.client_id)
        )
        await w.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        result = await finish(w, session_id, delivery_id="d-2", interview_svc_session_id="ses_2")
        assert result.status is SessionStatus.COMPLETED


class TestChargeBoundedByObservedTime:
    @pytest.mark.parametrize(
        ("elapsed", "reported", "billed", "charged"),
        [
            (2, 3600, 62, 2),  # reported an hour, seen for 2 s
            (754, 754, 754, 13),  # a real interview
            (100, 50, 50, 1),  # reported less than seen: the report counts
            (0, 0, 0, 0),
            (4000, 99_999, 3600, 60),  # past the deadline, before the sweeper: the budget
        ],
    )
    async def test_billed_at_most_what_was_observed(
        self, store_world: World, elapsed: int, reported: int, billed: int, charged: int
    ) -> None:
        w = store_world
        tenant = await w.tenant(credits=100)
        session_id = await live(w, tenant)
        w.clock.advance(elapsed)
        result = await finish(w, session_id, duration_sec=reported)
        assert result.charged == charged
        view = await credits(w, tenant)
        assert view.balance == 100 - charged
        charges = [e.amount for e in view.recent_transactions if e.kind is LedgerKind.CHARGE]
        assert charges == ([-charged] if charged else [])
        detail = await w.run(GetSession, SessionRef(tenant.client_id, session_id))
        assert (detail.session.duration_sec, detail.session.credit_charged) == (reported, charged)
        events = await w.run(ListSessionEvents, SessionRef(tenant.client_id, session_id))
        assert events[-1].data == {
            "duration_sec": reported,
            "billed_duration_sec": billed,
            "charged": charged,
        }


@pytest.fixture
async def client(store_world: World) -> AsyncIterator[Any]:
    async for c in app_client(store_world):
        yield c


class TestOverHttp:
    async def test_session_mismatch_is_409(self, client: Any) -> None:
        tenant = await new_tenant(client)
        created = (await start(client, tenant)).json()
        body = {"token": token(created), "interview_svc_session_id": "ses_a"}
        assert (await signed_post(client, VERIFY, body)).status_code == 200
        r = await complete(client, created["id"], duration_sec=5, interview_svc_session_id="b")
        assert (r.status_code, r.json()["error"]["code"]) == (409, "SESSION_MISMATCH")

    async def test_a_completion_seconds_after_admission(self, client: Any) -> None:
        """The reported hour costs the observed time, + 60 s: one credit, not sixty."""
        tenant = await new_tenant(client, credits=100)
        created = (await start(client, tenant)).json()
        assert (await verify(client, token(created))).status_code == 200
        r = await complete(client, created["id"], duration_sec=3600)
        assert (r.status_code, r.json()["charged"]) == (200, 1)
        view = (await client.get("/api/v1/credits", headers=auth(tenant))).json()
        assert view["balance"] == 99

    async def test_any_duration_is_accepted_and_bounded(
        self, client: Any, store_world: World
    ) -> None:
        """A duration beyond the stores' integers still completes (api.md §2)."""
        tenant = await new_tenant(client, credits=100)
        created = (await start(client, tenant)).json()
        assert (await verify(client, token(created))).status_code == 200
        store_world.clock.advance(10)
        r = await complete(client, created["id"], duration_sec=2**40)
        assert (r.status_code, r.json()["charged"]) == (200, 2)
        h = auth(tenant)
        detail = (await client.get(f"/api/v1/interview/sessions/{created['id']}", headers=h)).json()
        assert (detail["status"], detail["duration_sec"]) == ("completed", 2**31 - 1)
        events = (
            await client.get(f"/api/v1/interview/sessions/{created['id']}/events", headers=h)
        ).json()["data"]
        assert events[-1]["data"] == {
            "duration_sec": 2**40,
            "billed_duration_sec": 70,
            "charged": 2,
        }
