"""``GET /api/v1/interview/sessions``: the integrator's sessions, filtered and paged."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Final
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, get
from litestar.params import QueryParameter

from zenhire.domain import errors as e
from zenhire.domain.errors import invalid
from zenhire.domain.model.ids import PersonaId, ProjectId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import SessionFilter
from zenhire.domain.use_cases.session_reads import (
    ListSessions,
    ListSessionsQuery,
)
from zenhire.domain.validation import utc_instant
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import CursorParam, Limit, caller, page_request
from zenhire.entrypoints.http.schemas.session_views import (
    SessionPage,
    SessionSummary,
)

METADATA_PREFIX: Final = "metadata."
TagParam = Annotated[
    list[str] | None,
    QueryParameter(
        description="Only sessions carrying this tag; repeat for several (all must match)."
    ),
]


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
