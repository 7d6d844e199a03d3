"""ADMIN_PORT with a real ``zenhire serve``: the operator surface on its own listener only.

Memory with one worker, Postgres with two (every worker accepts on both sockets).
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import httpx
import pytest

from tests.servers import ZENHIRE, free_port, wait_healthy

NOWHERE: Final = "/api/v1/admin/clients/00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Listeners:
    public: str
    admin: str | None
    admin_headers: dict[str, str]


def _serve(env_extra: dict[str, str], cwd: Path) -> Iterator[Listeners]:
    token = secrets.token_hex(32)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        ZENHIRE_PORT=str(port),
        ZENHIRE_ADMIN_TOKEN=token,
        ZENHIRE_S2S_SECRETS=secrets.token_hex(32),
        ZENHIRE_SWEEP_INTERVAL_SECONDS="3600",
        **env_extra,
    )
    proc = subprocess.Popen(
        [ZENHIRE, "serve"], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    admin_port = env_extra.get("ZENHIRE_ADMIN_PORT")
    listeners = Listeners(
        f"http://127.0.0.1:{port}",
        f"http://127.0.0.1:{admin_port}" if admin_port else None,
        {"Authorization": f"Bearer {token}"},
    )
    try:
        wait_healthy(listeners.public, timeout=120)  # workers start slowly on a loaded machine
        yield listeners
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def split(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Listeners]:
    extra = {"ZENHIRE_ADMIN_PORT": str(free_port())}
    if request.param == "postgres":
        extra.update(ZENHIRE_DATABASE_URL=request.getfixturevalue("pg_url"), ZENHIRE_WORKERS="2")
    yield from _serve(extra, tmp_path)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Listeners]:
    yield from _serve({}, tmp_path)


def _not_found(r: httpx.Response) -> bool:
    return r.status_code == 404 and r.json()["error"]["code"] == "NOT_FOUND"


def test_operator_surface_only_on_the_admin_listener(split: Listeners) -> None:
    assert split.admin is not None
    wait_healthy(split.admin)
    h = split.admin_headers
    # The public listener hides the admin API (whatever the token) and the metrics.
    for _ in range(4):  # several requests, so with two workers both have answered
        assert _not_found(httpx.post(f"{split.public}/api/v1/admin/clients", json={}, headers=h))
        assert _not_found(httpx.get(f"{split.public}{NOWHERE}", headers=h))
        assert _not_found(httpx.get(f"{split.public}{NOWHERE}"))
        assert _not_found(httpx.get(f"{split.public}/metrics"))
    # The admin listener serves them, and nothing of the integrator API.
    client = httpx.post(f"{split.admin}/api/v1/admin/clients", json={"name": "A"}, headers=h)
    assert client.status_code == 201, client.text
    key = httpx.post(
        f"{split.admin}/api/v1/admin/clients/{client.json()['id']}/api-keys", json={}, headers=h
    ).json()["key"]
    assert httpx.get(f"{split.admin}/metrics").status_code == 200
    assert _not_found(httpx.get(f"{split.admin}/api/v1/credits", headers={"X-API-Key": key}))
    assert httpx.get(f"{split.admin}/api/v1/health").status_code == 200
    # The integrator API stays on the public listener.
    credits = httpx.get(f"{split.public}/api/v1/credits", headers={"X-API-Key": key})
    assert credits.status_code == 200


def test_without_admin_port_everything_shares_the_public_port(shared: Listeners) -> None:
    h = shared.admin_headers
    created = httpx.post(f"{shared.public}/api/v1/admin/clients", json={"name": "A"}, headers=h)
    assert created.status_code == 201
    assert httpx.get(f"{shared.public}/metrics").status_code == 200
