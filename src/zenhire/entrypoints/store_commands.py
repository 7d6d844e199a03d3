"""The one-shot commands on the store: ``migrate``, ``close-expired``, ``deliver``,
``demo-seed``.

Each imports what it runs when it runs, so ``zenhire --version`` or a refused setting never
pays for the app's imports.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import msgspec

from zenhire.entrypoints.composition.store import check_store
from zenhire.entrypoints.settings import GENERATE_SECRET, Settings, SettingsError


def migrate(settings: Settings) -> int:
    if settings.in_memory:
        sys.stdout.write("in-memory store: nothing to migrate\n")
        return 0
    from zenhire.entrypoints.composition.store import migrate as upgrade

    report = check_store(settings, schema=False)
    asyncio.run(upgrade(settings))
    sys.stdout.write(
        f"database schema of {report.store} is at the newest revision "
        f"({report.expected_revision})\n"
    )
    return 0


def close_expired(settings: Settings) -> int:
    from zenhire.entrypoints.composition.container import app_container
    from zenhire.entrypoints.sweeper import sweep_once

    check_store(settings)

    async def sweep() -> Any:
        async with app_container(settings) as container:
            return await sweep_once(container)

    report = asyncio.run(sweep())
    sys.stdout.write(msgspec.json.encode(report).decode() + "\n")
    return 0


def deliver(settings: Settings) -> int:
    """One webhook dispatch pass: attempt every due delivery, print the counts as JSON (the
    attempts' log lines go to stderr)."""
    from zenhire.entrypoints.composition.container import app_container
    from zenhire.entrypoints.logs import configure_logging
    from zenhire.entrypoints.webhook_dispatcher import Dispatcher

    check_store(settings)
    configure_logging(settings.log_format)

    async def run() -> Any:
        async with app_container(settings) as container:
            return await Dispatcher(container).pass_once()

    report = asyncio.run(run())
    sys.stdout.write(msgspec.json.encode(report).decode() + "\n")
    return 0


def demo_seed(settings: Settings) -> int:
    from zenhire.entrypoints.composition.container import app_container
    from zenhire.entrypoints.composition.store import find_demo_client
    from zenhire.entrypoints.demo import DEMO_CLIENT_NAME, print_banner, seed_demo

    if settings.in_memory:
        raise SettingsError(
            "demo-seed needs ZENHIRE_DATABASE_URL: the in-memory store seeds its own demo "
            "tenant each time `zenhire serve` starts"
        )
    if not settings.s2s_secrets:
        raise SettingsError(
            "demo-seed prints ZH_S2S_SECRET for the walkthrough: set ZENHIRE_S2S_SECRETS "
            f"(the server's; {GENERATE_SECRET})"
        )
    report = check_store(settings)

    async def seed() -> Any:
        async with app_container(settings) as container:
            return await seed_demo(
                container, lambda scope: find_demo_client(scope, DEMO_CLIENT_NAME)
            )

    tenant = asyncio.run(seed())
    print_banner(
        settings,
        tenant,
        heading=f"# zenhire: demo tenant in {report.store}. Paste into your shell:",
    )
    return 0
