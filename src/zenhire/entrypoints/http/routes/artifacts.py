"""Recording and transcript of a completed session."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, get
from litestar.params import FromPath
from litestar.response import Stream

from zenhire.domain.model.ids import SessionId
from zenhire.domain.use_cases.artifacts import ArtifactKind, ArtifactQuery, OpenArtifact
from zenhire.domain.use_cases.session_reads import SessionRef
from zenhire.entrypoints.http.params import caller


@get(
    "/sessions/{session_id:uuid}/recording",
    media_type="audio/wav",
    description=OpenArtifact.__doc__,
)
@inject
async def recording(
    request: Request[Any, Any, Any], session_id: FromPath[UUID], open_: FromDishka[OpenArtifact]
) -> Stream:
    ref = SessionRef(caller(request).client_id, SessionId(session_id))
    chunks = await open_(ArtifactQuery(ref, ArtifactKind.RECORDING))
    return Stream(chunks, media_type="audio/wav")


@get(
    "/sessions/{session_id:uuid}/transcript",
    media_type="application/json",
    description=OpenArtifact.__doc__,
)
@inject
async def transcript(
    request: Request[Any, Any, Any], session_id: FromPath[UUID], open_: FromDishka[OpenArtifact]
) -> Response[bytes]:
    ref = SessionRef(caller(request).client_id, SessionId(session_id))
    chunks = await open_(ArtifactQuery(ref, ArtifactKind.TRANSCRIPT))
    body = b"".join([chunk async for chunk in chunks])
    return Response(body, media_type="application/json")


HANDLERS = [recording, transcript]
