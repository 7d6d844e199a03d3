"""Query parameters read without coercion.

Litestar converts query values to the handler's types leniently: ``status=null`` became "no
filter", ``created_after=0.5`` an instant of 1970, and a parameter given twice silently
kept one value. Before the handler's parameters are parsed, ``strict_query`` refuses, as
400 ``INVALID_INPUT`` naming the parameter: a single-valued parameter given more than once,
a value that is not the exact text form of its type (a status from the list, a UUID, an
ISO 8601 instant; one that leaves years 1-9999 in UTC), and a NUL character anywhere in the
query. Integers and booleans keep Litestar's parsing (a query value is text, so ``limit=5``
must become 5), and their bounds are checked there.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import datetime
from typing import Any, Final

import msgspec
from litestar import Request
from litestar.params import ParameterKwarg

from zenhire.domain.errors import invalid
from zenhire.domain.validation import utc_instant
from zenhire.entrypoints.http.nul_input import reject_nul_in_query

# Text forms of the types Litestar must parse from text itself.
_TEXT_FORMS: Final = {int: re.compile(r"-?[0-9]+"), bool: re.compile(r"true|false")}


def _declared(request: Request[Any, Any, Any], name: str) -> Any | None:
    """The annotation of the handler's query parameter ``name``, if it has one."""
    for field_name, field in request.route_handler.parsed_fn_signature.parameters.items():
        kwarg = field.kwarg_definition
        if isinstance(kwarg, ParameterKwarg):
            if kwarg.header or kwarg.cookie:
                continue
            if (kwarg.query or field_name) == name:
                return field.annotation
        elif field_name == name:
            return field.annotation
    return None


def _members(annotation: Any) -> list[Any]:
    """The non-null types of an annotation (``X | None`` → ``[X]``)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


async def strict_query(request: Request[Any, Any, Any]) -> None:
    reject_nul_in_query(request.scope["query_string"])  # every parameter, declared or not
    for name in request.query_params:
        annotation = _declared(request, name)
        if annotation is None:
            continue  # not a parameter of this route: ignored
        values = request.query_params.getall(name)
        members = _members(annotation)
        if len(members) != 1:
            continue  # a union of several types is Litestar's to parse
        (kind,) = members
        if typing.get_origin(kind) is list:
            (kind,) = typing.get_args(kind)
        elif len(values) > 1:
            raise invalid(name, "given more than once")
        for value in values:
            if kind in _TEXT_FORMS:
                if not _TEXT_FORMS[kind].fullmatch(value):
                    raise invalid(name, f"not {'an integer' if kind is int else 'true or false'}")
                continue
            try:
                parsed = msgspec.convert(value, kind, strict=True)
            except msgspec.ValidationError as exc:
                raise invalid(name, str(exc)) from None
            if isinstance(parsed, datetime):
                utc_instant(name, parsed)  # years 1-9999 once shifted to UTC, or 400
