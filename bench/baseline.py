"""The trees a bench run measures: the working tree, and a baseline revision beside it.

A baseline is exported from git (``git archive``) into a temporary directory: the repository,
its worktrees and its branches are left alone, and nothing stays behind if the run is
interrupted (the directory is deleted on exit). It runs on this tree's virtualenv when every
package pinned in its ``requirements/dev.txt`` is pinned here at the same version (extra
packages here are never imported by its code); otherwise it gets a virtualenv of its own,
synced with uv from its own pins. Either way its code comes first on ``PYTHONPATH``, each tree
is launched through the ``zenhire`` entry point its own ``pyproject.toml`` names, and each has
a database of its own, migrated and seeded by its own code (``bench/seed.py`` of that tree).
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
_PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Tree:
    """A source tree to measure: its code, the Python that runs it, its bench database."""

    label: str
    root: Path
    python: str
    db: str

    def command(self, *args: str) -> list[str]:
        """``zenhire <args>`` of this tree (its own entry point, its own code)."""
        scripts = tomllib.loads((self.root / "pyproject.toml").read_text())["project"]["scripts"]
        module, _, function = scripts["zenhire"].partition(":")
        launch = f"import sys; from {module} import {function} as main; sys.exit(main())"
        return [self.python, "-c", launch, *args]

    def env(self) -> dict[str, str]:
        """The environment its processes run in: its own code first on the path."""
        return {**os.environ, "PYTHONPATH": str(self.root / "src")}

    def seed(self) -> ModuleType:
        """This tree's ``bench/seed.py`` (it writes rows in this tree's schema)."""
        name = f"seed_{self.label.replace('-', '_')}"
        spec = importlib.util.spec_from_file_location(name, self.root / "bench/seed.py")
        if spec is None or spec.loader is None:
            raise RuntimeError(f"no bench/seed.py in {self.root}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
        return module


def current(db: str) -> Tree:
    return Tree("current", ROOT, sys.executable, db)


@contextmanager
def baseline(revision: str, db: str) -> Iterator[Tree]:
    """``revision`` exported to a temporary directory, ready to run; deleted on exit."""
    sha = _git("rev-parse", "--verify", f"{revision}^{{commit}}").strip()
    with tempfile.TemporaryDirectory(prefix=f"zh-baseline-{sha[:7]}-") as tmp:
        root = Path(tmp)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", sha],
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
        yield Tree(f"baseline-{sha[:7]}", root, _python_for(root), db)


def _python_for(root: Path) -> str:
    """This tree's interpreter when it has every package the baseline pins, else a new venv."""
    wanted = dict(_PIN.findall((root / "requirements/dev.txt").read_text()))
    here = dict(_PIN.findall((ROOT / "requirements/dev.txt").read_text()))
    missing = {name: version for name, version in wanted.items() if here.get(name) != version}
    if not missing:
        print("baseline: runs on this tree's virtualenv (same pins)", flush=True)
        return sys.executable
    print(f"baseline: {len(missing)} pins differ from this tree's: its own virtualenv", flush=True)
    venv = root / ".venv"
    uv = [found] if (found := shutil.which("uv")) else ["python3", "-m", "uv"]  # as the Makefile
    subprocess.run([*uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    python = str(venv / "bin/python")
    sync = [*uv, "pip", "sync", "-q", "--python", python, str(root / "requirements/dev.txt")]
    subprocess.run(sync, check=True)
    return python


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout


# --- round trips ------------------------------------------------------------------------


def round_trips(tree: Tree, database_url: str) -> dict[str, tuple[str, str]]:
    """``bench/roundtrips.py`` of ``tree``, run with its own code: {request: (status, trips)}."""
    out = subprocess.run(
        [tree.python, str(tree.root / "bench/roundtrips.py")],
        cwd=tree.root,
        env={**tree.env(), "ZENHIRE_TEST_DATABASE_URL": database_url},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows: dict[str, tuple[str, str]] = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2].isdigit():
            rows[cells[0]] = (cells[1], cells[2])
    return rows


def print_round_trips(trees: list[Tree], counted: list[dict[str, tuple[str, str]]]) -> None:
    labels = list(dict.fromkeys(label for rows in counted for label in rows))
    print(f"\n| request | {' | '.join(t.label for t in trees)} |")
    print("|---|" + "---|" * len(trees))
    for label in labels:
        cells = []
        for rows in counted:
            status, trips = rows.get(label, ("", "–"))
            cells.append(trips if status.startswith("2") or not status else f"{trips} ({status})")
        print(f"| {label} | {' | '.join(cells)} |")


# --- throughput -------------------------------------------------------------------------


def print_ratios(trees: list[Tree], figures: dict[str, list[Any]]) -> dict[str, Any]:
    """Medians over the rounds per tree and endpoint, and current / baseline; returns them."""
    base, cur = trees[0].label, trees[1].label
    keys = list(dict.fromkeys((f.name, f.connections) for f in figures[cur]))
    summary: dict[str, Any] = {}
    print(
        f"\n| endpoint | conns | req/s {base} | req/s {cur} | ratio | "
        f"p50 ms (base → cur) | p99 ms (base → cur) | server CPU s/1k req (base → cur) | "
        "errors (base / cur) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, conns in keys:
        runs = {
            t: [f for f in figures[t] if (f.name, f.connections) == (name, conns)]
            for t in (base, cur)
        }
        if not all(runs.values()):
            continue
        rps = {t: median(f.rps for f in runs[t]) for t in runs}
        p50 = {t: median(f.p50_ms for f in runs[t]) for t in runs}
        p99 = {t: median(f.p99_ms for f in runs[t]) for t in runs}
        cpu = {t: median(f.cpu_server for f in runs[t]) for t in runs}
        errors = {t: sum(f.errors for f in runs[t]) for t in runs}
        ratio = rps[cur] / rps[base] if rps[base] else float("nan")
        print(
            f"| {name} | {conns} | {rps[base]:.0f} | {rps[cur]:.0f} | {ratio:.2f} | "
            f"{p50[base]:.1f} → {p50[cur]:.1f} | {p99[base]:.1f} → {p99[cur]:.1f} | "
            f"{cpu[base]:.2f} → {cpu[cur]:.2f} | {errors[base]} / {errors[cur]} |"
        )
        summary[f"{name} c={conns}"] = {
            "rps": rps,
            "ratio": round(ratio, 3),
            "p50_ms": p50,
            "p99_ms": p99,
            "cpu_server_s_per_1k": cpu,
            "errors": errors,
            "rounds": {t: [round(f.rps) for f in runs[t]] for t in runs},
        }
    return summary
