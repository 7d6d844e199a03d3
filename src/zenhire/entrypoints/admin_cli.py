"""``zenhire admin …``: the operator API's operations (api.md §9.1) straight against the
configured store, for operators without HTTP access. Every command prints JSON: the same body
the admin API answers, or ``{"error": …}`` on stderr with exit status 1.

Options are validated by the admin API's own request Structs and run through the operations
the API runs (``admin_operations``), so both surfaces accept and answer the same.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from typing import Any, Final, TypeVar
from uuid import UUID

import msgspec
from dishka import AsyncContainer

from zenhire.domain import limits
from zenhire.domain.errors import DomainError
from zenhire.domain.model.clients import DEFAULT_RATE_LIMIT_PER_MINUTE, INTERVIEW_PERMISSION
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    GetClient,
    ListClients,
    ListLedger,
    PostCredits,
    UpdateClient,
)
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateProject,
    ListApiKeys,
    ListProjects,
    RevokeApiKey,
)
from zenhire.domain.use_cases.reinvite import ReInvite
from zenhire.entrypoints import admin_operations as ops
from zenhire.entrypoints.composition.container import app_container
from zenhire.entrypoints.http.schemas.accounts import (
    ApiKeyIn,
    ClientCreate,
    ClientPatch,
    CreditsIn,
    ProjectIn,
)
from zenhire.entrypoints.http.schemas.sessions import SessionCreated
from zenhire.entrypoints.settings import Settings

S = TypeVar("S", bound=msgspec.Struct)
Operation = Callable[[AsyncContainer, argparse.Namespace], Awaitable[Any]]
_AT: Final = re.compile(r" - at `\$\.(?P<field>[^`]+)`$")
_REPEAT: Final = "repeat the option for several"
_PAGE: Final = "list commands print one page: {data, next_cursor}"


def _bool(text: str) -> bool:
    if text.lower() in {"true", "1", "yes"}:
        return True
    if text.lower() in {"false", "0", "no"}:
        return False
    raise argparse.ArgumentTypeError("expected true or false")


def add_parser(commands: Any) -> None:
    admin = commands.add_parser(
        "admin",
        help="operator commands against the configured store, printing JSON",
        description="The operator API's operations straight against the configured store, for "
        "operators without HTTP access. Each prints the admin API's JSON answer, or an error "
        "envelope on stderr with exit status 1.",
        epilog=f"Ids are UUIDs; {_PAGE}; 'zenhire admin COMMAND -h' describes each command.",
    )
    sub = admin.add_subparsers(dest="admin_command", required=True, metavar="COMMAND")
    _client_commands(sub)
    _credit_commands(sub)
    _project_commands(sub)
    _key_commands(sub)
    p = sub.add_parser(
        "reinvite",
        help="a fresh candidate link for a failed session of any client (prints it once)",
        description=ReInvite.__doc__,
    )
    p.add_argument("session_id", type=UUID, metavar="SESSION_ID", help="the session's id")


def _command(sub: Any, name: str, help_: str, use_case: type) -> argparse.ArgumentParser:
    """A sub-command described by its use case's contract (the API's description too)."""
    description = (use_case.__doc__ or "").replace("``", "")
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_, description=description)
    return parser


def _client_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("client_id", type=UUID, metavar="CLIENT_ID", help="the client's id")


def _paging(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--limit",
        type=int,
        default=limits.LIST_LIMIT_DEFAULT,
        metavar="N",
        help=f"rows per page, 1-{limits.LIST_LIMIT_MAX} (default {limits.LIST_LIMIT_DEFAULT})",
    )
    p.add_argument(
        "--cursor",
        metavar="CURSOR",
        help="the next_cursor printed with the previous page, to print the page after it",
    )


def _permission_options(p: argparse.ArgumentParser, *, default: str) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--permission",
        action="append",
        dest="permissions",
        metavar="NAME",
        help=f"a permission the client holds ({INTERVIEW_PERMISSION!r} is the one the platform "
        f"knows); {_REPEAT}; {default}",
    )
    group.add_argument(
        "--no-permissions",
        action="store_true",
        help="the client holds no permission (its keys then reach no /interview endpoint)",
    )


def _cap_option(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument(
        "--max-concurrent-interviews",
        type=int,
        metavar="N",
        help=f"how many interviews may be live at once, an integer >= 1 ({default})",
    )


def _client_commands(sub: Any) -> None:
    p = _command(
        sub, "create-client", "create a client (tenant), optionally with credits", CreateClient
    )
    p.add_argument(
        "--name", required=True, help=f"the client's name, 1-{limits.NAME_MAX} characters"
    )
    p.add_argument(
        "--credits",
        type=int,
        default=0,
        metavar="N",
        help="initial credits, an integer >= 0, written as one grant ledger row (default 0)",
    )
    _cap_option(p, "default: the ZENHIRE_DEFAULT_MAX_CONCURRENT_INTERVIEWS setting")
    _permission_options(p, default=f"default: {INTERVIEW_PERMISSION}")
    p.add_argument(
        "--inactive",
        action="store_true",
        help="create the client deactivated: its keys are refused until it is activated",
    )
    p = _command(sub, "get-client", "a client with its balance and live interviews", GetClient)
    _client_id(p)
    p = _command(sub, "list-clients", "clients, newest first, one page", ListClients)
    p.add_argument(
        "--active",
        type=_bool,
        metavar="{true,false}",
        help="only active (true) or only deactivated (false) clients (default: both)",
    )
    p.add_argument(
        "--name-prefix",
        metavar="PREFIX",
        help="only clients whose name starts with PREFIX (case-sensitive)",
    )
    _paging(p)
    p = _command(
        sub, "update-client", "change a client; options left out stay as they are", UpdateClient
    )
    _client_id(p)
    p.add_argument("--name", help=f"the new name, 1-{limits.NAME_MAX} characters")
    _cap_option(p, "lowering it below the live count ends no interview")
    _permission_options(p, default="the list given replaces the client's permissions")
    p.add_argument(
        "--active",
        type=_bool,
        metavar="{true,false}",
        help="false deactivates the client (its keys are refused at once), true reactivates it",
    )


def _credit_commands(sub: Any) -> None:
    p = _command(
        sub, "credits", "grant or correct a client's credits (one ledger row)", PostCredits
    )
    _client_id(p)
    p.add_argument(
        "--amount",
        type=int,
        required=True,
        metavar="N",
        help="a non-zero integer: > 0 grants, < 0 corrects (an adjustment row)",
    )
    p.add_argument(
        "--reason",
        required=True,
        metavar="TEXT",
        help=f"why, 1-{limits.REASON_MAX} characters; kept on the ledger row",
    )
    p = _command(sub, "ledger", "a client's ledger rows, newest first, one page", ListLedger)
    _client_id(p)
    p.add_argument(
        "--kind",
        choices=[k.value for k in LedgerKind],
        help="only rows of this kind (default: all)",
    )
    _paging(p)


def _project_commands(sub: Any) -> None:
    p = _command(sub, "create-project", "create a project under a client", CreateProject)
    _client_id(p)
    p.add_argument(
        "--name", required=True, help=f"the project's name, 1-{limits.NAME_MAX} characters"
    )
    p = _command(sub, "list-projects", "a client's projects, newest first, one page", ListProjects)
    _client_id(p)
    _paging(p)


def _key_commands(sub: Any) -> None:
    p = _command(
        sub, "create-key", "mint an API key (the raw key is printed only here)", CreateApiKey
    )
    _client_id(p)
    p.add_argument(
        "--project-id",
        type=UUID,
        metavar="PROJECT_ID",
        help="bind the key to one of the client's projects (attribution, not isolation)",
    )
    p.add_argument(
        "--expires-at",
        metavar="INSTANT",
        help="when the key stops working: ISO 8601 with a UTC offset, e.g. "
        "2027-01-31T00:00:00Z or 2027-01-31T09:00:00+09:00; must be in the future "
        "(default: never)",
    )
    p.add_argument(
        "--allowed-ip",
        action="append",
        dest="allowed_ips",
        metavar="CIDR",
        help="only callers from this address or network may use the key, e.g. 203.0.113.7 or "
        f"10.0.0.0/8; {_REPEAT} (default: any address)",
    )
    p.add_argument("--name", help=f"a label for the key, 1-{limits.NAME_MAX} characters")
    p.add_argument(
        "--rate-limit-per-minute",
        type=int,
        metavar="N",
        help=f"requests per clock minute, >= 1 (default {DEFAULT_RATE_LIMIT_PER_MINUTE})",
    )
    p = _command(
        sub, "list-keys", "a client's API keys (never the key itself), one page", ListApiKeys
    )
    _client_id(p)
    p.add_argument(
        "--include-revoked", action="store_true", help="list revoked keys too (default: not)"
    )
    _paging(p)
    p = _command(sub, "revoke-key", "revoke an API key (again: same answer)", RevokeApiKey)
    p.add_argument("key_id", type=UUID, metavar="KEY_ID", help="the key's id (not the key)")


# --- running a command ---------------------------------------------------------------------


def _body(struct: type[S], **fields: Any) -> S:
    """The admin API's request Struct from the options given (None: left out)."""
    return msgspec.convert({k: v for k, v in fields.items() if v is not None}, struct)


