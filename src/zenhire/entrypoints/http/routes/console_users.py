"""``POST /api/v1/admin/clients/{id}/users``: the operator invites a client's console user."""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Response, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.entrypoints.console.admin_users import (
    ConsoleUserCreated,
    ConsoleUserIn,
    OperatorInvite,
    create_user,
)
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.routes.links import NO_STORE


@post(
    "/clients/{client_id:uuid}/users",
    status_code=201,
    operation_id="create_console_user",
    summary="Invite a console user",
    description=(
        "A person of the client gets a console login with a role (`owner`, `admin` or "
        "`viewer`): the answer's `invite_url` is a one-time link, valid 72 hours, where they "
        "set their password. The link is in this answer only. An email that already has a "
        "console user → 409 CONFLICT (inviting a pending one again replaces their link)."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, e.ConflictError, headers={201: ("Cache-Control",)}),
)
@inject
async def create_console_user(
    client_id: FromPath[UUID], data: JSONBody[ConsoleUserIn], invite: FromDishka[OperatorInvite]
) -> Response[ConsoleUserCreated]:
    body = await create_user(invite, client_id, data)
    return Response(body, status_code=201, headers=NO_STORE)
