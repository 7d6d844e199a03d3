"""IP allow-lists see the caller of api.md §3: in-process on both stores, and through a real
``zenhire serve`` (where uvicorn's own proxy-header handling used to trust loopback)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from litestar.testing import AsyncTestClient
from structlog.testing import capture_logs

from tests.harness import World
from tests.http.helpers import ADMIN, new_tenant
from tests.servers import Served, zenhire_servers
from zenhire.entrypoints.http.app import create_app

ALLOWED = "10.9.9.9"


@asynccontextmanager
async def app_of(world: World, **settings: Any) -> AsyncIterator[Any]:
    """The app over ``world``'s store with ``settings`` changed; its lifespan runs around."""
    app = create_app(msgspec.structs.replace(world.settings, **settings), *world.overrides())
    async with AsyncTestClient(app):
        yield app


def from_peer(app: Any, peer: str) -> httpx.AsyncClient:
    """A client whose requests arrive from TCP peer ``peer``."""
    transport = httpx.ASGITransport(app=app, client=(peer, 40_000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def limited_key(client: Any, allowed: str = ALLOWED) -> dict[str, str]:
    tenant = await new_tenant(client)
    key = await client.post(
        f"/api/v1/admin/clients/{tenant['client_id']}/api-keys",
        json={"allowed_ips": [allowed]},
        headers=ADMIN,
    )
    return {"X-API-Key": key.json()["key"]}


def named(headers: dict[str, str]) -> dict[str, str]:
    return {name.replace("_", "-"): value for name, value in headers.items()}


async def outcome(client: httpx.AsyncClient, key: dict[str, str], **headers: str) -> Any:
    r = await client.get("/api/v1/credits", headers={**key, **named(headers)})
    return r.status_code if r.status_code == 200 else (r.status_code, r.json()["error"]["code"])


DENIED = (403, "IP_NOT_ALLOWED")


class TestInProcess:
    async def test_forwarding_headers_are_ignored_without_trusted_proxies(
        self, store_world: World
    ) -> None:
        async with app_of(store_world) as app:
            async with AsyncTestClient(app) as admin:
                key = await limited_key(admin)
            async with from_peer(app, "127.0.0.1") as loopback, from_peer(app, ALLOWED) as direct:
                assert await outcome(loopback, key) == DENIED
                assert await outcome(loopback, key, x_forwarded_for=ALLOWED) == DENIED
                assert await outcome(loopback, key, forwarded=f"for={ALLOWED}") == DENIED
                assert await outcome(direct, key) == 200

    async def test_a_trusted_proxy_names_the_caller(self, store_world: World) -> None:
        async with app_of(store_world, trusted_proxies=("127.0.0.0/8",)) as app:
            async with AsyncTestClient(app) as admin:
                key = await limited_key(admin)
            async with from_peer(app, "127.0.0.1") as proxy, from_peer(app, "192.0.2.1") as other:
                assert await outcome(proxy, key) == DENIED
                assert await outcome(proxy, key, x_forwarded_for=ALLOWED) == 200
                assert await outcome(proxy, key, forwarded=f'for="{ALLOWED}:443"') == 200
                assert await outcome(proxy, key, x_forwarded_for=f"{ALLOWED}, 127.0.0.9") == 200
                # Entries left of the proxy's own are the client's word: never trusted.
                assert await outcome(proxy, key, x_forwarded_for=f"{ALLOWED}, 192.0.2.5") == DENIED
                spoof = {"x_forwarded_for": "192.0.2.5", "forwarded": f"for={ALLOWED}"}
                assert await outcome(proxy, key, **spoof) == DENIED
                assert await outcome(other, key, x_forwarded_for=ALLOWED) == DENIED

    async def test_the_access_line_names_the_caller(self, store_world: World) -> None:
        async with app_of(store_world, trusted_proxies=("127.0.0.1",)) as app:
            proxy = from_peer(app, "127.0.0.1")
            with capture_logs() as logs:
                await proxy.get("/api/v1/health", headers={"X-Forwarded-For": "192.0.2.5"})
            await proxy.aclose()
        (line,) = [e for e in logs if e["event"] == "request"]
        assert line["caller_ip"] == "192.0.2.5"


@pytest.fixture
def servers(http_store: dict[str, Any], tmp_path: Path) -> Iterator[list[Served]]:
    """Two ``zenhire serve`` on the store: default settings, and loopback as trusted proxy."""
    store = {"database_url": http_store["database_url"]} if http_store else {}
    trusting = {**store, "trusted_proxies": "127.0.0.1/32"}
    with zenhire_servers(tmp_path, store, trusting) as both:
        yield both


def black_box_key(server: Served, allowed: str) -> dict[str, str]:
    admin = {"Authorization": f"Bearer {server.admin_token}"}
    client = httpx.post(
        f"{server.url}/api/v1/admin/clients", json={"name": "Acme", "credits": 5}, headers=admin
    ).json()
    key = httpx.post(
        f"{server.url}/api/v1/admin/clients/{client['id']}/api-keys",
        json={"allowed_ips": [allowed]},
        headers=admin,
    ).json()
    return {"X-API-Key": key["key"]}


def black_box(server: Served, key: dict[str, str], **headers: str) -> Any:
    r = httpx.get(f"{server.url}/api/v1/credits", headers={**key, **named(headers)})
    return r.status_code if r.status_code == 200 else (r.status_code, r.json()["error"]["code"])


def test_a_real_server_reads_forwarding_headers_only_from_trusted_proxies(
    servers: list[Served],
) -> None:
    default, trusting = servers
    key = black_box_key(default, ALLOWED)
    assert black_box(default, key) == DENIED
    assert black_box(default, key, x_forwarded_for=ALLOWED) == DENIED
    assert black_box(default, key, forwarded=f"for={ALLOWED}") == DENIED
    assert black_box(default, black_box_key(default, "127.0.0.1")) == 200

    key = black_box_key(trusting, ALLOWED)
    assert black_box(trusting, key) == DENIED
    assert black_box(trusting, key, x_forwarded_for=ALLOWED) == 200
    assert black_box(trusting, key, x_forwarded_for=f"{ALLOWED}, 192.0.2.5") == DENIED
