"""A console visitor over the app's ASGI transport: signs in, reads forms' CSRF tokens."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from tests.harness import Tenant, World
from tests.http.conftest import running
from zenhire.domain.console.model import Role
from zenhire.domain.console.use_cases.accept_invite import AcceptInvite, AcceptInviteCommand
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.entrypoints.http.app import create_app

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


async def add_person(world: World, tenant: Tenant, email: str, role: Role) -> None:
    issued = await world.run(
        InviteUser,
        InviteUserCommand(client_id=tenant.client_id, email=email, role=role, actor="operator"),
    )
    await world.run(AcceptInvite, AcceptInviteCommand(token=issued.token, password=PASSWORD))


class Visitor:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def csrf(self, path: str = "/console/password") -> str:
        found = _CSRF.search((await self.http.get(path)).text)
        assert found, path
        return found.group(1)

    async def login(self, email: str, password: str = PASSWORD) -> httpx.Response:
        token = await self.csrf("/console/login")
        return await self.http.post(
            "/console/login", data={"email": email, "password": password, "csrf": token}
        )

    async def post(self, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        """A form post with the session's CSRF token."""
        return await self.http.post(path, data={"csrf": await self.csrf(), **(data or {})})


@asynccontextmanager
async def visitor(world: World, base: str = "https://test") -> AsyncIterator[Visitor]:
    app = create_app(world.settings, *world.overrides())
    async with (
        running(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as http,
    ):
        yield Visitor(http)


def forms_that_post(html: str) -> list[str]:
    """The actions of the page's POST forms, sign-out aside."""
    actions = re.findall(r'<form method="post" action="([^"]+)"', html)
    return [a for a in actions if a != "/console/logout"]


__all__ = ["PASSWORD", "Any", "Visitor", "add_person", "forms_that_post", "visitor"]
