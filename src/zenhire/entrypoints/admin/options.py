"""The options of ``zenhire admin COMMAND``: one per field of the admin API's request Struct
(same name, ``-`` for ``_``), path ids as positional arguments, list options as the API's
query parameters. ``cli`` reads them back by those names.
"""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID

from zenhire.domain import limits
from zenhire.domain.model.clients import DEFAULT_RATE_LIMIT_PER_MINUTE
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateProject,
    ListApiKeys,
    ListProjects,
    RevokeApiKey,
)
from zenhire.domain.use_cases.reinvite import ReInvite
from zenhire.entrypoints.admin.arguments import REPEAT, client_id, command, paging
from zenhire.entrypoints.admin.client_options import client_commands, credit_commands
from zenhire.entrypoints.console import admin_users

_PAGE: Final = "list commands print one page: {data, next_cursor}"


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
    client_commands(sub)
    credit_commands(sub)
    project_commands(sub)
    key_commands(sub)
    admin_users.add_parser(sub)
    p = sub.add_parser(
        "reinvite",
        help="a fresh candidate link for a failed session of any client (prints it once)",
        description=ReInvite.__doc__,
    )
    p.add_argument("session_id", type=UUID, metavar="SESSION_ID", help="the session's id")


def project_commands(sub: Any) -> None:
    p = command(sub, "create-project", "create a project under a client", CreateProject)
    client_id(p)
    p.add_argument(
        "--name", required=True, help=f"the project's name, 1-{limits.NAME_MAX} characters"
    )
    p = command(sub, "list-projects", "a client's projects, newest first, one page", ListProjects)
    client_id(p)
    paging(p)


def key_commands(sub: Any) -> None:
    p = command(
        sub, "create-key", "mint an API key (the raw key is printed only here)", CreateApiKey
    )
    client_id(p)
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
        f"10.0.0.0/8; {REPEAT} (default: any address)",
    )
    p.add_argument("--name", help=f"a label for the key, 1-{limits.NAME_MAX} characters")
    p.add_argument(
        "--rate-limit-per-minute",
        type=int,
        metavar="N",
        help=f"requests per clock minute, >= 1 (default {DEFAULT_RATE_LIMIT_PER_MINUTE})",
    )
    p = command(
        sub, "list-keys", "a client's API keys (never the key itself), one page", ListApiKeys
    )
    client_id(p)
    p.add_argument(
        "--include-revoked", action="store_true", help="list revoked keys too (default: not)"
    )
    paging(p)
    p = command(sub, "revoke-key", "revoke an API key (again: same answer)", RevokeApiKey)
    p.add_argument("key_id", type=UUID, metavar="KEY_ID", help="the key's id (not the key)")
