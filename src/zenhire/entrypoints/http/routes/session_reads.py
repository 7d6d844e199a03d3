"""``/api/v1/interview/sessions/{id}`` and its events: one session as the integrator reads it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, get
from litestar.params import FromPath

from zenhire.domain import errors as e
from zenhire.domain.model.ids import SessionId
from zenhire.domain.use_cases.session_reads import (
    GetSession,
    ListSessionEvents,
    SessionRef,
)
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import caller
from zenhire.entrypoints.http.schemas.session_views import (
    SessionDetail,
)
from zenhire.entrypoints.http.schemas.sessions import (
    EventList,
    EventOut,
)


@get(
    "/sessions/{session_id:uuid}",
    operation_id="get_session",
    summary="Get a session",
    description="The session's state, timings, charge and feedback, with its persona.",
    tags=[openapi.SESSIONS],
    opt=openapi.answers(e.NotFoundError, e.ResourceForbiddenError),
)
@inject
async def get_session(
    request: Request[Any, Any, Any], session_id: FromPath[UUID], get_: FromDishka[GetSession]
) -> SessionDetail:
    detail = await get_(SessionRef(caller(request).client_id, SessionId(session_id)))
    return SessionDetail.of(detail.session, detail.persona)


@get(
    "/sessions/{session_id:uuid}/events",
    operation_id="list_session_events",
    summary="List a session's events",
    description="The session's audit trail, oldest first (not paginated).",
    tags=[openapi.SESSIONS],
    opt=openapi.answers(e.NotFoundError, e.ResourceForbiddenError),
)
@inject
async def list_events(
    request: Request[Any, Any, Any],
    session_id: FromPath[UUID],
    events: FromDishka[ListSessionEvents],
) -> EventList:
    rows = await events(SessionRef(caller(request).client_id, SessionId(session_id)))
    return EventList(data=[EventOut.of(e) for e in rows])
