"""Running use cases outside HTTP (CLI): one container, one request scope."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from dishka import AsyncContainer, make_async_container

from zenhire.domain.use_cases.close_expired import SweepReport
from zenhire.entrypoints.ioc import CoreProvider, UseCaseProvider, storage_provider
from zenhire.entrypoints.settings import Settings
from zenhire.entrypoints.sweeper import sweep_once


@asynccontextmanager
async def app_container(settings: Settings) -> AsyncIterator[AsyncContainer]:
    container = make_async_container(
        CoreProvider(settings), storage_provider(settings), UseCaseProvider()
    )
    try:
        yield container
    finally:
        await container.close()


async def run_sweep(settings: Settings) -> SweepReport:
    async with app_container(settings) as container:
        return await sweep_once(container)
