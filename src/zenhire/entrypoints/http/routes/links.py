"""The answers that carry a freshly minted candidate link (sessions and re-invites, the
integrator's and the operator's)."""

from __future__ import annotations

from typing import Final

import structlog
from litestar import Response

from zenhire.domain.use_cases.links import IssuedLink
from zenhire.entrypoints import metrics
from zenhire.entrypoints.http.schemas.sessions import SessionCreated

events = structlog.get_logger("zenhire.events")
NO_STORE: Final = {"Cache-Control": "no-store"}


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
