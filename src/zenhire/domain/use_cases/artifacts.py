"""Recording and transcript of a completed session."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from zenhire.domain import limits
from zenhire.domain.errors.artifacts import ArtifactNotReadyError
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports.artifacts import ArtifactObject, ArtifactStore
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.use_cases.get_session import SessionRef


class ArtifactKind(StrEnum):
    RECORDING = "recording"
    TRANSCRIPT = "transcript"


@dataclass(frozen=True, slots=True)
class ArtifactQuery:
    ref: SessionRef
    kind: ArtifactKind


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenArtifact:
    """Stream a session's recording or transcript from the artifact store.

    Not ``completed`` or key unset → ARTIFACT_NOT_READY (with ``details.status``); key set but
    the object missing, outside the store, behind a link, or the store failing →
    ARTIFACT_UNAVAILABLE; a transcript over 50 MB → ARTIFACT_UNAVAILABLE. The object is
    streamed as stored, never read whole.
    """

    sessions: Sessions
    store: ArtifactStore
    uow: UnitOfWork

    async def __call__(self, query: ArtifactQuery) -> ArtifactObject:
        session = owned(await self.sessions.get(query.ref.session_id), query.ref.client_id)
        # The stream may last minutes: it must hold no store lock and no database connection.
        await self.uow.release()
        key = (
            session.recording_s3_key
            if query.kind is ArtifactKind.RECORDING
            else session.transcript_s3_key
        )
        if session.status is not SessionStatus.COMPLETED or not key:
            raise ArtifactNotReadyError(session.status.value)
        limit = limits.TRANSCRIPT_MAX_BYTES if query.kind is ArtifactKind.TRANSCRIPT else None
        return await self.store.open(key, max_bytes=limit)
