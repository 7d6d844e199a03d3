"""Users (owners only): invite, change role, remove; and the audit trail (owners only)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Response, Template

from zenhire.domain.console.model import ConsoleUserId, Role
from zenhire.domain.console.use_cases.audit import ListAudit, ListAuditQuery
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.domain.console.use_cases.users import ChangeUser, ChangeUserCommand, ListUsers
from zenhire.domain.errors import RoleForbiddenError, invalid
from zenhire.domain.pagination import PageRequest
from zenhire.entrypoints.console.admin_users import INVITE_PATH
from zenhire.entrypoints.console.web import changing_form, container, page, see_other, signed_in
from zenhire.entrypoints.settings import Settings


def _role(text: str) -> Role:
    if text not in {r.value for r in Role}:
        raise invalid("role", "owner, admin or viewer")
    return Role(text)


@get("/users", include_in_schema=False)
async def users(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    people = await (await container(request).get(ListUsers))(actor)
    return page(request, "users.html", users=people, roles=[r.value for r in Role])


@post("/users", include_in_schema=False)
async def invite(request: Request[Any, Any, Any]) -> Response[Any]:
    actor, values = await changing_form(request)
    actor.require_owner()
    scope = container(request)
    issued = await (await scope.get(InviteUser))(
        InviteUserCommand(
            client_id=actor.client_id,
            email=values.get("email", ""),
            role=_role(values.get("role", "")),
            actor=actor.email,
            ip=actor.ip,
        )
    )
    settings = await scope.get(Settings)
    base = settings.console_url or str(request.base_url).rstrip("/")
    return page(
        request,
        "invite_created.html",
        secret=True,
        status=201,
        user=issued.user,
        url=base.rstrip("/") + INVITE_PATH + issued.token,
        expires_at=issued.expires_at,
    )


@post("/users/{user_id:uuid}", include_in_schema=False)
async def change(request: Request[Any, Any, Any], user_id: FromPath[UUID]) -> Response[Any]:
    """``role`` set: the new role; ``remove`` set: the user is removed."""
    actor, values = await changing_form(request)
    role = None if values.get("remove") else _role(values.get("role", ""))
    await (await container(request).get(ChangeUser))(
        ChangeUserCommand(actor=actor, user_id=ConsoleUserId(user_id), role=role)
    )
    if ConsoleUserId(user_id) == actor.user_id:  # one's own role changed: sessions ended
        return see_other("/console/login")
    return see_other("/console/users")


@get("/audit", include_in_schema=False)
async def audit(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    if not actor.role.manages_users:
        raise RoleForbiddenError()
    cursor = request.query_params.get("cursor") or None
    found = await (await container(request).get(ListAudit))(
        ListAuditQuery(actor, PageRequest.of(50, cursor))
    )
    return page(request, "audit.html", rows=found.items, next_cursor=found.next_cursor)


HANDLERS = [users, invite, change, audit]
