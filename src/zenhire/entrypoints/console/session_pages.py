"""Sessions: the filtered, paged list; a session's page; its recording; re-invite."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Response, Stream, Template

from zenhire.domain.console.model import AuditAction
from zenhire.domain.console.use_cases.audit import RecordChange
from zenhire.domain.errors import DomainError, invalid
from zenhire.domain.model.ids import PersonaId, ProjectId, SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import SessionFilter
from zenhire.domain.use_cases.artifacts import ArtifactKind, ArtifactQuery, OpenArtifact
from zenhire.domain.use_cases.personas import ListPersonas, ListPersonasQuery
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.session_reads import (
    GetSession,
    ListSessionEvents,
    ListSessions,
    ListSessionsQuery,
    SessionRef,
)
from zenhire.entrypoints.console.lookups import persona_names, project_names
from zenhire.entrypoints.console.transcript import read_bounded, turns
from zenhire.entrypoints.console.web import (
    SECURITY_HEADERS,
    changing_form,
    container,
    page,
    signed_in,
)

PAGE_SIZE = 25
FILTERS = ("status", "persona_id", "project_id", "tag", "candidate_ref", "from", "to")


def _uuid(name: str, text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise invalid(name, "not an id") from None


def _day(name: str, text: str) -> datetime:
    try:
        d = date.fromisoformat(text)
    except ValueError:
        raise invalid(name, "not a date (YYYY-MM-DD)") from None
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def session_filter(client_id: Any, q: dict[str, str]) -> SessionFilter:
    """The filters of api.md §4.3 from the query; dates are whole UTC days, ``to`` included."""
    status = q.get("status") or None
    if status is not None and status not in {s.value for s in SessionStatus}:
        raise invalid("status", "not a status")
    return SessionFilter(
        client_id=client_id,
        status=SessionStatus(status) if status else None,
        persona_id=PersonaId(_uuid("persona_id", q["persona_id"])) if q.get("persona_id") else None,
        project_id=ProjectId(_uuid("project_id", q["project_id"])) if q.get("project_id") else None,
        candidate_ref=q.get("candidate_ref") or None,
        tags=tuple(t.strip() for t in q.get("tag", "").split(",") if t.strip()),
        created_after=_day("from", q["from"]) if q.get("from") else None,
        created_before=_day("to", q["to"]) + timedelta(days=1) if q.get("to") else None,
    )


@get("/sessions", include_in_schema=False)
async def sessions(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    scope = container(request)
    q = {k: request.query_params.get(k, "") for k in FILTERS}
    cursor = request.query_params.get("cursor") or None
    result = await (await scope.get(ListSessions))(
        ListSessionsQuery(session_filter(actor.client_id, q), PageRequest.of(PAGE_SIZE, cursor))
    )
    personas = await (await scope.get(ListPersonas))(
        ListPersonasQuery(client_id=actor.client_id, status=None, page=PageRequest(100))
    )
    return page(
        request,
        "sessions.html",
        rows=result.items,
        next_cursor=result.next_cursor,
        q=q,
        statuses=[s.value for s in SessionStatus],
        personas=personas.items,
        persona_names=persona_names(personas.items),
        project_names=await project_names(scope, actor.client_id),
        filtered=any(q.values()),
    )


@get("/sessions/{session_id:uuid}", include_in_schema=False)
async def session_detail(request: Request[Any, Any, Any], session_id: FromPath[UUID]) -> Template:
    actor = await signed_in(request)
    scope = container(request)
    ref = SessionRef(actor.client_id, SessionId(session_id))
    detail = await (await scope.get(GetSession))(ref)
    events = await (await scope.get(ListSessionEvents))(ref)
    projects = await project_names(scope, actor.client_id)
    shown = None
    too_large = False
    if detail.session.transcript_s3_key and detail.session.status is SessionStatus.COMPLETED:
        try:  # last: opening an artifact gives the request's database connection back
            found = await (await scope.get(OpenArtifact))(
                ArtifactQuery(ref, ArtifactKind.TRANSCRIPT)
            )
            raw = await read_bounded(found.chunks)
            too_large = raw is None
            shown = None if raw is None else (turns(raw), raw.decode("utf-8", "replace"))
        except DomainError:
            shown = None
    return page(
        request,
        "session.html",
        s=detail.session,
        persona=detail.persona,
        events=events,
        project=projects.get(detail.session.project_id),
        transcript=shown,
        transcript_too_large=too_large,
    )


@get("/sessions/{session_id:uuid}/recording", include_in_schema=False)
async def recording(request: Request[Any, Any, Any], session_id: FromPath[UUID]) -> Stream:
    """The recording streamed from the artifact store, for the page's audio player."""
    actor = await signed_in(request)
    found = await (await container(request).get(OpenArtifact))(
        ArtifactQuery(SessionRef(actor.client_id, SessionId(session_id)), ArtifactKind.RECORDING)
    )
    return Stream(
        found.chunks,
        media_type="audio/wav",
        headers={**SECURITY_HEADERS, "Content-Length": str(found.size)},
    )


@post("/sessions/{session_id:uuid}/reinvite", include_in_schema=False)
async def reinvite(request: Request[Any, Any, Any], session_id: FromPath[UUID]) -> Response[Any]:
    """A fresh link for a failed session (api.md §4.5), shown once."""
    actor, _ = await changing_form(request)
    scope = container(request)
    await (await scope.get(RecordChange))(actor, AuditAction.SESSION_REINVITED, str(session_id))
    issued = await (await scope.get(ReInvite))(
        ReInviteCommand(session_id=SessionId(session_id), client_id=actor.client_id)
    )
    return page(
        request,
        "link.html",
        secret=True,
        status=201,
        title="New interview link",
        issued=issued,
        back=f"/console/sessions/{session_id}",
    )


HANDLERS = [sessions, session_detail, recording, reinvite]
