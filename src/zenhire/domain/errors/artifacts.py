"""Recordings and transcripts."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class ArtifactNotReadyError(DomainError):
    code = "ARTIFACT_NOT_READY"
    default_message = "The artifact is not available yet."

    def __init__(self, status: str) -> None:
        super().__init__(None, {"status": status})


class ArtifactUnavailableError(DomainError):
    code = "ARTIFACT_UNAVAILABLE"
    default_message = "The artifact is recorded but missing from the store."

    @classmethod
    def too_large(cls, limit_bytes: int) -> ArtifactUnavailableError:
        return cls(
            f"The artifact is larger than the {limit_bytes} bytes served.",
            {"limit_bytes": limit_bytes},
        )
