"""The demo tenant: a client with credits, an API key and one persona, printed as shell lines.

The in-memory store seeds it at every start. With a database, ``zenhire demo-seed`` seeds it
once and, run again, finds the same client and persona and mints one more key (a raw key is
never stored, so an earlier one cannot be shown again).
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Final
from uuid import UUID

from dishka import AsyncContainer

from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.personas import PersonaStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.use_cases.admin_clients import CreateClient, CreateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.domain.use_cases.personas import (
    CreatePersona,
    CreatePersonaCommand,
    ListPersonas,
    ListPersonasQuery,
)
from zenhire.entrypoints.console.demo_owner import DemoOwner, seed_owner
from zenhire.entrypoints.settings import Settings

DEMO_CREDITS: Final = 100
DEMO_CLIENT_NAME: Final = "Demo client"
_ANY_HOST: Final = frozenset({"", "0.0.0.0", "::"})  # noqa: S104  # mapped to loopback below

# Finds an earlier demo client in the request scope it is given, or None.
FindClient = Callable[[AsyncContainer], Awaitable[ClientId | None]]


@dataclass(frozen=True)
class DemoTenant:
    client_id: UUID
    persona_id: UUID
    api_key: str = field(repr=False)
    console: DemoOwner | None = None


async def seed_demo(container: AsyncContainer, find: FindClient | None = None) -> DemoTenant:
    """Create the demo tenant, or reuse the client (and its newest active persona) that
    ``find`` returns; the API key is always a new one."""
    async with container() as scope:
        client_id = await find(scope) if find else None
        if client_id is None:
            created = await (await scope.get(CreateClient))(
                CreateClientCommand(name=DEMO_CLIENT_NAME, credits=DEMO_CREDITS)
            )
            client_id = created.client.id
        personas = await (await scope.get(ListPersonas))(
            ListPersonasQuery(
                client_id=client_id, status=PersonaStatus.ACTIVE, page=PageRequest(limit=1)
            )
        )
        if personas.items:
            persona_id = personas.items[0].id
        else:
            persona = await (await scope.get(CreatePersona))(
                CreatePersonaCommand(
                    client_id=client_id, role_name="Backend Engineer", language="en"
                )
            )
            persona_id = persona.id
        key = await (await scope.get(CreateApiKey))(
            CreateApiKeyCommand(client_id=client_id, name="demo")
        )
    return DemoTenant(client_id, persona_id, key.raw, await seed_owner(container, client_id))


def base_url(settings: Settings) -> str:
    """Where a client on this machine reaches the server (a wildcard bind → loopback)."""
    host = "127.0.0.1" if settings.host in _ANY_HOST else settings.host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{settings.port}"


def console_lines(settings: Settings, owner: DemoOwner | None) -> list[str]:
    """The console's address and its demo owner (the browser UI under /console)."""
    url = (settings.console_url or base_url(settings)).rstrip("/") + "/console/"
    if owner is None:
        return [f"export ZH_CONSOLE_URL={url}", "# the console owner was seeded earlier"]
    return [
        f"export ZH_CONSOLE_URL={url}",
        f"export ZH_CONSOLE_EMAIL={owner.email}",
        f"export ZH_CONSOLE_PASSWORD={owner.password}",
    ]


def print_banner(settings: Settings, tenant: DemoTenant, *, heading: str | None = None) -> None:
    """The demo's credentials, as shell lines a newcomer pastes (stdout, never the log)."""
    lines = [
        heading or "# zenhire: in-memory demo store (data is lost on exit). Paste into your shell:",
        f"export ZH_URL={base_url(settings)}",
        f"export ZH_API_KEY={tenant.api_key}",
        f"export ZH_PERSONA_ID={tenant.persona_id}",
    ]
    if settings.admin_token:
        lines.append(f"export ZH_ADMIN_TOKEN={settings.admin_token}")
    else:
        lines.append("# ZENHIRE_ADMIN_TOKEN is unset: the admin API (the walkthrough's end) is off")
    if settings.s2s_secrets:
        lines.append(f"export ZH_S2S_SECRET={settings.s2s_secrets[0]}")
    lines.extend(console_lines(settings, tenant.console))
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
