"""``zenhire admin …``: the operator API's operations (api.md §9.1) straight against the
configured store, for operators without HTTP access. Every command prints JSON: the same body
the admin API answers, or ``{"error": …}`` on stderr with exit status 1.

A command runs its operation from ``operations``, the one the API runs, reading what to
pass from the operation's signature: the use case it needs, the request Struct (``body``,
built from the options of the same names and validated as the API validates it) and the path
ids and list options (the parsed arguments of those names, ``options``).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import re
import sys
from typing import Any, Final, get_type_hints

import msgspec

from zenhire.domain.errors import DomainError
from zenhire.domain.use_cases.links import IssuedLink
from zenhire.entrypoints.admin.operations import BY_COMMAND, Operation
from zenhire.entrypoints.composition.container import app_container
from zenhire.entrypoints.http.schemas.sessions import SessionCreated
from zenhire.entrypoints.settings import Settings

_AT: Final = re.compile(r" - at `\$\.(?P<field>[^`]+)`$")


def _body(struct: type[msgspec.Struct], args: argparse.Namespace) -> msgspec.Struct:
    """The admin API's request Struct from the options given (None: left out)."""
    given = {f: getattr(args, f, None) for f in struct.__struct_fields__}
    return msgspec.convert({f: v for f, v in given.items() if v is not None}, struct)


def _call(operation: Operation, args: argparse.Namespace) -> tuple[type[Any], dict[str, Any]]:
    """The use case ``operation`` runs and the inputs it takes, read from its signature."""
    hints = get_type_hints(operation)
    use_case, *names = inspect.signature(operation).parameters
    inputs = {n: _body(hints[n], args) if n == "body" else getattr(args, n) for n in names}
    return hints[use_case], inputs


async def _execute(args: argparse.Namespace, settings: Settings) -> Any:
    operation = BY_COMMAND[args.admin_command]
    use_case, inputs = _call(operation, args)
    async with app_container(settings) as container, container() as scope:
        result = await operation(await scope.get(use_case), **inputs)
    return SessionCreated.of(result) if isinstance(result, IssuedLink) else result


def _invalid(error: msgspec.ValidationError) -> dict[str, Any]:
    """The API's INVALID_INPUT envelope for options its request Struct refused."""
    text = str(error)
    where = _AT.search(text)
    field = where["field"] if where else "options"
    problem = text[: where.start()] if where else text
    return {
        "code": "INVALID_INPUT",
        "message": f"--{field.replace('_', '-')}: {problem}",
        "details": {"fields": [{"field": field, "problem": problem}]},
    }


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        result = asyncio.run(_execute(args, settings))
    except DomainError as exc:
        error = {"code": exc.code, "message": exc.message, "details": exc.details}
    except msgspec.ValidationError as exc:
        error = _invalid(exc)
    else:
        sys.stdout.write(msgspec.json.encode(result).decode() + "\n")
        return 0
    sys.stderr.write(msgspec.json.encode({"error": error}).decode() + "\n")
    return 1
