"""Artifact stores: recordings and transcripts by key (the ``*_s3_key`` values)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Final

from zenhire.domain.errors import ArtifactUnavailableError
from zenhire.domain.ports import ArtifactStore

CHUNK_BYTES: Final = 64 * 1024


class FilesystemArtifactStore(ArtifactStore):
    """Objects are files below ``root``; a key that resolves outside it is never served."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path | None:
        candidate = (self.root / key.lstrip("/")).resolve()
        return candidate if candidate.is_relative_to(self.root) else None

    async def exists(self, key: str) -> bool:
        path = self._path(key)
        return path is not None and await asyncio.to_thread(path.is_file)

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        if path is None:
            raise ArtifactUnavailableError()
        handle = await asyncio.to_thread(path.open, "rb")
        try:
            while chunk := await asyncio.to_thread(handle.read, CHUNK_BYTES):
                yield chunk
        finally:
            await asyncio.to_thread(handle.close)

    async def read(self, key: str) -> bytes:
        path = self._path(key)
        if path is None or not await asyncio.to_thread(path.is_file):
            raise ArtifactUnavailableError()
        return await asyncio.to_thread(path.read_bytes)


class MemoryArtifactStore(ArtifactStore):
    def __init__(self, objects: dict[str, bytes] | None = None) -> None:
        self.objects = objects if objects is not None else {}

    async def exists(self, key: str) -> bool:
        return key in self.objects

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        data = await self.read(key)
        for start in range(0, len(data), CHUNK_BYTES):
            yield data[start : start + CHUNK_BYTES]

    async def read(self, key: str) -> bytes:
        try:
            return self.objects[key]
        except KeyError:
            raise ArtifactUnavailableError() from None
