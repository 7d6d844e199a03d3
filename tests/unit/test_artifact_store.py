"""The filesystem artifact store: objects inside its root only, opened without reading them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zenhire.adapters.artifacts import CHUNK_BYTES, FilesystemArtifactStore, MemoryArtifactStore
from zenhire.domain.errors import ArtifactUnavailableError


async def read_all(store: FilesystemArtifactStore | MemoryArtifactStore, key: str) -> bytes:
    artifact = await store.open(key)
    return b"".join([chunk async for chunk in artifact.chunks])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "store" / "a").mkdir(parents=True)
    (tmp_path / "store" / "a" / "t.json").write_bytes(b'{"turns": []}')
    (tmp_path / "secret.txt").write_text("outside")
    return tmp_path / "store"


class TestFilesystemArtifactStore:
    async def test_serves_a_regular_file_inside_the_root(self, root: Path) -> None:
        store = FilesystemArtifactStore(root)
        assert (await store.open("a/t.json")).size == len(b'{"turns": []}')
        assert await read_all(store, "a/t.json") == b'{"turns": []}'
        assert await read_all(store, "/a/t.json") == b'{"turns": []}'

    async def test_streams_in_bounded_chunks(self, root: Path) -> None:
        (root / "big.bin").write_bytes(os.urandom(3 * CHUNK_BYTES + 5))
        artifact = await FilesystemArtifactStore(root).open("big.bin")
        sizes = [len(chunk) async for chunk in artifact.chunks]
        assert max(sizes) <= CHUNK_BYTES
        assert sum(sizes) == artifact.size == 3 * CHUNK_BYTES + 5

    @pytest.mark.parametrize(
        "key",
        [
            "../secret.txt",
            "a/../../secret.txt",
            "a/./t.json",
            "a//t.json",
            "/etc/passwd",
            "missing.json",
            "a",  # a directory
            "a/t.json\x00",
            "x" * 300,  # a name longer than the filesystem allows (ENAMETOOLONG)
            "a/" + "y" * 5000,
        ],
    )
    async def test_keys_that_name_no_object_inside_are_unavailable(
        self, root: Path, key: str
    ) -> None:
        with pytest.raises(ArtifactUnavailableError):
            await FilesystemArtifactStore(root).open(key)

    async def test_never_follows_a_link_even_one_pointing_inside(self, root: Path) -> None:
        (root / "inside.json").symlink_to(root / "a" / "t.json")
        (root / "outside.json").symlink_to(root.parent / "secret.txt")
        (root / "dir-link").symlink_to(root / "a")
        (root / "loop").symlink_to(root / "loop")
        store = FilesystemArtifactStore(root)
        for key in ("inside.json", "outside.json", "dir-link/t.json", "loop", "loop/x"):
            with pytest.raises(ArtifactUnavailableError):
                await store.open(key)

    async def test_a_fifo_is_refused_without_blocking(self, root: Path) -> None:
        os.mkfifo(root / "pipe")
        with pytest.raises(ArtifactUnavailableError):
            await FilesystemArtifactStore(root).open("pipe")

    async def test_a_root_that_is_itself_a_link_is_used(self, root: Path, tmp_path: Path) -> None:
        (tmp_path / "root-link").symlink_to(root)
        assert await read_all(FilesystemArtifactStore(tmp_path / "root-link"), "a/t.json")

    async def test_larger_than_max_bytes_is_unavailable(self, root: Path) -> None:
        with (root / "sparse.json").open("wb") as f:
            f.truncate(1_000_001)
        store = FilesystemArtifactStore(root)
        assert (await store.open("sparse.json", max_bytes=1_000_001)).size == 1_000_001
        with pytest.raises(ArtifactUnavailableError) as raised:
            await store.open("sparse.json", max_bytes=1_000_000)
        assert raised.value.details == {"limit_bytes": 1_000_000}

    async def test_a_missing_root_is_unavailable(self, tmp_path: Path) -> None:
        with pytest.raises(ArtifactUnavailableError):
            await FilesystemArtifactStore(tmp_path / "nowhere").open("a.json")


class TestMemoryArtifactStore:
    async def test_same_contract_for_missing_and_too_large(self) -> None:
        store = MemoryArtifactStore({"t.json": b"12345"})
        assert await read_all(store, "t.json") == b"12345"
        for key, limit in (("missing", None), ("t.json", 4)):
            with pytest.raises(ArtifactUnavailableError):
                await store.open(key, max_bytes=limit)
