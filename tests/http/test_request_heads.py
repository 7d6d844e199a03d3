"""Request-head limits and connection timeouts (api.md §2), against a real ``zenhire serve``.

Raw sockets on loopback, every loop bounded and every wait under a generous timeout: the tests
assert what the server did (status, a closed connection, memory), never how fast.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.servers import Served, wait_healthy, zenhire_serve

BOUND = 30.0  # seconds any single wait may take before the test fails
KEEPALIVE = 15  # the server's KEEPALIVE_SECONDS here
HEALTH = b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with zenhire_serve(tmp_path_factory.mktemp("heads"), keepalive_seconds=str(KEEPALIVE)) as s:
        yield s


def exchange(server: Served, chunks: Iterable[bytes]) -> tuple[bytes, int]:
    """Send ``chunks`` (stopping when the server hangs up), then read until it closes.

    Returns what the server answered and how many bytes it took before hanging up."""
    sent = 0
    with socket.create_connection(server.address, timeout=BOUND) as conn:
        try:
            for chunk in chunks:
                conn.sendall(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_until_closed(conn), sent


def read_until_closed(conn: socket.socket) -> bytes:
    received = b""
    try:
        while chunk := conn.recv(65_536):  # times out after BOUND: the test fails
            received += chunk
    except ConnectionResetError:
        pass
    return received


def read_response(conn: socket.socket) -> bytes:
    """One whole response (head and ``content-length`` body) from a kept-alive connection."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = conn.recv(65_536)
        assert chunk, f"the server hung up mid-answer: {received!r}"
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(headers_of(head)["content-length"])
    while len(body) < length:
        chunk = conn.recv(65_536)
        assert chunk, f"the server hung up mid-answer: {received!r}"
        body += chunk
    return head + b"\r\n\r\n" + body


def headers_of(head: bytes) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:])


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response else 0


def envelope_of(response: bytes) -> dict[str, str]:
    head, _, body = response.partition(b"\r\n\r\n")
    error: dict[str, str] = json.loads(body)["error"]
    headers = headers_of(head)
    assert error["requestId"] == headers["x-request-id"]
    assert headers["connection"] == "close"
    assert headers["x-content-type-options"] == "nosniff"
    return error


def request(*headers: bytes) -> bytes:
    return HEALTH + b"".join(headers) + b"Connection: close\r\n\r\n"


def refused_at_info(server: Served, request_id: str) -> bool:
    lines = [e for e in server.log_lines() if e.get("request_id") == request_id]
    return [(e["event"], e["level"]) for e in lines] == [("request_refused", "info")]


class TestHeadSize:
    def test_a_head_over_16_kib_is_refused_with_431(self, server: Served) -> None:
        response, _ = exchange(server, [request(b"X-Big: " + b"a" * 17_000 + b"\r\n")])
        assert status_of(response) == 431
        error = envelope_of(response)
        assert error["code"] == "REQUEST_HEADERS_TOO_LARGE"
        assert refused_at_info(server, error["requestId"])

    def test_a_head_under_16_kib_is_served(self, server: Served) -> None:
        response, _ = exchange(server, [request(b"X-Big: " + b"a" * 15_000 + b"\r\n")])
        assert status_of(response) == 200

    @pytest.mark.parametrize(("count", "status"), [(100, 200), (101, 431)])
    def test_at_most_100_headers(self, server: Served, count: int, status: int) -> None:
        # HEALTH carries Host and request() adds Connection: count - 2 more make ``count``.
        extra = [b"X-H%d: 1\r\n" % i for i in range(count - 2)]
        response, _ = exchange(server, [request(*extra)])
        assert status_of(response) == status

    def test_an_endless_header_is_cut_off_and_memory_stays_flat(self, server: Served) -> None:
        """20 heads of 8 MB each (the flood that grew the process by 200 MB)."""
        chunk = b"a" * 65_536
        attempt = [HEALTH + b"X-Big: ", *([chunk] * 128)]  # 8 MB, never finished
        before = server.rss_bytes()
        outcomes = [exchange(server, attempt) for _ in range(20)]
        grown = server.rss_bytes() - before
        print(f"RSS {before / 2**20:.0f} MB -> {(before + grown) / 2**20:.0f} MB")
        assert all(status_of(r) in (0, 431) for r, _ in outcomes)  # 0: reset before reading
        assert all(sent < 8 * 1024 * 1024 for _, sent in outcomes), "an 8 MB head was taken"
        assert grown < 40 * 1024 * 1024, f"the server grew by {grown / 2**20:.0f} MB"

    def test_malformed_http_gets_400_and_no_warning(self, server: Served) -> None:
        response, _ = exchange(server, [b"NOT HTTP AT ALL\r\n\r\n"])
        assert status_of(response) == 400
        assert envelope_of(response)["code"] == "INVALID_INPUT"
        noisy = [e for e in server.log_lines() if e["level"] in ("warning", "error", "critical")]
        assert noisy == []


class TestConnections:
    def test_an_idle_keep_alive_connection_outlives_the_head_timeout_then_closes(
        self, server: Served
    ) -> None:
        with socket.create_connection(server.address, timeout=BOUND) as conn:
            conn.sendall(HEALTH + b"\r\n")
            assert status_of(read_response(conn)) == 200
            time.sleep(11)  # past the 10 s head timeout, within KEEPALIVE: idle, not slow
            conn.sendall(HEALTH + b"\r\n")
            assert status_of(read_response(conn)) == 200
            assert read_until_closed(conn) == b""  # closed after KEEPALIVE idle seconds

    def test_silent_and_slow_clients_are_cut_off_and_the_server_recovers(
        self, tmp_path: Path
    ) -> None:
        """300 silent connections on a server limited to 256 files exhaust it; each is closed
        once it has not sent a complete head for 10 s, and the server answers again."""
        with zenhire_serve(tmp_path, max_open_files=256) as server:
            asyncio.run(silent_and_slow_clients(server))
            wait_healthy(server.url, timeout=BOUND)
            timeouts = [e for e in server.log_lines() if e["event"] == "request_head_timeout"]
            assert timeouts
            assert {e["level"] for e in timeouts} == {"info"}


async def silent_and_slow_clients(server: Served) -> None:
    host, port = server.address
    silent = [await asyncio.open_connection(host, port) for _ in range(300)]

    async def closed_by_server(reader: asyncio.StreamReader) -> bool:
        try:
            return await asyncio.wait_for(reader.read(), BOUND) == b""
        except ConnectionResetError:
            return True

    async def slowloris() -> bool:
        """A head sent one byte every half second; True once the server hangs up."""
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(HEALTH + b"X-Slow: ")
        for _ in range(int(BOUND * 2)):
            await asyncio.sleep(0.5)
            if reader.at_eof() or writer.is_closing():
                return True
            try:
                writer.write(b"a")
                await writer.drain()
            except ConnectionError:
                return True
        return await closed_by_server(reader)

    results = await asyncio.gather(slowloris(), *(closed_by_server(r) for r, _ in silent))
    for _, writer in silent:
        writer.close()
    assert all(results)
