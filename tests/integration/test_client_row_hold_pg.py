"""How long a request holds its client's row, counted on the wire.

Every admission and charge of a client waits for that client's row, from every process; a
process whose database link is slow holds it for as many of its own round trips as it sends
statements while holding it, and its neighbours wait that long. So these tests read what the
service sends to PostgreSQL (through a proxy that taps the protocol) and count the
statements between the one that takes the client row and the COMMIT that gives it back:
none, for a charge, a grant, an admission and a hold-off (each holds the row for one round
trip: an admission's writes go in the statement that takes the row), and one for an
admission made under the lock after losing races. A reconnect takes no client row; its
round trips are counted whole.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.contract.conftest import truncate
from tests.harness import World
from tests.http.helpers import ADMIN, complete, new_tenant, start, token, verify
from tests.latency_proxy import LatencyProxy
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture
def tapped(pg_url: str) -> Iterator[LatencyProxy]:
    with LatencyProxy.to_database(pg_url, tap=True) as proxy:
        yield proxy


@pytest.fixture
async def client(pg_url: str, tapped: LatencyProxy) -> AsyncIterator[Any]:
    await truncate(pg_url)
    world = World(database_url=tapped.url(pg_url))
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as http:
        yield http
    await world.close()


def _takes_client_row(sql: str) -> bool:
    text = " ".join(sql.split())
    return (
        "admission_state(" in text
        or "UPDATE clients" in text
        or ("FROM clients" in text and "FOR NO KEY UPDATE" in text)
    )


def held_for(proxy: LatencyProxy) -> list[str]:
    """What the last statement taking a client row was followed by, up to the end of its
    transaction, on its connection (the end included)."""
    latest: list[str] = []
    for executed in proxy.statements.values():
        taken = [i for i, sql in enumerate(executed) if _takes_client_row(sql)]
        if taken:
            after = executed[taken[-1] + 1 :]
            ends = [i for i, sql in enumerate(after) if sql.split()[0] in ("COMMIT", "ROLLBACK")]
            latest = after[: ends[0] + 1] if ends else after
    return [" ".join(sql.split())[:60] for sql in latest]


async def test_a_charge_holds_the_client_row_for_one_round_trip(
    client: Any, tapped: LatencyProxy
) -> None:
    tenant = await new_tenant(client, credits=100)
    session = (await start(client, tenant)).json()
    assert (await verify(client, token(session))).status_code == 200
    answer = await complete(client, session["id"], duration_sec=30)
    assert (answer.status_code, answer.json()["charged"]) == (200, 1)
    assert held_for(tapped) == ["COMMIT"]


async def test_a_grant_holds_the_client_row_for_one_round_trip(
    client: Any, tapped: LatencyProxy
) -> None:
    tenant = await new_tenant(client, credits=100)
    answer = await client.post(
        f"/api/v1/admin/clients/{tenant['client_id']}/credits",
        json={"amount": 5, "reason": "goodwill"},
        headers=ADMIN,
    )
    assert answer.status_code == 201, answer.text
    assert held_for(tapped) == ["COMMIT"]


async def test_an_admission_holds_the_client_row_for_one_round_trip(
    client: Any, tapped: LatencyProxy
) -> None:
    tenant = await new_tenant(client, credits=100)
    session = (await start(client, tenant)).json()
    assert (await verify(client, token(session))).status_code == 200
    assert held_for(tapped) == ["COMMIT"]


async def test_a_hold_off_holds_the_client_row_for_one_round_trip(
    client: Any, tapped: LatencyProxy
) -> None:
    tenant = await new_tenant(client, credits=100, max_concurrent_interviews=1)
    first, second = [(await start(client, tenant)).json() for _ in range(2)]
    assert (await verify(client, token(first))).status_code == 200
    assert (await verify(client, token(second))).status_code == 202
    assert held_for(tapped) == ["COMMIT"]


async def test_a_reconnect_costs_five_round_trips(client: Any, tapped: LatencyProxy) -> None:
    """Signature remembered; BEGIN; session (locked) + persona; session + ``reconnected``
    event; COMMIT. The session write has one text whatever the events (the outbox rows of an
    event no webhook reports are skipped in SQL, not left out of the statement); the first
    reconnect on a connection prepares it (a sixth round trip, once), later ones run it
    prepared."""
    tenant = await new_tenant(client, credits=100)
    session = (await start(client, tenant)).json()
    assert (await verify(client, token(session))).status_code == 200
    assert (await verify(client, token(session))).json()["reconnect"] is True
    before = tapped.round_trips
    answer = await verify(client, token(session))
    assert (answer.status_code, answer.json()["reconnect"]) == (200, True)
    assert tapped.round_trips - before == 5
