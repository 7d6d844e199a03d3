"""Request input refused before a handler runs (api.md §2 "Hostile and malformed input").

Litestar decodes a body into plain Python objects and then converts them to the handler's
type with coercion on (``"5"`` → 5, ``0`` → false), and its plain decode raises a bare
``UnicodeDecodeError`` or ``RecursionError`` on hostile bytes (answered 500). ``StrictRequest``
decodes the body straight into the handler's ``data`` type instead, with no coercion:

* not UTF-8, not JSON, or a type or limit the schema refuses → ``InvalidInputError``, one
  ``{field, problem}`` per problem;
* nested deeper than ``MAX_DEPTH`` levels → ``InvalidInputError`` before decoding (the scan
  runs only for bodies with more opening brackets than that, so ordinary bodies skip it);
* a NUL character in any string (key or value) → ``InvalidInputError`` naming each field,
  before the handler runs, so before any write; a body type with ``keeps_nul`` (a completion,
  which must never be lost for its text) passes them on to its use case, which removes them.

``nul_input.reject_nul_in_query`` refuses a NUL in a query parameter's name or value the
same way (``strict_query`` calls it, after the guards).
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

import msgspec
from litestar import Request
from litestar.types import Empty

from zenhire.domain.errors import FieldProblem, InvalidInputError, invalid
from zenhire.entrypoints.http.field_problems import field_problem
from zenhire.entrypoints.http.nul_input import nul_paths

MAX_DEPTH: Final = 32
_WHOLE_FLOAT: Final = "got `float`"
_NUL_ESCAPE: Final = b"\\u0000"  # JSON can carry a NUL only escaped
_STRUCTURAL: Final = re.compile(rb'[\[\]{}"\\]')


class StrictRequest(Request[Any, Any, Any]):
    """A Litestar request whose ``json()`` is the handler's body type, decoded strictly."""

    async def json(self) -> Any:
        if self._json is Empty:
            if (cached := self._connection_state.json) is not Empty:
                self._json = cached
            else:
                data = self.route_handler.parsed_fn_signature.parameters.get("data")
                target = data.annotation if data is not None else Any
                body = await self.body()
                self._json = self._connection_state.json = decode(body or b"null", target)
        return self._json


def decode(body: bytes, target: Any) -> Any:
    """``body`` as ``target``, with no coercion; any problem is an ``InvalidInputError``."""
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and nesting_depth(body) > MAX_DEPTH:
        raise invalid("body", f"nested deeper than {MAX_DEPTH} levels")
    try:
        value = msgspec.json.decode(body, type=target)
    except msgspec.ValidationError as exc:
        if _WHOLE_FLOAT not in str(exc):
            raise InvalidInputError([field_problem(str(exc))]) from None
        value = _with_whole_numbers(body, target, exc)
    except msgspec.DecodeError:
        raise invalid("body", "not valid JSON") from None
    except UnicodeDecodeError:
        raise invalid("body", "not valid UTF-8") from None
    if _NUL_ESCAPE in body and not getattr(target, "keeps_nul", False):
        problems = [
            FieldProblem(path, "must not contain NUL characters") for path in nul_paths(value)
        ]
        if problems:
            raise InvalidInputError(problems)
    return value


def _with_whole_numbers(body: bytes, target: Any, first: msgspec.ValidationError) -> Any:
    """JSON has one number type: ``2.0`` is the integer 2 (as the API document's
    ``type: integer`` says), so a whole number written with a fraction is taken where an
    integer is due; ``2.5`` and ``"2"`` are still refused. Only where the type wants an
    integer and not a float: a metadata value keeps the type it was sent with."""
    plain = msgspec.json.decode(body)
    try:
        return msgspec.convert(_wholes(plain, msgspec.inspect.type_info(target)), target)
    except msgspec.ValidationError:
        raise InvalidInputError([field_problem(str(first))]) from None


def _wholes(value: Any, info: Any) -> Any:
    """``value`` with each whole float that ``info`` wants as an integer made one."""
    mi = msgspec.inspect
    if isinstance(info, mi.Metadata):
        return _wholes(value, info.type)
    if isinstance(info, mi.IntType):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(info, mi.UnionType):
        if any(isinstance(t, mi.FloatType) for t in info.types):
            return value
        return functools.reduce(lambda v, t: _wholes(v, t), info.types, value)
    if isinstance(info, mi.StructType) and isinstance(value, dict):
        fields = {f.encode_name: f.type for f in info.fields}
        return {k: _wholes(v, fields[k]) if k in fields else v for k, v in value.items()}
    if isinstance(info, mi.ListType | mi.VarTupleType | mi.SetType) and isinstance(value, list):
        return [_wholes(item, info.item_type) for item in value]
    if isinstance(info, mi.DictType) and isinstance(value, dict):
        return {k: _wholes(v, info.value_type) for k, v in value.items()}
    return value


def nesting_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in JSON text (brackets inside strings are
    text); one pass over the structural characters, linear in the body."""
    depth = deepest = 0
    in_string = False
    escaped_at = -1
    for token in _STRUCTURAL.finditer(body):
        at, char = token.start(), token.group()
        if at == escaped_at:
            continue
        if char == b"\\":
            escaped_at = at + 1
        elif char == b'"':
            in_string = not in_string
        elif not in_string:
            depth += 1 if char in b"[{" else -1
            deepest = max(deepest, depth)
    return deepest
