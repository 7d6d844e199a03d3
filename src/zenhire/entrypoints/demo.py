"""The in-memory demo tenant: a client with credits, an API key and one persona."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from uuid import UUID

from dishka import AsyncContainer

from zenhire.domain.use_cases.admin_clients import CreateClient, CreateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.domain.use_cases.personas import CreatePersona, CreatePersonaCommand
from zenhire.entrypoints.settings import Settings

DEMO_CREDITS = 100


@dataclass(frozen=True)
class DemoTenant:
    client_id: UUID
    persona_id: UUID
    api_key: str = field(repr=False)


async def seed_demo(container: AsyncContainer) -> DemoTenant:
    async with container() as scope:
        client = await (await scope.get(CreateClient))(
            CreateClientCommand(name="Demo client", credits=DEMO_CREDITS)
        )
        key = await (await scope.get(CreateApiKey))(
            CreateApiKeyCommand(client_id=client.client.id, name="demo")
        )
        persona = await (await scope.get(CreatePersona))(
            CreatePersonaCommand(
                client_id=client.client.id, role_name="Backend Engineer", language="en"
            )
        )
    return DemoTenant(client.client.id, persona.id, key.raw)


def print_banner(settings: Settings, tenant: DemoTenant) -> None:
    """The demo's credentials, as shell lines a newcomer pastes (stdout, never the log)."""
    url = f"http://{settings.host}:{settings.port}"
    lines = [
        "# zenhire: in-memory demo store (data is lost on exit). Paste into your shell:",
        f"export ZH_URL={url}",
        f"export ZH_API_KEY={tenant.api_key}",
        f"export ZH_PERSONA_ID={tenant.persona_id}",
        f"export ZH_ADMIN_TOKEN={settings.admin_token}",
        f"export ZH_S2S_SECRET={settings.s2s_secrets[0]}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
