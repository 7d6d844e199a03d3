"""Recording and transcript of a completed session."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from enum import StrEnum

from zenhire.domain.errors import ArtifactNotReadyError, ArtifactUnavailableError
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import ArtifactStore, Sessions
from zenhire.domain.use_cases.access import owned_session
from zenhire.domain.use_cases.session_reads import SessionRef


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
    the object missing → ARTIFACT_UNAVAILABLE.
    """

    sessions: Sessions
    store: ArtifactStore

    async def __call__(self, query: ArtifactQuery) -> AsyncIterator[bytes]:
        session = await owned_session(self.sessions, query.ref.session_id, query.ref.client_id)
        key = (
            session.recording_s3_key
            if query.kind is ArtifactKind.RECORDING
            else session.transcript_s3_key
        )
        if session.status is not SessionStatus.COMPLETED or not key:
            raise ArtifactNotReadyError(session.status.value)
        if not await self.store.exists(key):
            raise ArtifactUnavailableError()
        return self.store.stream(key)
