"""Sessions: start one and re-invite its candidate, the two routes that mint a link (reads:
``session_reads``, the list: ``session_list``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain.model.ids import PersonaId, SessionId
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.start_session import StartSession, StartSessionCommand
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import caller
from zenhire.entrypoints.http.routes.links import link_response, replayed_link
from zenhire.entrypoints.http.routes.session_list import list_sessions
from zenhire.entrypoints.http.routes.session_reads import get_session, list_events
from zenhire.entrypoints.http.schemas.sessions import (
    SessionCreate,
    SessionCreated,
)


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
