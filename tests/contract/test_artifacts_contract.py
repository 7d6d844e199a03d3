"""Recording and transcript over HTTP, with the filesystem artifact store, on both stores.

Artifact-store failures answer 502 ARTIFACT_UNAVAILABLE on every store, never the
database's 503 and never a 500.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from dishka import Provider, Scope, provide
from litestar.testing import AsyncTestClient

from tests.harness import World
from tests.http.helpers import auth, complete, new_tenant, start, token, verify
from zenhire.adapters.artifacts import FilesystemArtifactStore
from zenhire.domain import limits
from zenhire.domain.ports import ArtifactStore
from zenhire.entrypoints.http.app import create_app

TRANSCRIPT = b'{"turns": [{"speaker": "interviewer", "text": "Hello \\u00e9"}]}\n'


class FilesystemArtifacts(Provider):
    def __init__(self, root: Path) -> None:
        super().__init__(scope=Scope.APP)
        self.root = root

    @provide
    def artifacts(self) -> ArtifactStore:
        return FilesystemArtifactStore(self.root)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "store" / "t").mkdir(parents=True)
    (tmp_path / "store" / "t" / "ok.json").write_bytes(TRANSCRIPT)
    (tmp_path / "outside.json").write_bytes(b'{"secret": true}')
    return tmp_path / "store"


@pytest.fixture
async def client(store_world: World, root: Path) -> AsyncIterator[Any]:
    store_world.clock.set(datetime.now(UTC))
    providers = [*store_world.overrides(), FilesystemArtifacts(root)]
    async with AsyncTestClient(create_app(store_world.settings, *providers)) as test_client:
        yield test_client


async def transcript_at(client: Any, key: str) -> Any:
    """A completed session whose transcript key is ``key``; returns GET …/transcript."""
    tenant = await new_tenant(client)
    created = (await start(client, tenant)).json()
    assert (await verify(client, token(created))).status_code == 200
    done = await complete(client, created["id"], duration_sec=1, transcript_s3_key=key)
    assert done.status_code == 200
    path = f"/api/v1/interview/sessions/{created['id']}/transcript"
    return await client.get(path, headers=auth(tenant))


class TestArtifactsContract:
    async def test_transcript_is_sent_as_stored_as_json_with_nosniff(self, client: Any) -> None:
        r = await transcript_at(client, "t/ok.json")
        assert (r.status_code, r.content) == (200, TRANSCRIPT)
        assert r.headers["content-type"] == "application/json"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["content-length"] == str(len(TRANSCRIPT))

    async def test_transcript_over_50_mb_is_unavailable(self, client: Any, root: Path) -> None:
        with (root / "t" / "huge.json").open("wb") as f:
            f.truncate(limits.TRANSCRIPT_MAX_BYTES + 1)  # sparse: nothing is written to disk
        r = await transcript_at(client, "t/huge.json")
        assert (r.status_code, r.json()["error"]["code"]) == (502, "ARTIFACT_UNAVAILABLE")

    @pytest.mark.parametrize(
        "key",
        [
            "t/" + "x" * 300,  # over-long file name: answered 503 "database unavailable" before
            "t/loop",  # a symlink loop: answered 500 before
            "t/inside-link.json",  # a link, even to a file inside the root
            "t/outside-link.json",
            "../outside.json",
            "t",  # a directory
            "t/missing.json",
        ],
    )
    async def test_store_failures_are_502_never_503_or_500(
        self, client: Any, root: Path, key: str
    ) -> None:
        os.symlink("loop", root / "t" / "loop")
        os.symlink("ok.json", root / "t" / "inside-link.json")
        os.symlink(root.parent / "outside.json", root / "t" / "outside-link.json")
        r = await transcript_at(client, key)
        assert (r.status_code, r.json()["error"]["code"]) == (502, "ARTIFACT_UNAVAILABLE")
