"""The README's curl walkthrough, run as written against a real ``zenhire serve``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import ZENHIRE, free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"<!-- walkthrough:start -->\n```bash\n(.*?)```\n<!-- walkthrough:end -->", re.S)
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
    match = BLOCK.search((ROOT / "README.md").read_text())
    assert match, "README has no walkthrough block"
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", match.group(1)],
        cwd=tmp_path,
        env={**os.environ, **served},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    completion = next(d for d in documents if "charged" in d)
    assert completion["status"] == "completed"
    assert completion["charged"] == 13  # ceil(754 / 60) x 1
    detail = next(d for d in documents if d.get("feedback"))
    assert detail["credit_charged"] == 13
    assert detail["interview_svc_session_id"] == "ses_demo"
    assert {"turns": [{"speaker": "interviewer", "text": "Hello!"}]} in documents
    credits = next(d for d in documents if "recent_transactions" in d)
    assert credits["balance"] == 87
