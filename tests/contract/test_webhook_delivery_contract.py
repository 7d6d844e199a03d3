"""Webhook delivery on both stores, to a real HTTP receiver on loopback scripted to fail.

Every request received is verified with the independent ``standardwebhooks`` library. Time
between attempts passes on the world's manual clock (the schedule's seconds are simulated);
each attempt is a real HTTP request.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.contract.conftest import truncate
from tests.contract.units import unit
from tests.harness import Tenant
from tests.webhook_receiver import Answer, Receiver
from tests.webhook_world import WebhookWorld
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports.webhook_deliveries import WebhookDeliveries
from zenhire.domain.webhooks.endpoint_changes import RotateSecret, RotateSecretCommand
from zenhire.domain.webhooks.manage import (
    CreateEndpoint,
    CreateEndpointCommand,
    EndpointRef,
    GetEndpoint,
)
from zenhire.domain.webhooks.model import DeliveryStatus, DisabledReason, EndpointId
from zenhire.entrypoints.webhook_dispatcher import Dispatcher
from zenhire.entrypoints.webhook_metrics import ATTEMPTS, PENDING

SETTINGS: dict[str, Any] = {
    "webhook_allow_insecure": True,
    "webhook_allow_private": True,
    "webhook_timeout_seconds": 0.5,
    "webhook_retry_base_seconds": 5,
    "webhook_max_age_seconds": 240,
}


@pytest.fixture
async def world(store_settings: dict[str, object]) -> AsyncIterator[WebhookWorld]:
    w = WebhookWorld(**store_settings, **SETTINGS)
    if not w.settings.in_memory:
        await truncate(str(store_settings["database_url"]))
    w.clock.set(datetime.now(UTC))  # receivers check the signature's timestamp
    try:
        yield w
    finally:
        await w.close()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    r = Receiver()
    await r.up()
    try:
        yield r
    finally:
        await r.down()


async def hook(w: WebhookWorld, tenant: Tenant, url: str) -> tuple[EndpointId, str]:
    created = await w.run(
        CreateEndpoint, CreateEndpointCommand(client_id=tenant.client_id, url=url)
    )
    return EndpointId(created.endpoint.id), created.secret


async def dispatch(w: WebhookWorld) -> Any:
    return await Dispatcher(w.container).pass_once()


async def deliveries(w: WebhookWorld, endpoint_id: EndpointId) -> list[Any]:
    async with unit(w) as u:
        port = await u.get(WebhookDeliveries)
        return await port.list(endpoint_id, None, None, PageRequest(100))


class TestDelivery:
    async def test_every_delivery_verifies_and_carries_the_event(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        tenant = await w.tenant()
        endpoint_id, secret = await hook(w, tenant, receiver.url)
        issued = await w.start(tenant)
        report = await dispatch(w)
        assert report.delivered == 1
        (got,) = receiver.received
        assert got.verifies_with(secret)
        assert got.headers["content-type"] == "application/json"
        assert got.headers["user-agent"].startswith("ZenHire")
        body = json.loads(got.body)
        assert body["type"] == "session.created"
        assert body["id"] == got.webhook_id
        assert body["data"]["session"]["id"] == str(issued.session.id)
        (row,) = await deliveries(w, endpoint_id)
        assert row.status is DeliveryStatus.DELIVERED
        assert row.attempts == 1
        assert row.last_status_code == 200

    async def test_500_twice_then_delivered_on_the_third_attempt(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        receiver.script = [Answer(500), Answer(500)]
        tenant = await w.tenant()
        endpoint_id, secret = await hook(w, tenant, receiver.url)
        await w.start(tenant)
        await dispatch(w)
        (row,) = await deliveries(w, endpoint_id)
        assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.PENDING, 1, 500)
        assert row.last_error is not None
        assert row.last_error.startswith("HTTP 500")
        assert len(row.last_error.encode()) <= 1024
        assert row.next_attempt_at is not None
        await dispatch(w)  # not due yet: nothing is sent
        assert len(receiver.received) == 1
        w.clock.advance(7)  # 5 s ± 20 %
        await dispatch(w)
        w.clock.advance(37)  # 30 s ± 20 %
        await dispatch(w)
        (row,) = await deliveries(w, endpoint_id)
        assert (row.status, row.attempts, row.last_status_code) == (
            DeliveryStatus.DELIVERED,
            3,
            200,
        )
        assert row.last_error is None
        assert len(receiver.received) == 3
        assert len(receiver.ids()) == 1  # the same webhook-id on every retry
        assert all(r.verifies_with(secret) for r in receiver.received)

    async def test_down_for_30_seconds_then_every_event_arrives_once(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        tenant = await w.tenant(credits=1_000)
        endpoint_id, secret = await hook(w, tenant, receiver.url)
        await receiver.down()
        for _ in range(12):
            await w.start(tenant)
        elapsed = 0
        while elapsed < 30:
            await dispatch(w)
            w.clock.advance(6)
            elapsed += 6
        assert receiver.received == []
        rows = await deliveries(w, endpoint_id)
        assert all(r.status is DeliveryStatus.PENDING and r.attempts >= 2 for r in rows)
        assert all("Connect" in (r.last_error or "") for r in rows)
        await receiver.up()
        for _ in range(5):
            w.clock.advance(40)
            await dispatch(w)
        rows = await deliveries(w, endpoint_id)
        assert {r.status for r in rows} == {DeliveryStatus.DELIVERED}
        assert sorted(receiver.ids().values()) == [1] * 12  # each webhook-id exactly once
        assert all(r.verifies_with(secret) for r in receiver.received)

    async def test_slower_than_the_timeout_is_retried(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        receiver.script = [Answer(200, delay=2.0)]
        tenant = await w.tenant()
        endpoint_id, _ = await hook(w, tenant, receiver.url)
        await w.start(tenant)
        await dispatch(w)
        (row,) = await deliveries(w, endpoint_id)
        assert row.status is DeliveryStatus.PENDING
        assert row.last_status_code is None
        assert "timed out" in (row.last_error or "")
        w.clock.advance(7)
        await dispatch(w)
        (row,) = await deliveries(w, endpoint_id)
        assert (row.status, row.attempts) == (DeliveryStatus.DELIVERED, 2)
        # The timed-out attempt may have reached the receiver: the id may repeat, only then.
        assert list(receiver.ids().values()) == [2]

    async def test_a_redirect_is_a_failed_attempt_and_not_followed(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        receiver.script = [Answer(302, headers=(("location", "http://127.0.0.1:1/x"),))]
        tenant = await w.tenant()
        endpoint_id, _ = await hook(w, tenant, receiver.url)
        await w.start(tenant)
        await dispatch(w)
        (row,) = await deliveries(w, endpoint_id)
        assert (row.status, row.last_status_code) == (DeliveryStatus.PENDING, 302)
        assert len(receiver.received) == 1

    async def test_rotation_signs_with_both_secrets_during_the_overlap_only(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        tenant = await w.tenant()
        endpoint_id, old = await hook(w, tenant, receiver.url)
        new = await w.run(
            RotateSecret,
            RotateSecretCommand(
                ref=EndpointRef(tenant.client_id, endpoint_id), expire_previous_after_seconds=60
            ),
        )
        await w.start(tenant)
        await dispatch(w)
        during = receiver.received[-1]
        assert len(during.headers["webhook-signature"].split(" ")) == 2
        assert during.verifies_with(old)
        assert during.verifies_with(new)
        w.clock.advance(61)
        await w.start(tenant)
        await dispatch(w)
        after = receiver.received[-1]
        assert after.webhook_id != during.webhook_id
        assert after.verifies_with(new)
        assert not after.verifies_with(old)

    async def test_gives_up_at_the_maximum_age_and_disables_the_endpoint(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        receiver.default = Answer(503)
        tenant = await w.tenant()
        endpoint_id, _ = await hook(w, tenant, receiver.url)
        await w.start(tenant)
        for _ in range(6):
            await dispatch(w)
            w.clock.advance(60)
        await dispatch(w)
        (row,) = await deliveries(w, endpoint_id)
        assert row.status is DeliveryStatus.FAILED
        assert row.next_attempt_at is None
        endpoint = await w.run(GetEndpoint, EndpointRef(tenant.client_id, endpoint_id))
        assert endpoint.enabled is False
        assert endpoint.disabled_reason is DisabledReason.FAILING_FOR_3_DAYS
        sent = len(receiver.received)
        await w.start(tenant)  # not queued for a disabled endpoint
        await dispatch(w)
        assert len(receiver.received) == sent
        assert len(await deliveries(w, endpoint_id)) == 1


class TestAddressChecks:
    async def test_connects_to_the_resolved_address_and_sends_the_urls_host(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        w.resolver.table["receiver.test"] = [ipaddress.ip_address("127.0.0.1")]
        tenant = await w.tenant()
        _, secret = await hook(w, tenant, f"http://receiver.test:{receiver.port}/hook")
        await w.start(tenant)
        assert (await dispatch(w)).delivered == 1
        (got,) = receiver.received
        assert got.headers["host"] == f"receiver.test:{receiver.port}"
        assert got.verifies_with(secret)

    async def test_a_name_that_now_resolves_to_loopback_is_refused_at_delivery(
        self, store_settings: dict[str, object], receiver: Receiver
    ) -> None:
        w = WebhookWorld(**store_settings, **{**SETTINGS, "webhook_allow_private": False})
        if not w.settings.in_memory:
            await truncate(str(store_settings["database_url"]))
        w.clock.set(datetime.now(UTC))
        try:
            tenant = await w.tenant()
            # Unresolvable at registration: accepted, checked at every delivery.
            url = f"http://rebinds-later.test:{receiver.port}/hook"
            endpoint_id, _ = await hook(w, tenant, url)
            w.resolver.table["rebinds-later.test"] = [ipaddress.ip_address("127.0.0.1")]
            await w.start(tenant)
            await dispatch(w)
            (row,) = await deliveries(w, endpoint_id)
            assert row.status is DeliveryStatus.PENDING
            assert row.last_status_code is None
            assert "refused address 127.0.0.1" in (row.last_error or "")
            assert receiver.received == []
        finally:
            await w.close()


class TestServingDispatcher:
    async def test_the_background_dispatcher_delivers_and_reports_what_is_pending(
        self, world: WebhookWorld, receiver: Receiver
    ) -> None:
        w = world
        tenant = await w.tenant()
        endpoint_id, secret = await hook(w, tenant, receiver.url)
        dispatcher = Dispatcher(w.container, poll_seconds=0.05)
        dispatcher.start()
        try:
            await w.start(tenant)
            for _ in range(400):  # an outcome awaited, not a duration asserted
                rows = await deliveries(w, endpoint_id)
                if rows and rows[0].status is DeliveryStatus.DELIVERED:
                    break
                await asyncio.sleep(0.05)
        finally:
            await dispatcher.stop()
        (row,) = await deliveries(w, endpoint_id)
        assert row.status is DeliveryStatus.DELIVERED
        assert receiver.received[0].verifies_with(secret)
        assert PENDING._value.get() >= 0  # type: ignore[attr-defined]
        delivered = ATTEMPTS.labels("delivered")._value.get()  # type: ignore[attr-defined]
        assert delivered >= 1
