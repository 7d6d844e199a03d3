"""A real ``zenhire serve`` streams transcripts: memory stays flat, nothing else waits.

Run on both stores. The process's resident memory is read from /proc: its peak (VmHWM) is
reset before three concurrent reads of a 40 MB transcript and must stay within a few MB of
where it started (a server that buffers each transcript grows by well over 100 MB). While
slow readers hold their streams open, other requests are still served: a stream holds no
store lock and no database connection.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
import pytest

from tests.servers import zenhire_serve
from zenhire.domain.signatures import signature_header

SIZE: Final = 40 * 1024 * 1024
MAX_GROWTH_KB: Final = 20 * 1024
KEY: Final = "big/transcript.json"


@dataclass(frozen=True)
class Served:
    pid: int
    url: str
    headers: dict[str, str]  # the integrator's API key
    transcript: str  # the completed session's transcript URL


def _signed(url: str, secret: str, body: dict[str, Any]) -> httpx.Response:
    raw = json.dumps(body).encode()
    sig = signature_header(secret, int(time.time()), raw)
    headers = {"X-Interview-Signature": sig, "Content-Type": "application/json"}
    return httpx.post(url, content=raw, headers=headers, timeout=30)


def _completed_session(url: str, admin_token: str, s2s_secret: str) -> Served:
    admin = {"Authorization": f"Bearer {admin_token}"}
    client = httpx.post(
        f"{url}/api/v1/admin/clients", json={"name": "S", "credits": 9}, headers=admin
    )
    key = httpx.post(
        f"{url}/api/v1/admin/clients/{client.json()['id']}/api-keys", json={}, headers=admin
    ).json()["key"]
    headers = {"X-API-Key": key}
    persona = httpx.post(
        f"{url}/api/v1/interview/personas",
        json={"role_name": "R", "language": "en"},
        headers=headers,
    ).json()
    session = httpx.post(
        f"{url}/api/v1/interview/personas/{persona['id']}/sessions",
        json={"consent_mode": "explicit"},
        headers=headers,
    ).json()
    token = session["candidate_link"].split("#t=")[1]
    assert (
        _signed(f"{url}/api/v1/interview/s2s/verify", s2s_secret, {"token": token}).status_code
        == 200
    )
    done = _signed(
        f"{url}/api/v1/interview/s2s/sessions/{session['id']}/complete",
        s2s_secret,
        {"status": "completed", "delivery_id": "d-1", "duration_sec": 60, "transcript_s3_key": KEY},
    )
    assert done.status_code == 200, done.text
    transcript = f"{url}/api/v1/interview/sessions/{session['id']}/transcript"
    return Served(0, url, headers, transcript)


@pytest.fixture(params=["memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    artifacts = tmp_path / "artifacts"
    (artifacts / "big").mkdir(parents=True)
    # Valid JSON of SIZE bytes, so "sent as stored" can be checked end to end.
    filler = SIZE - len(b'{"t": ""}')
    (artifacts / KEY).write_bytes(b'{"t": "' + b"x" * filler + b'"}')
    settings = {"artifact_dir": str(artifacts), "sweep_interval_seconds": "3600"}
    if request.param == "postgres":
        # Two connections: three open streams would exhaust them if a stream held one.
        settings.update(
            database_url=request.getfixturevalue("pg_url"),
            db_pool_size="2",
            db_pool_timeout_seconds="3",
        )
    with zenhire_serve(tmp_path, **settings) as server:
        session = _completed_session(server.url, server.admin_token, server.s2s_secret)
        yield Served(server.pid, server.url, session.headers, session.transcript)


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def _read_whole(served: Served) -> tuple[int, bytes, bytes]:
    """Download the transcript; return its length, first and last bytes (nothing kept)."""
    total, first, last = 0, b"", b""
    with httpx.stream("GET", served.transcript, headers=served.headers, timeout=60) as r:
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/json"
        for chunk in r.iter_raw():
            first = first or chunk[:7]
            last = chunk[-2:] if chunk else last
            total += len(chunk)
    return total, first, last


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc")
def test_three_concurrent_transcript_reads_do_not_grow_the_process(served: Served) -> None:
    assert _read_whole(served) == (SIZE, b'{"t": "', b'"}')  # warm every code path once
    baseline = _status_kb(served.pid, "VmRSS")
    Path(f"/proc/{served.pid}/clear_refs").write_text("5")  # reset the peak (VmHWM) to now
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: _read_whole(served), range(3)))
    growth = _status_kb(served.pid, "VmHWM") - baseline
    assert results == [(SIZE, b'{"t": "', b'"}')] * 3
    assert growth < MAX_GROWTH_KB, f"the process grew by {growth} kB serving three transcripts"


def test_slow_readers_hold_no_lock_or_connection(served: Served) -> None:
    # A small receive buffer (no autotuning) so the socket cannot swallow the whole transcript:
    # the server really is mid-stream while the reader stalls.
    small = [(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)]
    stalled = []
    with ExitStack() as open_streams:
        for _ in range(3):
            transport = httpx.HTTPTransport(socket_options=small)
            client = open_streams.enter_context(httpx.Client(transport=transport, timeout=30))
            r = open_streams.enter_context(
                client.stream("GET", served.transcript, headers=served.headers)
            )
            assert r.status_code == 200
            chunks = r.iter_raw()
            stalled.append(chunks)  # kept: a dropped iterator would close its connection
            next(chunks)  # read one chunk, then stall: the server waits on the socket
        credits = httpx.get(f"{served.url}/api/v1/credits", headers=served.headers, timeout=15)
        assert credits.status_code == 200, credits.text
