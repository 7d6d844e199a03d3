"""Behaviours every store must share, asserted only through use cases."""

from __future__ import annotations

import pytest

from tests.harness import Tenant, World, token_of
from zenhire.domain import errors
from zenhire.domain.model.clients import Client
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.pagination import Cursor, PageRequest
from zenhire.domain.ports import SessionFilter
from zenhire.domain.timefmt import iso
from zenhire.domain.use_cases.admin_clients import GetClient
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand, RevokeApiKey
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.credits import CreditsView, GetCredits
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.session_reads import (
    GetSession,
    ListSessionEvents,
    ListSessions,
    ListSessionsQuery,
    SessionRef,
)
from zenhire.domain.use_cases.verify_token import Admitted, Queued, VerifyToken, VerifyTokenCommand


async def credits(world: World, tenant: Tenant) -> CreditsView:
    view = await world.run(GetClient, tenant.client_id)
    client: Client = view.client
    result: CreditsView = await world.run(GetCredits, client)
    return result


async def status_of(world: World, tenant: Tenant, session_id: SessionId) -> SessionStatus:
    detail = await world.run(GetSession, SessionRef(tenant.client_id, session_id))
    return SessionStatus(detail.session.status)


async def verify(world: World, token: str) -> Admitted | Queued:
    outcome: Admitted | Queued = await world.run(VerifyToken, VerifyTokenCommand(token))
    return outcome


