"""`make` with no target lists every target with its one-line description."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = (ROOT / "Makefile").read_text()


def documented() -> dict[str, str]:
    return dict(re.findall(r"^([a-z][a-z-]*):[^#\n]*## (.+)$", MAKEFILE, re.M))


def test_make_alone_prints_each_target_with_its_description() -> None:
    make = shutil.which("make")
    assert make, "make is needed to build and test this project"
    out = subprocess.run(
        [make, "--no-print-directory"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    listed = dict(re.findall(r"^\s+make (\S+)\s+(.+)$", out, re.M))
    assert listed == documented()
    assert {"help", "run", "test", "check", "lock", "setup-dev"} <= set(listed)


def test_every_phony_target_has_a_description() -> None:
    phony = set(re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M).group(1).split())  # type: ignore[union-attr]
    assert phony == set(documented())
