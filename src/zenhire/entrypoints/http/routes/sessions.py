"""Sessions: start, read, list, audit trail, re-invite."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Final
from uuid import UUID

import structlog
from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from zenhire.domain import errors as e
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
from zenhire.domain.validation import utc_instant
from zenhire.entrypoints import metrics
from zenhire.entrypoints.http import openapi
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
TagParam = Annotated[
    list[str] | None,
    QueryParameter(
        description="Only sessions carrying this tag; repeat for several (all must match)."
    ),
]


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


@post(
    "/personas/{persona_id:uuid}/sessions",
    status_code=201,
    operation_id="start_session",
    summary="Start a session",
    description=(
        "Issues a one-time candidate link for this persona. Hand `candidate_link` to the "
        "candidate: it is shown only in this answer. Nothing is charged and no interview "
        "slot is used until the candidate is admitted; the balance must reach the minimum "
        "to start. With the same Idempotency-Key, a retry of a session still waiting for "
        "its candidate gets a fresh link (the previous one stops working)."
    ),
    tags=[openapi.SESSIONS],
    opt=openapi.answers(
        e.NotFoundError,
        e.ResourceForbiddenError,
        e.PersonaArchivedError,
        e.InsufficientCreditsError,
        *openapi.LINK_REPLAY_ERRORS,
        headers={201: ("Location", "Cache-Control")},
    ),
)
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


@get(
    "/sessions",
    operation_id="list_sessions",
    summary="List sessions",
    description=(
        "Your sessions, newest first, a page at a time (`next_cursor`). Filters combine; "
        "`tag` may repeat (rows carry all of them), and `metadata.<key>=<value>` (also "
        "repeatable) matches a metadata value's JSON text without quotes, so `3` matches "
        'the number 3 and the string "3".'
    ),
    tags=[openapi.SESSIONS],
    opt=openapi.answers(e.InvalidCursorError),
)
@inject
async def list_sessions(  # one parameter per documented filter
    request: Request[Any, Any, Any],
    list_: FromDishka[ListSessions],
    status: Annotated[
        SessionStatus | None, QueryParameter(description="Only sessions in this status.")
    ] = None,
    persona_id: Annotated[
        UUID | None, QueryParameter(description="Only sessions of this persona.")
    ] = None,
    project_id: Annotated[
        UUID | None, QueryParameter(description="Only sessions of this project.")
    ] = None,
    candidate_ref: Annotated[
        str | None, QueryParameter(description="Only sessions with this candidate_ref.")
    ] = None,
    tag: TagParam = None,
    created_after: Annotated[
        datetime | None,
        QueryParameter(
            description="Only sessions created at or after this instant (UTC if no offset)."
        ),
    ] = None,
    created_before: Annotated[
        datetime | None,
        QueryParameter(description="Only sessions created before this instant (UTC if no offset)."),
    ] = None,
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
        created_after=_utc("created_after", created_after),
        created_before=_utc("created_before", created_before),
    )
    page = await list_(ListSessionsQuery(where, page_request(limit, cursor)))
    rows = [SessionSummary.of(s, None) for s in page.items]
    return SessionPage(data=rows, next_cursor=page.next_cursor)


def _utc(name: str, moment: datetime | None) -> datetime | None:
    """In UTC, the API's only zone (no offset: read as UTC); outside years 1-9999 → 400."""
    return None if moment is None else utc_instant(name, moment)


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


@post(
    "/sessions/{session_id:uuid}/reinvite",
    status_code=201,
    operation_id="reinvite_session",
    summary="Re-invite the candidate",
    description=(
        "For a session that ended without a result (`failed`): a fresh link with a fresh "
        "expiry on the same session; the previous link stops working and the session is "
        "`initiated` again."
    ),
    tags=[openapi.SESSIONS],
    opt=openapi.answers(
        e.NotFoundError,
        e.ResourceForbiddenError,
        e.SessionCompletedError,
        e.SessionActiveError,
        e.SessionNotEndedError,
        e.PersonaArchivedError,
        e.InsufficientCreditsError,
        *openapi.LINK_REPLAY_ERRORS,
        headers={201: ("Location", "Cache-Control")},
    ),
)
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
