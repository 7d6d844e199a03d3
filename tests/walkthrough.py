"""The README's walkthrough block, run as README tells a newcomer to run it."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"<!-- walkthrough:start -->\n```bash\n(.*?)```\n<!-- walkthrough:end -->", re.S)


def run_walkthrough(variables: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The README block saved as ``walkthrough.sh`` and run with ``bash``, as README says."""
    match = BLOCK.search((ROOT / "README.md").read_text())
    assert match, "README has no walkthrough block"
    script = cwd / "walkthrough.sh"
    script.write_text(match.group(1))
    return subprocess.run(
        ["bash", str(script)],
        cwd=cwd,
        env={**os.environ, **variables},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_walkthrough_succeeded(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    completion = next(d for d in documents if "charged" in d)
    assert completion["status"] == "completed"
    assert completion["charged"] == 1  # ceil(45 / 60) x 1
    detail = next(d for d in documents if d.get("feedback"))
    assert detail["credit_charged"] == 1
    assert detail["interview_svc_session_id"] == "ses_demo"
    assert {"turns": [{"speaker": "interviewer", "text": "Hello!"}]} in documents
    credits = next(d for d in documents if "recent_transactions" in d)
    assert credits["balance"] == 99
    assert any(d.get("name") == "Acme Hiring" for d in documents)  # the admin call ran
