"""SQL statements, each declared once beside the adapter method that runs it, with its mode.

The mode, not the call site, decides where a statement runs (see ``transaction``):

- ``read``: runs where it stands — alone before the request's transaction opens (under READ
  COMMITTED a statement inside a transaction sees nothing more), inside it afterwards;
- ``write``: opens the transaction if none is open;
- ``lock``: a ``SELECT … FOR [NO KEY] UPDATE``/``FOR [KEY] SHARE``; opens the transaction
  too, so the lock is held until COMMIT and never released by the statement's own end;
- ``alone``: a write that must stand whatever happens to the request (a rate-limit hit, a
  failed login): what the request holds is committed first, then it runs as its own
  transaction.

Declaring checks the shape against the mode: a lock must lock, a read may neither lock nor
write. ``tests/integration/test_statements_pg.py`` prepares every declared statement against
the migrated schema and runs each read inside a READ ONLY transaction and each write or lock
there to see the server refuse it, so a typo, a drifted column or a wrong mode fails the suite.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Table


class Mode(enum.Enum):
    READ = "read"
    WRITE = "write"
    LOCK = "lock"
    ALONE = "alone"


_LOCKS: Final = re.compile(r"\bFOR\s+(NO\s+KEY\s+UPDATE|UPDATE|KEY\s+SHARE|SHARE)\b", re.I)
_WRITES: Final = re.compile(r"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b", re.I)


@dataclass(frozen=True, slots=True)
class Statement:
    """One SQL text with ``$n`` parameters and the mode it runs in."""

    sql: str
    mode: Mode

    def __post_init__(self) -> None:
        locks = _LOCKS.search(self.sql) is not None
        if self.mode is Mode.LOCK and not locks:
            raise ValueError(f"a lock statement must lock rows: {self.sql!r}")
        if self.mode is Mode.READ and (locks or _WRITES.search(self.sql)):
            raise ValueError(f"a read statement may neither lock nor write: {self.sql!r}")

    @property
    def opens_transaction(self) -> bool:
        return self.mode in (Mode.WRITE, Mode.LOCK)


# Every statement declared at import, for the test that prepares them all; statement
# families (``filters``) add their most and least conditioned forms.
DECLARED: Final[list[Statement]] = []


def _declare(sql: str, mode: Mode) -> Statement:
    statement = Statement(sql, mode)
    DECLARED.append(statement)
    return statement


def read(sql: str) -> Statement:
    return _declare(sql, Mode.READ)


def write(sql: str) -> Statement:
    return _declare(sql, Mode.WRITE)


def lock(sql: str) -> Statement:
    return _declare(sql, Mode.LOCK)


def alone(sql: str) -> Statement:
    return _declare(sql, Mode.ALONE)


def columns(table: Table, prefix: str = "", label: str = "") -> str:
    """The table's columns in declaration order, ``prefix.``-qualified and ``label``-aliased
    (``p.id AS p_id``) when given, so statements stay in step with ``tables.py``."""
    qualified = (f"{prefix}.{c.name}" if prefix else c.name for c in table.c)
    if not label:
        return ", ".join(qualified)
    return ", ".join(f"{q} AS {label}{c.name}" for q, c in zip(qualified, table.c, strict=True))


def placeholders(count: int, first: int = 1) -> str:
    return ", ".join(f"${i}" for i in range(first, first + count))
