"""The demo's console owner: invited and signed up at once, with a minted password."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from dishka import AsyncContainer

from zenhire.domain.console.model import Role
from zenhire.domain.console.ports import ConsoleSecrets
from zenhire.domain.console.use_cases.accept_invite import AcceptInvite, AcceptInviteCommand
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.domain.errors import ConflictError
from zenhire.domain.model.ids import ClientId

DEMO_EMAIL: Final = "owner@demo.zenhire.test"


@dataclass(frozen=True)
class DemoOwner:
    email: str
    password: str = field(repr=False)


async def seed_owner(container: AsyncContainer, client_id: ClientId) -> DemoOwner | None:
    """The demo client's owner, or None when an earlier seed made it (its password was
    printed then and is not kept)."""
    async with container() as scope:
        password, _ = (await scope.get(ConsoleSecrets)).mint()
        try:
            issued = await (await scope.get(InviteUser))(
                InviteUserCommand(
                    client_id=client_id, email=DEMO_EMAIL, role=Role.OWNER, actor="demo seed"
                )
            )
        except ConflictError:
            return None
    async with container() as scope:
        await (await scope.get(AcceptInvite))(
            AcceptInviteCommand(token=issued.token, password=password)
        )
    return DemoOwner(DEMO_EMAIL, password)
