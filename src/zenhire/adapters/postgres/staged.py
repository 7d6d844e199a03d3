"""A write a transaction holds back until the next statement or its commit (``transaction``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

Staged = Callable[[], Awaitable[object]]


class StagedWrite:
    """A staged write: called like any staged write, and readable for merging (``merged``)."""

    __slots__ = ("args", "raw", "sql")

    def __init__(self, raw: asyncpg.Connection, sql: str, args: tuple[Any, ...]) -> None:
        self.raw, self.sql, self.args = raw, sql, args

    async def __call__(self) -> object:
        status: object = await self.raw.execute(self.sql, *self.args)
        return status
