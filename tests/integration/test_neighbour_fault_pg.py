"""A slow database link on one process costs its own requests, not its neighbour's.

Two ``zenhire serve`` processes share the database; one reaches it through a proxy that
adds 300 ms each way (tests/latency_proxy.py). While the slow one admits and charges for a
client, the healthy one does the same for that client, with the default lock timeout (2 s).
Each slow request holds the client's row for one or two of its round trips (1.2 s at most),
so the healthy process's requests all wait less than the lock timeout and all succeed; when
the admission held it for its four or five round trips, some healthy requests ran into the
lock timeout and answered 503. The books are checked after. How long the healthy requests
take is measured by bench/neighbour_fault.py, not here.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.contract.conftest import truncate
from tests.integration.conftest import assert_books_balance
from tests.latency_proxy import LatencyProxy
from tests.neighbour_load import Samples, drive, new_tenant
from tests.servers import zenhire_servers

pytestmark = pytest.mark.postgres

SECRET = "neighbour-fault-s2s-7c1e4a9b2d6f3a8e5c0b1d7f"
LINK_DELAY = 0.3  # seconds, each way


def test_a_slow_link_on_one_process_fails_none_of_the_other_process_requests(
    pg_url: str, tmp_path: Path
) -> None:
    asyncio.run(truncate(pg_url))
    common = {"s2s_secrets": SECRET, "sweep_interval_seconds": "3600"}
    with (
        LatencyProxy.to_database(pg_url) as proxy,
        zenhire_servers(
            tmp_path,
            {"database_url": pg_url, **common},
            {"database_url": proxy.url(pg_url), **common},
        ) as (healthy, slow),
    ):
        tenant = asyncio.run(new_tenant(healthy.url, healthy.admin_token, credits=10_000, cap=100))
        proxy.delay = LINK_DELAY

        async def both() -> tuple[Samples, Samples]:
            neighbour = asyncio.create_task(
                drive(
                    slow.url, SECRET, tenant, workers=1, seconds=120, cycles=3, start_at=healthy.url
                )
            )
            local = await drive(
                healthy.url, SECRET, tenant, workers=2, seconds=120, until=neighbour.done
            )
            return local, await neighbour

        local, neighbour = asyncio.run(both())
    assert neighbour.statuses("verify", "complete") == {200: 6}
    answered = local.statuses("start", "verify", "complete")
    assert set(answered) <= {200, 201}, (answered, {s.code for s in local.items if s.code})
    assert answered.get(200, 0) > 0
    asyncio.run(assert_books_balance(pg_url))
