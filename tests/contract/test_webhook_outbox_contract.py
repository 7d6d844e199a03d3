"""The webhook outbox on both stores: every reported change has its event and deliveries,
written in the transaction of the change; a rolled-back change emits nothing."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.contract.conftest import truncate
from tests.contract.units import unit
from tests.harness import Tenant, World, token_of
from zenhire.domain.errors import WebhookEndpointLimitError
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Sessions
from zenhire.domain.ports.webhook_deliveries import WebhookDeliveries
from zenhire.domain.ports.webhook_events import EventFilter
from zenhire.domain.use_cases.admin_clients import PostCredits, PostCreditsCommand
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand
from zenhire.domain.webhooks.feed import ListEvents, ListEventsQuery, PurgeWebhookEvents
from zenhire.domain.webhooks.manage import CreateEndpoint, CreateEndpointCommand, ListEndpoints
from zenhire.domain.webhooks.model import DeliveryStatus, EndpointId, WebhookEvent

PERMISSIVE = {"webhook_allow_insecure": True, "webhook_allow_private": True}


@pytest.fixture
async def world(store_settings: dict[str, object]) -> Any:
    w = World(**store_settings, **PERMISSIVE)
    if not w.settings.in_memory:
        await truncate(str(store_settings["database_url"]))
    try:
        yield w
    finally:
        await w.close()


async def endpoint(w: World, tenant: Tenant, events: tuple[str, ...] = ("*",)) -> EndpointId:
    created = await w.run(
        CreateEndpoint,
        CreateEndpointCommand(
            client_id=tenant.client_id, url="http://127.0.0.1:9/hook", events=events
        ),
    )
    return EndpointId(created.endpoint.id)


async def events(w: World, tenant: Tenant) -> list[WebhookEvent]:
    page = await w.run(
        ListEvents, ListEventsQuery(EventFilter(client_id=tenant.client_id), PageRequest(100))
    )
    return list(reversed(page.items))


async def deliveries(w: World, endpoint_id: EndpointId) -> list[Any]:
    async with unit(w) as u:
        port = await u.get(WebhookDeliveries)
        return list(reversed(await port.list(endpoint_id, None, None, PageRequest(100))))


class TestOutbox:
    async def test_every_state_change_has_its_event_and_deliveries(self, world: World) -> None:
        w = world
        tenant = await w.tenant(credits=10)
        everything = await endpoint(w, tenant)
        only_completed = await endpoint(w, tenant, ("session.completed",))
        issued = await w.start(tenant, metadata={"n": 3}, tags=["a"])
        w.clock.advance(1)  # events of one instant have no order between them
        await w.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        w.clock.advance(1)
        again = await w.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        assert again.reconnect  # audited as reconnected, reported by no webhook event
        w.clock.advance(29)
        await w.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=issued.session.id,
                status=SessionStatus.COMPLETED,
                delivery_id="d1",
                duration_sec=30,
            ),
        )
        w.clock.advance(1)
        expiring = await w.start(tenant)
        w.clock.advance(w.settings.link_ttl_seconds + 1)
        await w.run(CloseExpired)

        got = await events(w, tenant)
        assert [e.type for e in got] == [
            "session.created",
            "session.admitted",
            "session.completed",
            "session.created",
            "session.failed",
        ]
        completed = got[2].data["session"]
        assert completed["status"] == "completed"
        assert completed["credit_charged"] == 1
        assert completed["metadata"] == {"n": 3}
        assert completed["role_name"] == "Engineer"
        assert completed["language"] == "en"
        assert got[4].data["session"]["error_code"] == "LINK_EXPIRED"
        assert got[4].session_id == expiring.session.id
        assert all("token" not in str(e.data) for e in got)

        all_rows = await deliveries(w, everything)
        assert [d.event_id for d in all_rows] == [e.id for e in got]
        assert {d.status for d in all_rows} == {DeliveryStatus.PENDING}
        only = await deliveries(w, only_completed)
        assert [d.event_id for d in only] == [got[2].id]

    async def test_a_rolled_back_change_emits_nothing(self, world: World) -> None:
        """A failure after the state change inside the transaction: the change and its event
        were both written (and visible inside it), and both roll back."""
        w = world
        tenant = await w.tenant(credits=10)
        hook = await endpoint(w, tenant)
        issued = await w.start(tenant)
        before = await events(w, tenant)
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            session = await sessions.get_for_update(issued.session.id)
            assert session is not None
            session.admit(w.clock.now(), 60, None)
            await sessions.save(session)
            # Read back inside the transaction: the write (and its outbox rows) ran.
            assert (await sessions.get(session.id)).status is SessionStatus.ACTIVE  # type: ignore[union-attr]
            inside = [e.type for e in await sessions.events(session.id)]
            assert inside[-1] == EventType.ADMITTED
            await u.rollback()  # the forced failure
        assert await events(w, tenant) == before
        assert len(await deliveries(w, hook)) == len(before)


class TestCreditsLow:
    async def test_a_charge_or_an_adjustment_below_the_minimum_emits_it_once(
        self, world: World
    ) -> None:
        w = world
        tenant = await w.tenant(credits=2)
        await endpoint(w, tenant, ("credits.low",))
        issued = await w.start(tenant)
        await w.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        w.clock.advance(90)
        await w.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=issued.session.id,
                status=SessionStatus.COMPLETED,
                delivery_id="d1",
                duration_sec=90,
            ),
        )  # 2 started minutes: 2 → 0, below the minimum of 1
        await w.run(
            PostCredits, PostCreditsCommand(client_id=tenant.client_id, amount=5, reason="top up")
        )
        await w.run(
            PostCredits, PostCreditsCommand(client_id=tenant.client_id, amount=-3, reason="fix")
        )
        await w.run(
            PostCredits, PostCreditsCommand(client_id=tenant.client_id, amount=-4, reason="fix")
        )
        await w.run(
            PostCredits, PostCreditsCommand(client_id=tenant.client_id, amount=-1, reason="fix")
        )
        low = [e for e in await events(w, tenant) if e.type == "credits.low"]
        # 2 → 0 (charge) and 2 → -2 (adjustment) cross the minimum; 5 → 2 does not, nor
        # -2 → -3 (already below it).
        assert [e.data for e in low] == [
            {"balance": 0, "minimum": 1},
            {"balance": -2, "minimum": 1},
        ]


class TestRetention:
    async def test_events_older_than_30_days_go_with_their_deliveries(self, world: World) -> None:
        w = world
        tenant = await w.tenant()
        hook = await endpoint(w, tenant)
        await w.start(tenant)
        w.clock.advance(29 * 86_400)
        await w.start(tenant)
        w.clock.advance(2 * 86_400)
        assert await w.run(PurgeWebhookEvents) == 1
        kept = await events(w, tenant)
        assert len(kept) == 1
        assert [d.event_id for d in await deliveries(w, hook)] == [kept[0].id]


class TestEndpointLimit:
    async def test_racing_registrations_never_pass_ten(self, world: World) -> None:
        w = world
        tenant = await w.tenant()

        async def register() -> str:
            try:
                await endpoint(w, tenant)
            except WebhookEndpointLimitError:
                return "limit"
            return "created"

        outcomes = await asyncio.gather(*(register() for _ in range(14)))
        assert outcomes.count("created") == 10
        assert outcomes.count("limit") == 4
        assert len(await w.run(ListEndpoints, tenant.client_id)) == 10
