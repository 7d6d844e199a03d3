"""A msgspec validation message as the envelope's ``{field, problem}``."""

from __future__ import annotations

import re
from typing import Final

from litestar.exceptions import HTTPException

from zenhire.domain import errors as e

_LOCATION: Final = re.compile(r" - at `\$\.?(?P<path>[^`]*)`")
_NAMED_FIELD: Final = re.compile(r"(?:unknown|missing required) field `(?P<name>[^`]*)`")


def field_problem(message: str, key: str = "") -> e.FieldProblem:
    """A msgspec validation message (``Expected `int`, got `str` - at `$.credits```), under
    parameter ``key`` when given, as one ``{field, problem}``; a dict value's position
    (``[...]``) is reported as its dict."""
    where = _LOCATION.search(message)
    text = message[: where.start()] if where else message
    path = [key, where["path"] if where else ""]
    if named := _NAMED_FIELD.search(text):
        path.append(named["name"])
    field = ".".join(p for p in path if p).replace("[...]", "")
    return e.FieldProblem(field or "body", text)


def field_problems(exc: HTTPException) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []
    extra = exc.extra if isinstance(exc.extra, list) else []
    for item in extra:
        if not isinstance(item, dict):
            continue
        key = str(item.get("key") or "")
        problem = field_problem(str(item.get("message", "invalid")), "" if key == "data" else key)
        problems.append(problem.as_dict())
    if not problems:
        problems.append({"field": "body", "problem": str(exc.detail or "invalid")})
    return problems