class TestLifecycleContract:
    async def test_start_verify_complete_charge(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant(credits=10)
        issued = await w.start(
            tenant,
            metadata={"n": 3, "f": 1.5, "b": True, "s": "x"},
            tags=["a", "b"],
            candidate_ref="c-1",
        )
        admitted = await verify(w, token_of(issued))
        assert isinstance(admitted, Admitted)
        assert admitted.persona.id == tenant.persona_id
        w.clock.advance(61)  # the interview lasts what it reports
        result = await w.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=issued.session.id,
                status=SessionStatus.COMPLETED,
                delivery_id="d",
                duration_sec=61,
            ),
        )
        assert result.charged == 2
        again = await w.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=issued.session.id,
                status=SessionStatus.COMPLETED,
                delivery_id="d",
                duration_sec=61,
            ),
        )
        assert again == result
        with pytest.raises(errors.DeliveryConflictError):
            await w.run(
                CompleteSession,
                CompleteSessionCommand(
                    session_id=issued.session.id,
                    status=SessionStatus.COMPLETED,
                    delivery_id="d",
                    duration_sec=1,
                ),
            )
        view = await credits(w, tenant)
        assert view.balance == 8
        assert view.live_interviews == 0
        assert [e.kind for e in view.recent_transactions] == [LedgerKind.CHARGE, LedgerKind.GRANT]
        assert sum(e.amount for e in view.recent_transactions) == view.balance
        detail = await w.run(GetSession, SessionRef(tenant.client_id, issued.session.id))
        s = detail.session
        assert (s.status, s.credit_charged, s.duration_sec) == (SessionStatus.COMPLETED, 2, 61)
        assert s.metadata == {"n": 3, "f": 1.5, "b": True, "s": "x"}
        assert {k: type(v) for k, v in s.metadata.items()} == {
            "n": int,
            "f": float,
            "b": bool,
            "s": str,
        }
        assert (s.tags, s.candidate_ref) == (("a", "b"), "c-1")
        events = await w.run(ListSessionEvents, SessionRef(tenant.client_id, s.id))
        assert [e.type.value for e in events] == ["created", "admitted", "completed"]
        assert events[-1].data == {"duration_sec": 61, "billed_duration_sec": 61, "charged": 2}

    async def test_cap_fifo_and_reconnect(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant(cap=1)
        a, b, c = [token_of(await w.start(tenant)) for _ in range(3)]
        first = await verify(w, a)
        assert isinstance(first, Admitted)
        assert [getattr(await verify(w, t), "queue_position", None) for t in (b, c)] == [1, 2]
        reconnect = await verify(w, a)
        assert isinstance(reconnect, Admitted)
        assert reconnect.reconnect
        await w.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=first.session.id, status=SessionStatus.FAILED, delivery_id="x"
            ),
        )
        assert isinstance(await verify(w, c), Queued)
        assert isinstance(await verify(w, b), Admitted)
        assert (await credits(w, tenant)).live_interviews == 1

    async def test_timeouts_link_expiry_and_reinvite(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        live = await w.start(tenant)
        idle = await w.start(tenant)
        await verify(w, token_of(live))
        w.clock.advance(3600)
        report = await w.run(CloseExpired)
        assert (report.timed_out, report.links_expired) == (1, 0)
        assert await status_of(w, tenant, live.session.id) is SessionStatus.FAILED
        events = await w.run(ListSessionEvents, SessionRef(tenant.client_id, live.session.id))
        admitted, timed_out = events[-2:]
        assert (timed_out.type.value, timed_out.at) == ("timed_out", w.clock.now())
        assert timed_out.data == {"deadline_at": admitted.data["deadline_at"]}
        with pytest.raises(errors.SessionEndedError):
            await verify(w, token_of(live))
        w.clock.advance(604_800)
        assert (await w.run(CloseExpired)).links_expired == 1
        detail = await w.run(GetSession, SessionRef(tenant.client_id, idle.session.id))
        assert detail.session.error_code == "LINK_EXPIRED"
        expired = (await w.run(ListSessionEvents, SessionRef(tenant.client_id, idle.session.id)))[
            -1
        ]
        assert (expired.type.value, expired.data) == (
            "link_expired",
            {"expires_at": iso(idle.session.expires_at)},
        )
        fresh = await w.run(
            ReInvite, ReInviteCommand(session_id=idle.session.id, client_id=tenant.client_id)
        )
        with pytest.raises(errors.InvalidTokenError):
            await verify(w, token_of(idle))
        assert isinstance(await verify(w, token_of(fresh)), Admitted)
        detail = await w.run(GetSession, SessionRef(tenant.client_id, idle.session.id))
        assert (detail.session.invite_count, detail.session.error_code) == (2, None)
        assert (await w.run(CloseExpired)).total == 0

    async def test_list_filters_and_cursor(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        other = await w.tenant()
        ids = []
        for i in range(5):
            issued = await w.start(tenant, tags=["x", f"t{i}"], metadata={"n": i, "s": str(i)})
            ids.append(issued.session.id)
            w.clock.advance(1)
        await w.start(other)

        async def listed(
            limit: int = 20, after: Cursor | None = None, **f: object
        ) -> list[SessionId]:
            page = await w.run(
                ListSessions,
                ListSessionsQuery(
                    SessionFilter(client_id=tenant.client_id, **f),  # type: ignore[arg-type]
                    PageRequest(limit, after),
                ),
            )
            return [s.id for s in page.items]

        assert await listed() == ids[::-1]
        assert await listed(tags=("x", "t3")) == [ids[3]]
        assert await listed(metadata=(("n", "2"),)) == [ids[2]]
        assert await listed(metadata=(("s", "2"),)) == [ids[2]]
        created = [
            (await w.run(GetSession, SessionRef(tenant.client_id, i))).session.created_at
            for i in ids
        ]
        assert await listed(created_after=created[2]) == ids[:1:-1]  # from created[2] on
        assert await listed(created_before=created[2]) == ids[1::-1]  # before created[2]
        assert await listed(created_after=created[1], created_before=created[4]) == [
            ids[3],
            ids[2],
            ids[1],
        ]
        page = await w.run(
            ListSessions,
            ListSessionsQuery(SessionFilter(client_id=tenant.client_id), PageRequest(2)),
        )
        assert page.next_cursor is not None
        rest = await listed(after=Cursor.decode(page.next_cursor))
        assert [s.id for s in page.items] + rest == ids[::-1]

    async def test_key_revocation(self, store_world: World) -> None:
        w = store_world
        tenant = await w.tenant()
        issued = await w.run(CreateApiKey, CreateApiKeyCommand(client_id=tenant.client_id))
        principal = await w.run(Authenticate, AuthenticateCommand(issued.raw, "1.2.3.4", None))
        assert principal.client_id == tenant.client_id
        await w.run(RevokeApiKey, issued.key.id)
        with pytest.raises(errors.InvalidApiKeyError):
            await w.run(Authenticate, AuthenticateCommand(issued.raw, "1.2.3.4", None))
