"""NUL characters in what a client sends: found in a decoded body (each path named) and
refused in a query string. ``strict_input`` and ``strict_query`` apply them."""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import parse_qsl

from zenhire.domain.errors import FieldProblem, InvalidInputError
from zenhire.entrypoints.http.schemas.common import Strict

NUL: Final = "\x00"
_NUL_PERCENT: Final = b"%00"


def nul_paths(value: Any, path: str = "") -> list[str]:
    """Dotted paths of the strings (keys included) under ``value`` that hold a NUL."""
    if isinstance(value, str):
        return [path or "body"] if NUL in value else []
    if isinstance(value, Strict):
        fields = ((name, getattr(value, name)) for name in value.__struct_fields__)
        return [p for name, v in fields for p in nul_paths(v, _join(path, name))]
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            where = _join(path, _shown(str(key)))
            if NUL in str(key):
                found.append(where)
            found.extend(nul_paths(item, where))
        return found
    if isinstance(value, list | tuple):
        return [p for i, item in enumerate(value) for p in nul_paths(item, f"{path}[{i}]")]
    return []


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _shown(name: str) -> str:
    """A name as an error may repeat it: a NUL written as its JSON escape."""
    return name.replace(NUL, "\\u0000")


def reject_nul_in_query(query_string: bytes) -> None:
    """A NUL in a query parameter's name or value → ``InvalidInputError`` naming each."""
    if _NUL_PERCENT not in query_string:  # a URL carries a NUL only percent-encoded
        return
    params = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    named = dict.fromkeys(_shown(k) for k, v in params if NUL in k + v)
    if named:
        raise InvalidInputError(
            [FieldProblem(name, "must not contain NUL characters") for name in named]
        )
