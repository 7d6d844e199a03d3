"""Files a reader opens to follow one use case, and their lines.

    .venv/bin/python bench/reader_files.py ROUTE_MODULE USE_CASE_MODULE [ADAPTER_MODULE ...]

Method: the route module itself; every ``zenhire`` module the use case module imports,
followed transitively inside ``zenhire.domain`` (``TYPE_CHECKING`` imports included: a reader
follows them too); and the adapter modules given, followed transitively inside
``zenhire.adapters``. A package's ``__init__`` counts only when a module imports it by name;
empty files do not count. ``--direct`` counts instead only what the use case module names
itself (one level), with the route and the adapters given.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def path_of(module: str) -> Path | None:
    for candidate in (
        SRC / (module.replace(".", "/") + ".py"),
        SRC / module.replace(".", "/") / "__init__.py",
    ):
        if candidate.exists():
            return candidate
    return None


def imports(module: str) -> set[str]:
    path = path_of(module)
    assert path is not None, module  # noqa: S101  # only existing modules are queued
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("zenhire")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1]) + (f".{base}" if base else "")
            if base.startswith("zenhire"):
                found |= {
                    f"{base}.{a.name}" if path_of(f"{base}.{a.name}") else base for a in node.names
                }
    return {m for m in found if path_of(m)}


def closure(roots: list[str], within: str, *, depth: int | None = None) -> set[str]:
    seen: set[str] = set()
    todo = [(root, 0) for root in roots]
    while todo:
        module, level = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        if depth is None or level < depth:
            todo += [(m, level + 1) for m in imports(module) if m.startswith(within)]
    return seen


def lines(module: str) -> int:
    path = path_of(module)
    return 0 if path is None else len(path.read_text().splitlines())


def report(name: str, modules: set[str]) -> list[str]:
    counted = sorted(m for m in modules if lines(m) > 0)
    print(f"{name}: {len(counted)} files, {sum(map(lines, counted))} lines")
    return counted


def main(argv: list[str]) -> None:
    direct = "--direct" in argv
    route, use_case, *adapters = [a for a in argv if a != "--direct"]
    domain = closure([use_case], "zenhire.domain", depth=1 if direct else None)
    adapter = closure(adapters, "zenhire.adapters") if adapters else set()
    for module in sorted(domain | adapter | {route}):
        print(f"{lines(module):5d} {module}")
    report("domain (the use case and what it reads)", domain)
    report("adapters", adapter)
    report("total with the route", domain | adapter | {route})


if __name__ == "__main__":
    main(sys.argv[1:])
