"""Sessions: start, read, list, audit trail, re-invite."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Final
from uuid import UUID

import structlog
from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from zenhire.domain.errors import invalid
from zenhire.domain.model.ids import PersonaId, ProjectId, SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import SessionFilter
from zenhire.domain.use_cases.links import IssuedLink
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.session_reads import (
    GetSession,
    ListSessionEvents,
    ListSessions,
    ListSessionsQuery,
    SessionRef,
)
from zenhire.domain.use_cases.start_session import StartSession, StartSessionCommand
from zenhire.entrypoints import metrics
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import CursorParam, Limit, caller, page_request
from zenhire.entrypoints.http.schemas.sessions import (
    EventList,
    EventOut,
    SessionCreate,
    SessionCreated,
    SessionDetail,
    SessionPage,
    SessionSummary,
)

METADATA_PREFIX: Final = "metadata."
events = structlog.get_logger("zenhire.events")
NO_STORE: Final = {"Cache-Control": "no-store"}
TagParam = Annotated[list[str] | None, QueryParameter(description="Repeatable; rows carry all.")]


def link_response(issued: IssuedLink, event: str = "session_started") -> Response[SessionCreated]:
    """The 201 of a link this request minted and committed: counted and logged once."""
    s = issued.session
    metrics.SESSIONS_CREATED.labels("reinvite" if s.invite_count > 1 else "new").inc()
    events.info(event, session_id=str(s.id), client_id=str(s.client_id), invite=s.invite_count)
    return replayed_link(issued)


def replayed_link(issued: IssuedLink) -> Response[SessionCreated]:
    """201 with the raw link: never cached, and ``Location`` naming the session. Used alone
    for an idempotent replay, which creates no session (nothing counted or logged)."""
    headers = {**NO_STORE, "Location": f"/api/v1/interview/sessions/{issued.session.id}"}
    return Response(SessionCreated.of(issued), status_code=201, headers=headers)


@post("/personas/{persona_id:uuid}/sessions", status_code=201, description=StartSession.__doc__)
@inject
async def start_session(
    request: Request[Any, Any, Any],
    persona_id: FromPath[UUID],
    data: JSONBody[SessionCreate],
    start: FromDishka[StartSession],
    idempotency: FromDishka[Idempotency],
    idempotency_key: KeyHeader = None,
) -> Response[SessionCreated]:
    principal = caller(request)

    async def run() -> Response[SessionCreated]:
        issued = await start(
            StartSessionCommand(
                client_id=principal.client_id,
                project_id=principal.project_id,
                persona_id=PersonaId(persona_id),
                consent_mode=data.consent_mode,
                candidate_ref=data.candidate_ref,
                metadata=data.metadata,
                tags=data.tags,
            )
        )
        return link_response(issued)

    return await idempotency.run(request, idempotency_key, run, replayed_link)


def metadata_filters(request: Request[Any, Any, Any]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for name, value in request.query_params.multi_items():
        if name.startswith(METADATA_PREFIX):
            key = name[len(METADATA_PREFIX) :]
            if not key:
                raise invalid(name, "metadata filters are metadata.<key>=<value>")
            pairs.append((key, value))
    return tuple(pairs)


@get("/sessions", description=ListSessions.__doc__)
@inject
async def list_sessions(  # one parameter per documented filter
    request: Request[Any, Any, Any],
    list_: FromDishka[ListSessions],
    status: FromQuery[SessionStatus | None] = None,
    persona_id: FromQuery[UUID | None] = None,
    project_id: FromQuery[UUID | None] = None,
    candidate_ref: FromQuery[str | None] = None,
    tag: TagParam = None,
    created_after: FromQuery[datetime | None] = None,
    created_before: FromQuery[datetime | None] = None,
    limit: Limit = 20,
    cursor: CursorParam = None,
) -> SessionPage:
    where = SessionFilter(
        client_id=caller(request).client_id,
        status=status,
        persona_id=PersonaId(persona_id) if persona_id else None,
        project_id=ProjectId(project_id) if project_id else None,
        candidate_ref=candidate_ref,
        tags=tuple(tag or ()),
        metadata=metadata_filters(request),
        created_after=_aware(created_after),
        created_before=_aware(created_before),
    )
    page = await list_(ListSessionsQuery(where, page_request(limit, cursor)))
    rows = [SessionSummary.of(s, None) for s in page.items]
    return SessionPage(data=rows, next_cursor=page.next_cursor)


def _aware(moment: datetime | None) -> datetime | None:
    """Instants without an offset are read as UTC, the API's only zone."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@get("/sessions/{session_id:uuid}", description=GetSession.__doc__)
@inject
async def get_session(
    request: Request[Any, Any, Any], session_id: FromPath[UUID], get_: FromDishka[GetSession]
) -> SessionDetail:
    detail = await get_(SessionRef(caller(request).client_id, SessionId(session_id)))
    return SessionDetail.of(detail.session, detail.persona)


@get("/sessions/{session_id:uuid}/events", description=ListSessionEvents.__doc__)
@inject
async def list_events(
    request: Request[Any, Any, Any],
    session_id: FromPath[UUID],
    events: FromDishka[ListSessionEvents],
) -> EventList:
    rows = await events(SessionRef(caller(request).client_id, SessionId(session_id)))
    return EventList(data=[EventOut.of(e) for e in rows])


@post("/sessions/{session_id:uuid}/reinvite", status_code=201, description=ReInvite.__doc__)
@inject
async def reinvite(
    request: Request[Any, Any, Any],
    session_id: FromPath[UUID],
    reinvite_: FromDishka[ReInvite],
    idempotency: FromDishka[Idempotency],
    idempotency_key: KeyHeader = None,
) -> Response[SessionCreated]:
    command = ReInviteCommand(session_id=SessionId(session_id), client_id=caller(request).client_id)

    async def run() -> Response[SessionCreated]:
        return link_response(await reinvite_(command), "session_reinvited")

    return await idempotency.run(request, idempotency_key, run, replayed_link)


HANDLERS = [start_session, list_sessions, get_session, list_events, reinvite]
