"""``/api/v1/admin``: the operator API (Bearer admin token; 404 when disabled): projects and
re-invites here, clients and credits in ``admin_clients``, API keys in ``admin_keys``.

Each handler maps the request to one of ``admin.operations``, which ``zenhire admin`` shares.
"""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Response, get, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.domain.use_cases.admin_keys import (
    CreateProject,
    ListProjects,
)
from zenhire.domain.use_cases.reinvite import ReInvite
from zenhire.entrypoints.admin import operations as ops
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import CursorParam, Limit
from zenhire.entrypoints.http.routes import admin_clients, admin_keys
from zenhire.entrypoints.http.routes.console_users import create_console_user
from zenhire.entrypoints.http.routes.links import link_response
from zenhire.entrypoints.http.schemas.access import (
    ProjectIn,
    ProjectOut,
    ProjectPage,
)
from zenhire.entrypoints.http.schemas.sessions import SessionCreated


@post(
    "/clients/{client_id:uuid}/projects",
    status_code=201,
    operation_id="create_project",
    summary="Create a project",
    description="A project of the client, to attribute API keys and their sessions to.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def create_project(
    client_id: FromPath[UUID], data: JSONBody[ProjectIn], create: FromDishka[CreateProject]
) -> ProjectOut:
    return await ops.create_project(create, client_id, data)


@get(
    "/clients/{client_id:uuid}/projects",
    operation_id="list_projects",
    summary="List a client's projects",
    description="The client's projects, newest first, a page at a time (`next_cursor`).",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, e.InvalidCursorError),
)
@inject
async def list_projects(
    client_id: FromPath[UUID],
    list_: FromDishka[ListProjects],
    limit: Limit = limits.LIST_LIMIT_DEFAULT,
    cursor: CursorParam = None,
) -> ProjectPage:
    return await ops.list_projects(list_, client_id, limit=limit, cursor=cursor)


@post(
    "/sessions/{session_id:uuid}/reinvite",
    status_code=201,
    operation_id="admin_reinvite_session",
    summary="Re-invite a candidate (any client)",
    description="As reinvite_session, for a session of any client.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(
        e.NotFoundError,
        e.SessionCompletedError,
        e.SessionActiveError,
        e.SessionNotEndedError,
        e.PersonaArchivedError,
        e.InsufficientCreditsError,
        headers={201: ("Location", "Cache-Control")},
    ),
)
@inject
async def admin_reinvite(
    session_id: FromPath[UUID], reinvite: FromDishka[ReInvite]
) -> Response[SessionCreated]:
    return link_response(await ops.reinvite(reinvite, session_id), "session_reinvited")


HANDLERS = [
    *admin_clients.HANDLERS,
    create_project,
    list_projects,
    *admin_keys.HANDLERS,
    admin_reinvite,
    create_console_user,
]
