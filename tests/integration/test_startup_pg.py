"""Start-up against real databases: unmigrated, missing, behind, ahead; readiness; demo-seed."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest
from litestar.testing import AsyncTestClient

from tests.harness import World
from tests.pg import Server, throwaway_database, with_database, with_password
from tests.servers import ZENHIRE, free_port, wait_healthy
from tests.walkthrough import assert_walkthrough_succeeded, run_walkthrough
from zenhire.adapters.postgres.migrate import upgrade_to_head
from zenhire.adapters.postgres.schema import expected_revision, known_revisions
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres

S2S = secrets.token_hex(32)
ADMIN = secrets.token_hex(32)
PASSWORD = "pw-never-logged"  # the local server trusts; the password must still never show


def plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def admin_sql(url: str, sql: str) -> Any:
    connection = await asyncpg.connect(plain(url))
    try:
        return await connection.fetch(sql)
    finally:
        await connection.close()


@pytest.fixture
async def empty_url(pg_server: Server) -> AsyncIterator[str]:
    """A database that exists and was never migrated; its URL carries a password."""
    async with throwaway_database(pg_server.url, migrate=False) as url:
        yield with_password(url, PASSWORD)


@pytest.fixture
async def migrated_url(empty_url: str) -> str:
    await upgrade_to_head(empty_url)
    return empty_url


def env_for(url: str, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    return {
        **base,
        "ZENHIRE_DATABASE_URL": url,
        "ZENHIRE_S2S_SECRETS": S2S,
        "ZENHIRE_ADMIN_TOKEN": ADMIN,
        "ZENHIRE_LOG_FORMAT": "json",
        "ZENHIRE_SWEEP_INTERVAL_SECONDS": "3600",
        **extra,
    }


def zenhire(env: dict[str, str], *args: str, cwd: Path | None = None) -> Any:
    return subprocess.run(
        [ZENHIRE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )


def one_line(result: Any, code: int) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert PASSWORD not in result.stderr
    return str(lines[0])


COMMANDS = [
    ["serve"],
    ["close-expired"],
    ["demo-seed"],
    ["admin", "get-client", "0190a000-0000-7000-8000-000000000000"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_an_unmigrated_schema_refuses_to_start(empty_url: str, args: list[str]) -> None:
    line = one_line(zenhire(env_for(empty_url), *args), 2)
    assert "behind" in line
    assert f"needs {expected_revision()}" in line
    assert "run `zenhire migrate`" in line


def test_several_workers_are_checked_once_before_the_server_starts(empty_url: str) -> None:
    result = zenhire(
        env_for(empty_url, ZENHIRE_WORKERS="2", ZENHIRE_PORT=str(free_port())), "serve"
    )
    assert "run `zenhire migrate`" in one_line(result, 2)
    assert "Started server process" not in result.stderr


async def test_a_schema_of_a_newer_release_refuses_to_start(migrated_url: str) -> None:
    await admin_sql(migrated_url, "UPDATE alembic_version SET version_num = '9999_future'")
    for args in (["serve"], ["migrate"]):
        line = one_line(zenhire(env_for(migrated_url), *args), 2)
        assert "9999_future" in line
        assert "does not know" in line


def test_a_missing_database_is_a_runtime_error(empty_url: str) -> None:
    missing = with_database(empty_url, "zenhire_missing_" + secrets.token_hex(4))
    for args in (["migrate"], ["serve"]):
        line = one_line(zenhire(env_for(missing), *args), 1)
        assert "does not exist" in line


def test_migrate_then_serve_logs_one_start_up_line(empty_url: str) -> None:
    env = env_for(empty_url)
    migrated = zenhire(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert f"newest revision ({expected_revision()})" in migrated.stdout
    port = free_port()
    server = subprocess.Popen(
        [ZENHIRE, "serve"],
        env={**env, "ZENHIRE_WORKERS": "2", "ZENHIRE_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # uvicorn restarts a worker that misses its 5 s health check while it imports the
        # app, which a busy machine can make slow: a long deadline, nothing timed.
        wait_healthy(f"http://127.0.0.1:{port}", timeout=180)
        ready = subprocess.run(
            ["curl", "-sS", f"http://127.0.0.1:{port}/api/v1/health/ready"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(ready.stdout) == {
            "status": "ok",
            "checks": {"database": "ok", "schema": "ok"},
        }
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    assert PASSWORD not in stderr
    started = [json.loads(line) for line in stderr.splitlines() if '"started"' in line]
    assert len(started) == 1, stderr  # two workers, one check, one line
    parts = urlsplit(empty_url)
    if parts.hostname:
        assert started[0]["store"] == f"{parts.hostname}:{parts.port}{parts.path}"
    else:  # a unix-socket URL (the embedded test server) names no host or port
        assert started[0]["store"].endswith(parts.path)
    assert started[0]["schema_revision"] == expected_revision()
    assert started[0]["workers"] == 2


class TestReadiness:
    async def ready(self, url: str) -> Any:
        world = World(database_url=url)
        app = create_app(world.settings, *world.overrides())
        async with AsyncTestClient(app) as client:
            response = await client.get("/api/v1/health/ready")
        await world.close()
        return response

    async def test_at_the_newest_migration(self, migrated_url: str) -> None:
        response = await self.ready(migrated_url)
        assert (response.status_code, response.json()) == (
            200,
            {"status": "ok", "checks": {"database": "ok", "schema": "ok"}},
        )

    async def test_behind_the_newest_migration(self, migrated_url: str) -> None:
        older = sorted(known_revisions() - {expected_revision()})[-1]
        await admin_sql(migrated_url, f"UPDATE alembic_version SET version_num = '{older}'")  # noqa: S608
        response = await self.ready(migrated_url)
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["code"] == "STORAGE_UNAVAILABLE"
        assert error["details"] == {
            "checks": {"database": "ok", "schema": "behind"},
            "schema_revision": {"current": older, "expected": expected_revision()},
        }
        assert "zenhire migrate" in error["message"]

    async def test_never_migrated(self, empty_url: str) -> None:
        response = await self.ready(empty_url)
        assert response.status_code == 503
        assert response.json()["error"]["details"]["schema_revision"] == {
            "current": None,
            "expected": expected_revision(),
        }

    async def test_migrated_by_a_newer_release(self, migrated_url: str) -> None:
        await admin_sql(migrated_url, "UPDATE alembic_version SET version_num = '9999_future'")
        response = await self.ready(migrated_url)
        assert response.status_code == 503
        assert response.json()["error"]["details"]["checks"]["schema"] == "unknown"


def exports(stdout: str) -> dict[str, str]:
    lines = [line.removeprefix("export ") for line in stdout.splitlines()]
    return dict(line.split("=", 1) for line in lines if not line.startswith("#"))


@pytest.fixture
def served(migrated_url: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], str]]:
    env = env_for(migrated_url, ZENHIRE_PORT=str(free_port()))
    server = subprocess.Popen(
        [ZENHIRE, "serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{env['ZENHIRE_PORT']}")
        yield env, migrated_url
    finally:
        server.terminate()
        server.wait(timeout=60)


@pytest.mark.skipif(not shutil.which("curl"), reason="the walkthrough needs curl")
def test_demo_seed_prints_what_the_walkthrough_needs(
    served: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, url = served
    first = zenhire(env, "demo-seed")
    again = zenhire(env, "demo-seed")
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    one, two = exports(first.stdout), exports(again.stdout)
    assert set(one) == {
        "ZH_URL",
        "ZH_API_KEY",
        "ZH_PERSONA_ID",
        "ZH_ADMIN_TOKEN",
        "ZH_S2S_SECRET",
        "ZH_CONSOLE_URL",
        "ZH_CONSOLE_EMAIL",
        "ZH_CONSOLE_PASSWORD",
    }
    # The console owner is made once: run again, its password (not kept) is not printed.
    assert "ZH_CONSOLE_PASSWORD" not in two
    assert one["ZH_URL"] == f"http://127.0.0.1:{env['ZENHIRE_PORT']}"
    assert (one["ZH_S2S_SECRET"], one["ZH_ADMIN_TOKEN"]) == (S2S, ADMIN)
    # Run again: the same client and persona, one more key.
    assert two["ZH_PERSONA_ID"] == one["ZH_PERSONA_ID"]
    assert two["ZH_API_KEY"] != one["ZH_API_KEY"]
    counts = asyncio.run(
        admin_sql(
            url,
            "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM personas), "
            "(SELECT count(*) FROM api_keys), (SELECT sum(balance) FROM clients)",
        )
    )
    assert tuple(counts[0]) == (1, 1, 2, 100)
    # The earlier key still works: the walkthrough runs with the first lines printed.
    assert_walkthrough_succeeded(run_walkthrough(one, tmp_path))
