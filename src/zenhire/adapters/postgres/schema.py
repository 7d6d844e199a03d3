"""Which schema revision a database is at, against the newest one this code ships.

``probe`` is the start-up check: one short connection, whose failures become one-line
``DatabaseUrlError`` (the URL itself is wrong) or ``DatabaseUnavailableError`` (the server,
the database or the network, any of which may come back by itself). ``read_revision`` is the
readiness check's single query (``readiness``), run on whatever connection the caller holds.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import unquote, urlsplit

import asyncpg

from zenhire.adapters.postgres.connection import EngineOptions
from zenhire.adapters.postgres.statements import Statement, read

MIGRATIONS: Final = Path(__file__).with_name("migrations")
CONNECT_TIMEOUT_SECONDS: Final = EngineOptions().connect_timeout_seconds
REVISION: Final = read("SELECT version_num FROM alembic_version")
_LINK_NAMES: Final = frozenset({"revision", "down_revision"})

SchemaState = Literal["ok", "behind", "unknown"]


class DatabaseUrlError(ValueError):
    """The database URL cannot be used as written (a configuration error)."""


class DatabaseUnavailableError(ConnectionError):
    """The server, the database or the network failed; retrying later may succeed."""


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """``current`` is None when no migration ever ran on the database."""

    current: str | None
    expected: str

    @property
    def state(self) -> SchemaState:
        """``behind`` when an older (or no) migration is applied; ``unknown`` when the
        revision is not one this code ships (a newer release migrated the database)."""
        if self.current == self.expected:
            return "ok"
        if self.current is None or self.current in known_revisions():
            return "behind"
        return "unknown"


@functools.cache
def _shipped() -> tuple[str, frozenset[str]]:
    """The head and every revision of the migration scripts, read from their source.

    Alembic learns the same by importing every script (and itself): about a second on a busy
    machine, paid by every command at start and by every worker's first readiness probe.
    The scripts' ``revision``/``down_revision`` assignments say it all; a test checks that
    this reading agrees with Alembic's.
    """
    links: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        values: dict[str, object] = {}
        for node in ast.parse(script.read_text(), str(script)).body:
            if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in _LINK_NAMES:
                        values[target.id] = ast.literal_eval(node.value)
        revision, down = values.get("revision"), values.get("down_revision")
        if isinstance(revision, str) and (down is None or isinstance(down, str)):
            links[revision] = down
    heads = set(links) - set(links.values())
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop(), frozenset(links)


def expected_revision() -> str:
    """The newest migration this code ships (there is always exactly one head)."""
    return _shipped()[0]


def known_revisions() -> frozenset[str]:
    return _shipped()[1]


async def read_revision(fetchrow: Callable[[Statement], Awaitable[Any]]) -> str | None:
    """The revision the database is at (``fetchrow`` runs ``REVISION``); None when it was
    never migrated."""
    try:
        row = await fetchrow(REVISION)
    except asyncpg.UndefinedTableError:
        return None
    return None if row is None else str(row[0])


def describe(url: str) -> str:
    """``host:port/database`` for logs and messages: never the user's password."""
    parts = urlsplit(url)
    host = parts.hostname or "the default host"
    port = f":{parts.port}" if parts.port else ""
    database = unquote(parts.path.lstrip("/")) or unquote(parts.username or "") or "(default)"
    return f"{host}{port}/{database}"


def dsn(url: str) -> str:
    """The URL as asyncpg reads it (no SQLAlchemy driver suffix)."""
    scheme, _, rest = url.partition("://")
    return f"{scheme.removesuffix('+asyncpg')}://{rest}"


async def probe(url: str, connect_timeout: float = CONNECT_TIMEOUT_SECONDS) -> SchemaStatus:
    """Connect once and read the schema revision; raise a one-line error when that fails."""
    where = describe(url)
    try:
        connection = await asyncpg.connect(dsn(url), timeout=connect_timeout)
    except (ValueError, asyncpg.ClientConfigurationError) as error:
        # asyncpg's parse errors are plain text about the URL's parts, never its password.
        raise DatabaseUrlError(f"ZENHIRE_DATABASE_URL is malformed: {error}") from error
    except Exception as error:
        raise DatabaseUnavailableError(_connect_failure(where, error)) from error
    try:
        current = await read_revision(lambda statement: connection.fetchrow(statement.sql))
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        raise DatabaseUnavailableError(
            f"the database {where} failed while reading its schema revision: {error}"
        ) from error
    finally:
        with contextlib.suppress(Exception):  # closing after a failure may fail as well
            await connection.close(timeout=connect_timeout)
    return SchemaStatus(current=current, expected=expected_revision())


def _connect_failure(where: str, error: BaseException) -> str:
    """One line saying what failed and what to do about it."""
    host = where.partition("/")[0]
    database = where.partition("/")[2]
    if isinstance(error, asyncpg.InvalidCatalogNameError):
        return (
            f'database "{database}" does not exist on {host}: create it '
            f"(createdb {database}), then run `zenhire migrate`"
        )
    if isinstance(error, asyncpg.InvalidAuthorizationSpecificationError):  # password too
        return f"the database server at {host} refused the login: {error}"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve the database host of {where}: {error.strerror}"
    if isinstance(error, TimeoutError):
        return f"the database server at {host} did not answer within the connect timeout"
    if isinstance(error, ConnectionRefusedError):
        return f"cannot reach the database server at {host}: connection refused (is it running?)"
    if isinstance(error, OSError):
        return f"cannot reach the database server at {host}: {error.strerror or error}"
    if isinstance(error, asyncpg.PostgresError):
        return f"the database server at {host} refused the connection: {error}"
    return f"cannot connect to the database {where}: {type(error).__name__}: {error}"


@dataclass(frozen=True, slots=True)
class ExpectedSchema:
    """The newest revision, read once per process."""

    revision: str

    @classmethod
    def of_this_code(cls) -> ExpectedSchema:
        return cls(expected_revision())
