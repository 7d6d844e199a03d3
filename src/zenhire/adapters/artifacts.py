"""Artifact stores: recordings and transcripts by key (the ``*_s3_key`` values).

Objects are streamed in chunks and never read whole, so a process serving several large
transcripts at once holds a few chunks of each, not the files.
"""

from __future__ import annotations

import asyncio
import io
import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Final

from zenhire.domain.errors import ArtifactUnavailableError
from zenhire.domain.ports import ArtifactObject, ArtifactStore

CHUNK_BYTES: Final = 64 * 1024
_DIRECTORY: Final = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO planted under the root must not hang the worker thread.
_FILE: Final = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def key_parts(key: str) -> list[str] | None:
    """The path components a key names below the root, or None when it names nothing there.

    Leading slashes are ignored (``/a/b`` is ``a/b``); empty, ``.`` and ``..`` components and
    NUL characters are refused rather than normalised, so a key has one meaning only.
    """
    parts = key.lstrip("/").split("/")
    if "\x00" in key or any(part in ("", ".", "..") for part in parts):
        return None
    return parts


def _open_beneath(root: Path, parts: list[str]) -> tuple[int, int]:
    """Open the regular file ``root/parts…`` one component at a time, each relative to its
    parent's descriptor and never following a link (O_NOFOLLOW), so neither ``..`` nor a
    symlink, even one swapped in mid-walk, can lead elsewhere. Returns the descriptor and the
    file's size; raises OSError."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            parent, fd = fd, os.open(part, _DIRECTORY, dir_fd=fd)
            os.close(parent)
        file_fd = os.open(parts[-1], _FILE, dir_fd=fd)
    finally:
        os.close(fd)
    info = os.fstat(file_fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(file_fd)
        raise IsADirectoryError(parts[-1])
    return file_fd, info.st_size


class FilesystemArtifactStore(ArtifactStore):
    """Objects are regular files below ``root`` (the root itself may be a link).

    A key that leads outside the root, through a symlink, or to anything but a regular file
    names no object. Every filesystem failure (a name too long, a link loop, a permission
    denied, an I/O error) is ``ArtifactUnavailableError``: the artifact store failed, not the
    database.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    async def open(self, key: str, max_bytes: int | None = None) -> ArtifactObject:
        parts = key_parts(key)
        if parts is None:
            raise ArtifactUnavailableError()
        try:
            fd, size = await asyncio.to_thread(_open_beneath, self.root, parts)
        except OSError:
            raise ArtifactUnavailableError() from None
        handle = io.FileIO(fd, "rb")  # closes the descriptor even if it is never streamed
        if max_bytes is not None and size > max_bytes:
            handle.close()
            raise ArtifactUnavailableError.too_large(max_bytes)
        return ArtifactObject(size=size, chunks=_read_file(handle, size))


async def _read_file(handle: io.FileIO, size: int) -> AsyncIterator[bytes]:
    """At most ``size`` bytes (the size announced as Content-Length), chunk by chunk; a file
    that shrank meanwhile ends early, and the server then drops the short response."""
    try:
        left = size
        while left > 0:
            chunk = await asyncio.to_thread(handle.read, min(CHUNK_BYTES, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()


class MemoryArtifactStore(ArtifactStore):
    """Objects held as bytes (tests and the demo); chunks are views, never copies."""

    def __init__(self, objects: dict[str, bytes] | None = None) -> None:
        self.objects = objects if objects is not None else {}

    async def open(self, key: str, max_bytes: int | None = None) -> ArtifactObject:
        data = self.objects.get(key)
        if data is None:
            raise ArtifactUnavailableError()
        if max_bytes is not None and len(data) > max_bytes:
            raise ArtifactUnavailableError.too_large(max_bytes)
        return ArtifactObject(size=len(data), chunks=_slices(data))


async def _slices(data: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(data), CHUNK_BYTES):
        yield data[start : start + CHUNK_BYTES]
