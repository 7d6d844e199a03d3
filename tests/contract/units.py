"""Port-level access for the contract suites: one unit of work over the world's store.

``unit(world)`` opens one request scope, exactly as a request or a use case gets it, so the
adapters are the ones the service wires (on Postgres: the API-key cache around the keys and
clients, the request's connection for everything else). Leaving the block without
``commit`` rolls back. Memory transactions take the store's lock on first use and hold it
until they end: a test keeps at most one unit open at a time on that store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from dishka import AsyncContainer

from tests.harness import World
from zenhire.domain.model.clients import ApiKey, Client, Project
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session
from zenhire.domain.ports import (
    ApiKeys,
    Clients,
    Deliveries,
    Personas,
    Projects,
    Sessions,
    UnitOfWork,
)

P = TypeVar("P")


class Unit:
    def __init__(self, scope: AsyncContainer) -> None:
        self._scope = scope

    async def get(self, port: type[P]) -> P:
        """The adapter wired for ``port`` in this unit of work."""
        return await self._scope.get(port)

    async def commit(self) -> None:
        await (await self._scope.get(UnitOfWork)).commit()

    async def rollback(self) -> None:
        await (await self._scope.get(UnitOfWork)).rollback()


@asynccontextmanager
async def unit(world: World) -> AsyncIterator[Unit]:
    async with world.container() as scope:
        yield Unit(scope)


async def seed(world: World, *entities: object) -> None:
    """Add ``entities`` through their ports in one committed unit, in the order given."""
    async with unit(world) as u:
        for entity in entities:
            port, add = _adders[type(entity)]
            await add(await u.get(port), entity)
        await u.commit()


def _adder(port: type[Any]) -> tuple[type[Any], Callable[[Any, Any], Awaitable[None]]]:
    async def add(adapter: Any, entity: Any) -> None:
        await adapter.add(entity)

    return port, add


_adders: dict[type, tuple[type[Any], Callable[[Any, Any], Awaitable[None]]]] = {
    Client: _adder(Clients),
    Project: _adder(Projects),
    ApiKey: _adder(ApiKeys),
    Persona: _adder(Personas),
    Session: _adder(Sessions),
    Delivery: _adder(Deliveries),
}
