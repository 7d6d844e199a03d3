"""Recording and transcript of a completed session, streamed from the artifact store."""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Stream

from zenhire.domain import errors as e
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import ArtifactObject
from zenhire.domain.use_cases.artifacts import ArtifactKind, ArtifactQuery, OpenArtifact
from zenhire.domain.use_cases.session_reads import SessionRef
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import caller

WAV: Final = "audio/wav"
JSON: Final = "application/json"


def _streamed(artifact: ArtifactObject, media_type: str) -> Stream:
    """The bytes as stored, with their exact length (a client can tell a cut-off transfer);
    ``nosniff``, as on every response, keeps a transcript from being read as anything but
    JSON."""
    headers = {"Content-Length": str(artifact.size)}
    return Stream(artifact.chunks, media_type=media_type, headers=headers)


ARTIFACT_ERRORS = openapi.answers(
    e.NotFoundError,
    e.ResourceForbiddenError,
    e.ArtifactNotReadyError,
    e.ArtifactUnavailableError,
    headers={200: ("Content-Length",)},
)


@get(
    "/sessions/{session_id:uuid}/recording",
    media_type=WAV,
    operation_id="get_recording",
    summary="Download the recording",
    description=(
        "The interview's audio (WAV), streamed. Available once the session is `completed` "
        "and the interview backend reported where it stored the recording."
    ),
    tags=[openapi.RESULTS],
    opt=ARTIFACT_ERRORS,
)
@inject
async def recording(
    request: Request[Any, Any, Any], session_id: FromPath[UUID], open_: FromDishka[OpenArtifact]
) -> Stream:
    ref = SessionRef(caller(request).client_id, SessionId(session_id))
    return _streamed(await open_(ArtifactQuery(ref, ArtifactKind.RECORDING)), WAV)


@get(
    "/sessions/{session_id:uuid}/transcript",
    media_type=JSON,
    operation_id="get_transcript",
    summary="Download the transcript",
    description=(
        "The interview's transcript, exactly as the interview backend stored it (JSON). "
        "Available once the session is `completed` and the transcript was reported."
    ),
    tags=[openapi.RESULTS],
    opt=ARTIFACT_ERRORS,
)
@inject
async def transcript(
    request: Request[Any, Any, Any], session_id: FromPath[UUID], open_: FromDishka[OpenArtifact]
) -> Stream:
    ref = SessionRef(caller(request).client_id, SessionId(session_id))
    return _streamed(await open_(ArtifactQuery(ref, ArtifactKind.TRANSCRIPT)), JSON)


HANDLERS = [recording, transcript]
