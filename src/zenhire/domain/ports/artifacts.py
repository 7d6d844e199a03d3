"""Recordings and transcripts, streamed from the artifact store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class ArtifactObject:
    """An opened object: its size in bytes and its content, read chunk by chunk as consumed
    (at most ``size`` bytes; the source is released when the iteration ends)."""

    size: int
    chunks: AsyncIterator[bytes] = field(repr=False)


class ArtifactStore(Protocol):
    async def open(self, key: str, max_bytes: int | None = None) -> ArtifactObject:
        """Open the object stored under ``key`` without reading it. Raises
        ``ArtifactUnavailableError`` when the key names no object inside the store's root
        (missing, outside it, through a link, not a regular object), when the object is larger
        than ``max_bytes``, or when the store fails (never ``StorageUnavailableError``)."""
        ...
