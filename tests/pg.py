"""Where the Postgres tests get a server. They never skip: some source always exists.

1. ``ZENHIRE_TEST_DATABASE_URL``: a maintenance database on a server this run may use (the
   role must be allowed to CREATE DATABASE);
2. testcontainers, when a Docker engine answers;
3. pgserver: PostgreSQL 16 shipped inside a wheel of the dev dependencies (CPython <= 3.12),
   started for the session in a temporary directory, listening on a unix socket only, and
   stopped and deleted when the session ends.

On that server each run creates its throwaway databases (names starting with ``RUN_PREFIX``)
and drops them.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal
from urllib.parse import parse_qs, urlsplit

import asyncpg

from zenhire.adapters.postgres.migrate import upgrade_to_head

ENV: Final = "ZENHIRE_TEST_DATABASE_URL"
Kind = Literal["env", "testcontainers", "pgserver"]


class NoServerError(RuntimeError):
    """No source could provide a server; the message says what to do, in one line."""


@functools.cache
def chosen_kind() -> Kind:
    """The source this run uses; decided once, without starting anything."""
    if os.environ.get(ENV):
        return "env"
    if docker_answers():
        return "testcontainers"
    return "pgserver"


def docker_answers() -> bool:
    """True when a Docker engine answers a ping. Quiet and quick (~0.4 s) when none does."""
    try:
        from testcontainers.core.docker_client import DockerClient

        DockerClient().client.ping()
    except Exception:  # no socket, no engine, no permission: all mean "not this source"
        return False
    return True


def describe(kind: Kind) -> str:
    """One line naming the source, without credentials."""
    if kind == "env":
        host, port = endpoint(os.environ[ENV])
        return f"{ENV} ({host}:{port}/{database_name(os.environ[ENV])})"
    if kind == "testcontainers":
        return "testcontainers (postgres:16-alpine; a Docker engine answered)"
    return "pgserver (embedded PostgreSQL 16, started for this session; no Docker engine answered)"


@dataclass(frozen=True)
class Server:
    kind: Kind
    url: str  # a maintenance database on it


@contextmanager
def running_server(kind: Kind) -> Iterator[Server]:
    """The server of ``kind`` for the session; started and stopped here unless ``env``."""
    if kind == "env":
        yield Server(kind, os.environ[ENV])
    elif kind == "testcontainers":
        with _container() as url:
            yield Server(kind, url)
    else:
        with _pgserver() as url:
            yield Server(kind, url)


@contextmanager
def _container() -> Iterator[str]:
    from testcontainers.community.postgres import PostgresContainer

    try:
        container = PostgresContainer("postgres:16-alpine", driver=None).start()
    except Exception as error:
        raise NoServerError(f"testcontainers could not start PostgreSQL: {error}") from None
    try:
        yield container.get_connection_url()
    finally:
        container.stop()


@contextmanager
def _pgserver() -> Iterator[str]:
    try:
        with warnings.catch_warnings():
            # platformdirs warns at import when XDG_RUNTIME_DIR is unset (CI, root shells).
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError:
        raise NoServerError(
            f"No PostgreSQL for the tests: set {ENV}=postgresql://user@host:port/db, run a "
            "Docker engine, or use CPython <= 3.12 so that `make setup-dev` installs pgserver."
        ) from None
    pgdata = Path(tempfile.mkdtemp(prefix="zenhire-pg-"))
    try:
        # As root, pgserver runs the server as a system user `pgserver` (created if missing).
        server = pgserver.get_server(pgdata, cleanup_mode="delete")
    except Exception as error:
        log = pgdata / "log"
        tail = log.read_text().strip().splitlines()[-1:] if log.exists() else []
        shutil.rmtree(pgdata, ignore_errors=True)
        raise NoServerError(f"pgserver could not start PostgreSQL: {error} {tail}") from None
    try:
        yield server.get_uri()
    finally:
        server.cleanup()


def endpoint(url: str) -> tuple[str, int]:
    """``(host, port)`` of a libpq URL; the host is a directory for a unix socket."""
    parts = urlsplit(url)
    query_host = parse_qs(parts.query).get("host", [None])[0]
    return query_host or parts.hostname or "localhost", parts.port or 5432


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def with_database(url: str, name: str) -> str:
    """The same server and credentials, another database (query such as ``host=`` kept)."""
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def with_password(url: str, password: str) -> str:
    """The same URL with ``password`` for its user (host, or ``host=`` socket query, kept)."""
    parts = urlsplit(url)
    where = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{parts.username or 'postgres'}:{password}@{where}").geturl()


async def _admin(url: str, sql: str) -> None:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


# Every database this run creates starts with this; the connection watch counts them all.
RUN_PREFIX: Final = f"zenhire_test_{secrets.token_hex(4)}"


@asynccontextmanager
async def throwaway_database(server_url: str, *, migrate: bool = True) -> AsyncIterator[str]:
    """A fresh database of this run (migrated to head unless told not to); dropped after."""
    name = f"{RUN_PREFIX}_{secrets.token_hex(3)}"
    try:
        await _admin(server_url, f'CREATE DATABASE "{name}"')
    except (OSError, asyncpg.PostgresError) as error:
        host, port = endpoint(server_url)
        raise NoServerError(
            f"cannot create a test database on {host}:{port}: {error}. {ENV} must name a "
            "reachable server and a role that may CREATE DATABASE."
        ) from None
    url = with_database(server_url, name)
    try:
        if migrate:
            await upgrade_to_head(url)
        yield url
    finally:
        await _admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _major(program: str) -> int:
    out = subprocess.run([program, "--version"], capture_output=True, text=True, check=True)
    found = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
    return int(found.group(1)) if found else 0


async def server_major(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval("SHOW server_version_num")) // 10_000
    finally:
        await connection.close()


def pg_dump_for(major: int) -> str:
    """A pg_dump that can dump a server of this major version (same or newer): the one on
    PATH, else the one inside pgserver's wheel."""
    candidates = [shutil.which("pg_dump")]
    if spec := importlib.util.find_spec("pgserver"):
        assert spec.origin is not None
        candidates.append(str(Path(spec.origin).parent / "pginstall" / "bin" / "pg_dump"))
    for program in filter(None, candidates):
        if Path(program).exists() and _major(program) >= major:
            return program
    raise NoServerError(f"no pg_dump of version {major} or newer (install a PostgreSQL client)")