def _permissions(args: argparse.Namespace) -> list[str] | None:
    return [] if args.no_permissions else args.permissions


async def _create_client(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    body = _body(
        ClientCreate,
        name=a.name,
        credits=a.credits,
        max_concurrent_interviews=a.max_concurrent_interviews,
        permissions=_permissions(a),
        active=not a.inactive,
    )
    return await ops.create_client(await scope.get(CreateClient), body)


async def _get_client(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    return await ops.get_client(await scope.get(GetClient), a.client_id)


async def _list_clients(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    return await ops.list_clients(
        await scope.get(ListClients),
        active=a.active,
        name_prefix=a.name_prefix,
        limit=a.limit,
        cursor=a.cursor,
    )


async def _update_client(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    body = _body(
        ClientPatch,
        name=a.name,
        max_concurrent_interviews=a.max_concurrent_interviews,
        permissions=_permissions(a),
        active=a.active,
    )
    return await ops.update_client(await scope.get(UpdateClient), a.client_id, body)


async def _credits(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    body = _body(CreditsIn, amount=a.amount, reason=a.reason)
    return await ops.post_credits(await scope.get(PostCredits), a.client_id, body)


async def _ledger(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    kind = LedgerKind(a.kind) if a.kind else None
    return await ops.list_ledger(
        await scope.get(ListLedger), a.client_id, kind=kind, limit=a.limit, cursor=a.cursor
    )


async def _create_project(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    body = _body(ProjectIn, name=a.name)
    return await ops.create_project(await scope.get(CreateProject), a.client_id, body)


async def _list_projects(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    return await ops.list_projects(
        await scope.get(ListProjects), a.client_id, limit=a.limit, cursor=a.cursor
    )


async def _create_key(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    body = _body(
        ApiKeyIn,
        project_id=a.project_id,
        expires_at=a.expires_at,
        allowed_ips=a.allowed_ips,
        name=a.name,
        rate_limit_per_minute=a.rate_limit_per_minute,
    )
    return await ops.create_api_key(await scope.get(CreateApiKey), a.client_id, body)


async def _list_keys(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    return await ops.list_api_keys(
        await scope.get(ListApiKeys),
        a.client_id,
        include_revoked=a.include_revoked,
        limit=a.limit,
        cursor=a.cursor,
    )


async def _revoke_key(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    return await ops.revoke_api_key(await scope.get(RevokeApiKey), a.key_id)


async def _reinvite(scope: AsyncContainer, a: argparse.Namespace) -> Any:
    return SessionCreated.of(await ops.reinvite(await scope.get(ReInvite), a.session_id))


OPERATIONS: Final[dict[str, Operation]] = {
    "create-client": _create_client,
    "get-client": _get_client,
    "list-clients": _list_clients,
    "update-client": _update_client,
    "credits": _credits,
    "ledger": _ledger,
    "create-project": _create_project,
    "list-projects": _list_projects,
    "create-key": _create_key,
    "list-keys": _list_keys,
    "revoke-key": _revoke_key,
    "reinvite": _reinvite,
}


async def _execute(args: argparse.Namespace, settings: Settings) -> Any:
    async with app_container(settings) as container, container() as scope:
        return await OPERATIONS[args.admin_command](scope, args)


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
