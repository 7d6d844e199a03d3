"""A ``zenhire serve`` paused (SIGSTOP) and resumed (SIGCONT) answers every request it received.

While the process is stopped, the kernel still accepts connections and buffers what clients
send. On resume the event loop runs the timers that fell due during the pause before it reads
the sockets; a keep-alive or head timer must not close a connection whose request is waiting
there (the close would answer it with a reset). Raw sockets on loopback, every wait bounded:
the test asserts that each request got its answer, never how fast.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers import Served, zenhire_serve
from zenhire.entrypoints.http.server_protocol import HEAD_TIMEOUT_SECONDS

BOUND = 30.0  # seconds any single wait may take before the test fails
KEEPALIVE = 3  # the server's KEEPALIVE_SECONDS: its timers fall due during the pause
HEAD_LEAD = 4.0  # the pause begins this long after the unfinished head's connection opened
KEPT_ALIVE = 6  # connections that answered a request just before the pause
FRESH = 3  # connections opened while the server is stopped


@pytest.fixture
def server(http_store: dict[str, Any], tmp_path: Path) -> Iterator[Served]:
    store = {"database_url": http_store["database_url"]} if http_store else {}
    with zenhire_serve(tmp_path, keepalive_seconds=str(KEEPALIVE), **store) as served:
        yield served


def requests_for(server: Served) -> list[bytes]:
    """Requests that reach the store (readiness, an admin list) and one that does not."""
    admin = f"Authorization: Bearer {server.admin_token}\r\n".encode()
    return [
        b"GET /api/v1/health/ready HTTP/1.1\r\nHost: t\r\n\r\n",
        b"GET /api/v1/admin/clients HTTP/1.1\r\nHost: t\r\n" + admin + b"\r\n",
        b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n",
    ]


def status_of_response(conn: socket.socket) -> int:
    """Read one whole response (head and ``content-length`` body); its status.

    A reset, or the server hanging up before the response is whole, fails the test."""
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = conn.recv(65_536)
        assert chunk, f"the server hung up before answering: {received!r}"
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    fields = dict(line.split(b": ", 1) for line in head.split(b"\r\n")[1:])
    while len(body) < int(fields[b"content-length"]):
        chunk = conn.recv(65_536)
        assert chunk, f"the server hung up mid-answer: {received!r}"
        body += chunk
    return int(head.split(b" ", 2)[1])


def stop(pid: int) -> None:
    """SIGSTOP ``pid`` while its event loop waits in its poll; return once it has stopped.

    The pause then interrupts the poll, and what clients send next finds the process stopped,
    as during a real pause of an idle server. (Stopped while it runs callbacks instead, as
    after writing an access line, the loop happens to read the sockets before it runs its
    timers when it resumes, and the late timers find nothing to close.)"""
    deadline = time.monotonic() + BOUND
    while "epoll" not in (waiting_in := Path(f"/proc/{pid}/wchan").read_text()):
        assert time.monotonic() < deadline, f"the server never waited in its poll: {waiting_in}"
        time.sleep(0.001)
    os.kill(pid, signal.SIGSTOP)
    tasks = Path(f"/proc/{pid}/task")
    while not all(thread_state(t) == "T" for t in tasks.iterdir()):
        assert time.monotonic() < deadline, "the server did not stop"
        time.sleep(0.001)


def thread_state(task: Path) -> str:
    try:  # the state follows the parenthesised command name in /proc/<pid>/task/<tid>/stat
        return (task / "stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:  # the thread ended meanwhile
        return "T"


def connect(server: Served) -> socket.socket:
    return socket.create_connection(server.address, timeout=BOUND)


def test_every_request_received_while_paused_is_answered(server: Served) -> None:
    requests = requests_for(server)
    # A head begun now and finished during the pause: its head timer falls due while stopped.
    unfinished_head = connect(server)
    unfinished_head.sendall(requests[2][:-2])
    connected = time.monotonic()

    time.sleep(HEAD_LEAD)  # the pause must begin before the head timer falls due
    kept_alive = [connect(server) for _ in range(KEPT_ALIVE)]
    for i, conn in enumerate(kept_alive):  # each arms its keep-alive timer when answered
        conn.sendall(requests[i % len(requests)])
    assert [status_of_response(conn) for conn in kept_alive] == [200] * KEPT_ALIVE

    try:
        stop(server.pid)
        for i, conn in enumerate(kept_alive):
            conn.sendall(requests[i % len(requests)])
        unfinished_head.sendall(b"\r\n")
        fresh = [connect(server) for _ in range(FRESH)]  # queued by the kernel, not accepted
        for i, conn in enumerate(fresh):
            conn.sendall(requests[i % len(requests)])
        # Resume once both timers are due (each with 3 s to spare for a slow test client).
        paused = time.monotonic()
        time.sleep(max(KEEPALIVE + 3, connected + HEAD_TIMEOUT_SECONDS + 3 - paused))
    finally:
        os.kill(server.pid, signal.SIGCONT)

    everyone = [*kept_alive, unfinished_head, *fresh]
    try:
        assert [status_of_response(conn) for conn in everyone] == [200] * len(everyone)
        # The kept-alive connections still serve: nothing was cut by the late timers.
        for conn in kept_alive:
            conn.sendall(requests[2])
        assert [status_of_response(conn) for conn in kept_alive] == [200] * KEPT_ALIVE
    finally:
        for conn in everyone:
            conn.close()
