"""The README's curl walkthrough, run as written against a real ``zenhire serve``."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import ZENHIRE, free_port, wait_healthy
from tests.walkthrough import assert_walkthrough_succeeded, run_walkthrough

pytestmark = pytest.mark.skipif(
    not (shutil.which("curl") and shutil.which("openssl")), reason="needs curl and openssl"
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A demo server in ``tmp_path``; yields the variables it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(ZENHIRE_PORT=str(free_port()), ZENHIRE_LOG_FORMAT="json")
    proc = subprocess.Popen(
        [ZENHIRE, "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    exports: dict[str, str] = {}
    try:
        assert proc.stdout is not None
        while len(exports) < 5:
            line = proc.stdout.readline()
            assert line, "server exited before printing its credentials"
            if line.startswith("export "):
                name, _, value = line[len("export ") :].strip().partition("=")
                exports[name] = value
        wait_healthy(exports["ZH_URL"])
        yield exports
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_walkthrough_runs_verbatim(served: dict[str, str], tmp_path: Path) -> None:
    assert_walkthrough_succeeded(run_walkthrough(served, tmp_path))


def test_a_mistyped_key_stops_the_walkthrough_with_the_api_error(
    served: dict[str, str], tmp_path: Path
) -> None:
    result = run_walkthrough({**served, "ZH_API_KEY": served["ZH_API_KEY"][:-1]}, tmp_path)
    assert result.returncode != 0
    assert '"code":"INVALID_API_KEY"' in result.stderr.replace(" ", "")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""  # stopped at the first call: nothing after it ran
