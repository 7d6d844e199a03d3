"""Several dispatchers in one process, on one container and one connection pool, on both
stores: each claim, each batch of outcomes and each pending-count read is its own unit of work
on its own connection, so claims, outcome batches and the gauge's read run side by side
without ever meeting on a connection, and every delivery is attempted and recorded once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.contract.conftest import truncate
from tests.contract.test_webhook_delivery_contract import SETTINGS, deliveries, hook
from tests.webhook_receiver import Receiver
from tests.webhook_world import WebhookWorld
from zenhire.domain.webhooks.model import DeliveryStatus
from zenhire.entrypoints.webhook_dispatcher import Dispatcher

ENDPOINTS = 5
SESSIONS = 40  # one session.created event each, so 200 deliveries
DISPATCHERS = 3


@pytest.fixture
async def world(store_settings: dict[str, object]) -> AsyncIterator[WebhookWorld]:
    # A pool as large as the dispatchers' claimers, recorders and gauge reads together.
    settings: dict[str, Any] = {**store_settings, **SETTINGS, "webhook_timeout_seconds": 30}
    if "db_pool_size" in settings:
        settings["db_pool_size"] = 3 * DISPATCHERS
    w = WebhookWorld(**settings)
    if not w.settings.in_memory:
        await truncate(str(store_settings["database_url"]))
    w.clock.set(datetime.now(UTC))
    try:
        yield w
    finally:
        await w.close()


async def test_dispatchers_side_by_side_record_every_delivery_once(world: WebhookWorld) -> None:
    w = world
    receiver = Receiver()
    await receiver.up()
    try:
        tenant = await w.tenant(credits=1_000)
        endpoints = [(await hook(w, tenant, f"{receiver.url}/{n}"))[0] for n in range(ENDPOINTS)]
        for _ in range(SESSIONS):
            await w.start(tenant)
        dispatchers = [Dispatcher(w.container) for _ in range(DISPATCHERS)]
        reports = await asyncio.gather(
            *(d.pass_once() for d in dispatchers),
            *(d._stats() for d in dispatchers),  # the pending gauge's read, alongside
        )
    finally:
        await receiver.down()
    passes = reports[:DISPATCHERS]
    expected = ENDPOINTS * SESSIONS
    assert sum(r.delivered for r in passes) == expected
    assert sum(r.failed_attempts for r in passes) == 0  # none unrecorded, none failed
    rows = [row for e in endpoints for row in await deliveries(w, e)]
    assert len(rows) == expected
    assert {row.status for row in rows} == {DeliveryStatus.DELIVERED}
    assert {row.attempts for row in rows} == {1}
    assert len(receiver.received) == expected
    ids = receiver.ids()  # an event's webhook-id is the same at every endpoint
    assert len(ids) == SESSIONS
    assert set(ids.values()) == {ENDPOINTS}
