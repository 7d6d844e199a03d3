"""The ``zenhire`` command as a process: one line and an exit code instead of a traceback."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
from importlib.metadata import version

import pytest

from tests.servers import ZENHIRE, free_port, wait_healthy
from zenhire.entrypoints.cli import build_parser

STRONG = secrets.token_hex(32)
SOME_UUID = "0190a000-0000-7000-8000-000000000000"
COMMANDS = {
    "migrate": ["migrate"],
    "close-expired": ["close-expired"],
    "serve": ["serve"],
    "demo-seed": ["demo-seed"],
    "admin": ["admin", "get-client", SOME_UUID],
}


def zenhire(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the command with only the ``ZENHIRE_*`` variables given (and a short timeout:
    a command that should refuse to start must not be serving instead)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    return subprocess.run(
        [ZENHIRE, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_one_line(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("zenhire: ")
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


def closed_port_url() -> str:
    """A local port nothing listens on: the server is unreachable."""
    return f"postgresql://postgres:pw-in-url@127.0.0.1:{free_port()}/zenhire"


def test_version() -> None:
    result = zenhire("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"zenhire {version('zenhire')}")


def test_every_command_has_help() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    helped = {action.dest: action.help for action in commands._choices_actions}
    assert set(helped) == set(commands.choices) >= set(COMMANDS)
    assert all(helped.values()), helped
    listing = zenhire("--help").stdout
    for name, text in helped.items():
        assert name in listing
        assert (text or "").split()[0] in listing


@pytest.mark.parametrize("command", COMMANDS)
def test_a_wrong_scheme_is_a_configuration_error(command: str) -> None:
    result = zenhire(
        *COMMANDS[command],
        ZENHIRE_DATABASE_URL="mysql://zenhire:pw-in-url@127.0.0.1/zenhire",
        ZENHIRE_S2S_SECRETS=STRONG,
    )
    line = assert_one_line(result, 2, "ZENHIRE_DATABASE_URL", "postgresql://", "mysql://")
    assert "pw-in-url" not in line


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreachable_server_is_a_runtime_error(command: str) -> None:
    url = closed_port_url()
    result = zenhire(*COMMANDS[command], ZENHIRE_DATABASE_URL=url, ZENHIRE_S2S_SECRETS=STRONG)
    line = assert_one_line(result, 1, "cannot reach the database server", "connection refused")
    assert "pw-in-url" not in line


def test_a_server_that_never_answers_is_a_runtime_error() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nothing ever answers
        url = f"postgresql://postgres@127.0.0.1:{silent.getsockname()[1]}/zenhire"
        result = zenhire("migrate", ZENHIRE_DATABASE_URL=url, ZENHIRE_S2S_SECRETS=STRONG)
    assert_one_line(result, 1, "did not answer within the connect timeout")


def test_a_malformed_url_is_a_configuration_error() -> None:
    result = zenhire(
        "serve",
        ZENHIRE_DATABASE_URL="postgresql://postgres:pw-in-url@127.0.0.1:54x2/zenhire",
        ZENHIRE_S2S_SECRETS=STRONG,
    )
    assert "pw-in-url" not in assert_one_line(result, 2, "ZENHIRE_DATABASE_URL", "port")


def test_a_misspelt_variable_does_not_serve_the_demo() -> None:
    result = zenhire("serve", ZENHIRE_DATABSE_URL=closed_port_url(), ZENHIRE_PORT="0")
    assert_one_line(result, 2, "ZENHIRE_DATABSE_URL", "did you mean ZENHIRE_DATABASE_URL?")
    assert "export ZH_API_KEY" not in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ZENHIRE_ADMIN_TOKEN", "a"),
        ("ZENHIRE_S2S_SECRETS", "a"),
        ("ZENHIRE_ADMIN_TOKEN", "change-me-" + STRONG),
        ("ZENHIRE_S2S_SECRETS", f"{STRONG},password"),
    ],
)
def test_a_weak_secret_refuses_to_serve(variable: str, value: str) -> None:
    env = {"ZENHIRE_DATABASE_URL": closed_port_url(), "ZENHIRE_S2S_SECRETS": STRONG}
    result = zenhire("serve", **{**env, variable: value})
    assert_one_line(result, 2, "weak secret", variable, "openssl rand -hex 32")


def test_debug_adds_the_traceback() -> None:
    env = {"ZENHIRE_DATABASE_URL": closed_port_url(), "ZENHIRE_S2S_SECRETS": STRONG}
    quiet = zenhire("close-expired", **env)
    loud = zenhire("--debug", "close-expired", **env)
    assert_one_line(quiet, 1, "cannot reach")
    assert loud.returncode == 1
    assert loud.stderr.splitlines()[0] == quiet.stderr.strip()
    assert "Traceback (most recent call last)" in loud.stderr
    assert "ConnectionRefusedError" in loud.stderr


def test_demo_seed_needs_a_database() -> None:
    assert_one_line(zenhire("demo-seed"), 2, "ZENHIRE_DATABASE_URL", "zenhire serve")


def test_serve_logs_one_start_up_line_naming_the_memory_store() -> None:
    port = free_port()
    base = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    server = subprocess.Popen(
        [ZENHIRE, "serve"],
        env={**base, "ZENHIRE_PORT": str(port), "ZENHIRE_LOG_FORMAT": "json"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_healthy(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    started = [
        line
        for line in map(json.loads, stderr.splitlines())
        if line.get("logger") == "zenhire" and line["event"] == "started"
    ]
    assert len(started) == 1, stderr
    assert started[0]["store"] == "memory"
    assert started[0]["version"] == version("zenhire")
    assert started[0]["schema_revision"] is None
    assert "minted and printed" in started[0]["demo"]
