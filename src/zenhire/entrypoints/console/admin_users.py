"""The operator invites a client's console user (usually its first owner): one operation,
shared by ``POST /api/v1/admin/clients/{id}/users`` and ``zenhire admin create-user``.

The invite link is built from ``ZENHIRE_CONSOLE_URL`` (where people reach the console), or
this server's own address when it is unset, so both surfaces print the same link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from zenhire.domain.console.model import EMAIL_MAX_LENGTH, EMAIL_PATTERN, OPERATOR, Role
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.domain.model.ids import ClientId
from zenhire.domain.timefmt import iso
from zenhire.entrypoints.admin.arguments import client_id, command
from zenhire.entrypoints.demo import base_url
from zenhire.entrypoints.http.schemas.common import Out, Strict, Timestamp
from zenhire.entrypoints.settings import Settings

Email = Annotated[
    str, msgspec.Meta(min_length=3, max_length=EMAIL_MAX_LENGTH, pattern=EMAIL_PATTERN)
]
INVITE_PATH = "/console/invite/"


class ConsoleUserIn(Strict):
    email: Email
    role: Literal["owner", "admin", "viewer"]


class ConsoleUserCreated(Out):
    id: UUID
    client_id: UUID
    email: str
    role: str
    invite_url: str  # one-time, valid 72 hours; shown only here
    invite_expires_at: Timestamp


def console_base(settings: Settings) -> str:
    return (settings.console_url or base_url(settings)).rstrip("/")


@dataclass(frozen=True, slots=True, kw_only=True)
class OperatorInvite:
    """InviteUser with the console's address, from which the invite link is built."""

    invite: InviteUser
    settings: Settings


async def create_user(
    invite: OperatorInvite, client_id: UUID, body: ConsoleUserIn
) -> ConsoleUserCreated:
    issued = await invite.invite(
        InviteUserCommand(
            client_id=ClientId(client_id), email=body.email, role=Role(body.role), actor=OPERATOR
        )
    )
    return ConsoleUserCreated(
        id=issued.user.id,
        client_id=issued.user.client_id,
        email=issued.user.email,
        role=issued.user.role.value,
        invite_url=console_base(invite.settings) + INVITE_PATH + issued.token,
        invite_expires_at=iso(issued.expires_at),
    )


def add_parser(sub: Any) -> None:
    """``zenhire admin create-user CLIENT_ID --email … --role …``."""
    p = command(
        sub,
        "create-user",
        "invite a person to a client's console (prints a one-time invite link)",
        InviteUser,
    )
    client_id(p)
    p.add_argument("--email", required=True, help="the person's email (their login)")
    p.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help="owner (everything, users too), admin (everything but users) or viewer (reads)",
    )
