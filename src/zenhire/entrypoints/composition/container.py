"""The container, built one way for the app, the CLI and the tests.

``overrides`` come last and replace whatever they provide: the app adds Litestar's request
provider, tests a manual clock, a shared memory store or a failing adapter.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from dishka import AsyncContainer, Provider, make_async_container

from zenhire.entrypoints.composition.core import CoreProvider
from zenhire.entrypoints.composition.faults import FaultsProvider
from zenhire.entrypoints.composition.memory import MemoryProvider
from zenhire.entrypoints.composition.use_cases import UseCaseProvider
from zenhire.entrypoints.settings import Settings


def storage_provider(settings: Settings) -> Provider:
    """Memory when no database URL is set, otherwise the Postgres adapters."""
    if settings.in_memory:
        return MemoryProvider()
    from zenhire.entrypoints.composition.postgres import PostgresProvider

    return PostgresProvider(settings)


def providers(settings: Settings, *overrides: Provider) -> list[Provider]:
    """Every provider the service runs with, ``overrides`` last."""
    return [
        CoreProvider(settings),
        storage_provider(settings),
        FaultsProvider(settings),
        UseCaseProvider(),
        *overrides,
    ]


def make_container(settings: Settings, *overrides: Provider) -> AsyncContainer:
    return make_async_container(*providers(settings, *overrides))


@asynccontextmanager
async def app_container(settings: Settings) -> AsyncIterator[AsyncContainer]:
    """A container for one command (CLI), closed when the block ends."""
    container = make_container(settings)
    try:
        yield container
    finally:
        await container.close()
