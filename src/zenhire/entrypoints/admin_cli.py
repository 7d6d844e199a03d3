"""``zenhire admin …``: the operator API's operations, straight against the store, as JSON."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from zenhire.domain.errors import DomainError
from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId, SessionId
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    CreateClientCommand,
    GetClient,
    PostCredits,
    PostCreditsCommand,
    UpdateClient,
    UpdateClientCommand,
)
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateApiKeyCommand,
    CreateProject,
    CreateProjectCommand,
    RevokeApiKey,
)
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.entrypoints.http.schemas.accounts import (
    ApiKeyCreated,
    ApiKeyOut,
    ClientOut,
    LedgerRow,
    ProjectOut,
    key_fields,
)
from zenhire.entrypoints.http.schemas.sessions import SessionCreated
from zenhire.entrypoints.oneshot import app_container
from zenhire.entrypoints.settings import Settings


def _bool(text: str) -> bool:
    if text.lower() in {"true", "1", "yes"}:
        return True
    if text.lower() in {"false", "0", "no"}:
        return False
    raise argparse.ArgumentTypeError("expected true or false")


def add_parser(commands: Any) -> None:
    admin = commands.add_parser("admin", help="operator commands against the configured store")
    sub = admin.add_subparsers(dest="admin_command", required=True)
    p = sub.add_parser("create-client")
    p.add_argument("--name", required=True)
    p.add_argument("--credits", type=int, default=0)
    p.add_argument("--max-concurrent-interviews", type=int)
    p.add_argument("--permission", action="append", dest="permissions")
    p.add_argument("--inactive", action="store_true")
    p = sub.add_parser("get-client")
    p.add_argument("client_id", type=UUID)
    p = sub.add_parser("update-client")
    p.add_argument("client_id", type=UUID)
    p.add_argument("--name")
    p.add_argument("--max-concurrent-interviews", type=int)
    p.add_argument("--permission", action="append", dest="permissions")
    p.add_argument("--active", type=_bool)
    p = sub.add_parser("credits")
    p.add_argument("client_id", type=UUID)
    p.add_argument("--amount", type=int, required=True)
    p.add_argument("--reason", required=True)
    p = sub.add_parser("create-project")
    p.add_argument("client_id", type=UUID)
    p.add_argument("--name", required=True)
    p = sub.add_parser("create-key")
    p.add_argument("client_id", type=UUID)
    p.add_argument("--project-id", type=UUID)
    p.add_argument("--expires-at", type=datetime.fromisoformat)
    p.add_argument("--allowed-ip", action="append", dest="allowed_ips")
    p.add_argument("--name")
    p.add_argument("--rate-limit-per-minute", type=int, default=500)
    p = sub.add_parser("revoke-key")
    p.add_argument("key_id", type=UUID)
    p = sub.add_parser("reinvite")
    p.add_argument("session_id", type=UUID)


async def _execute(args: argparse.Namespace, settings: Settings) -> Any:
    async with app_container(settings) as container, container() as scope:
        match args.admin_command:
            case "create-client":
                return ClientOut.of(
                    await (await scope.get(CreateClient))(
                        CreateClientCommand(
                            name=args.name,
                            credits=args.credits,
                            max_concurrent_interviews=args.max_concurrent_interviews,
                            permissions=args.permissions or ["interview"],
                            active=not args.inactive,
                        )
                    )
                )
            case "get-client":
                return ClientOut.of(await (await scope.get(GetClient))(ClientId(args.client_id)))
            case "update-client":
                return ClientOut.of(
                    await (await scope.get(UpdateClient))(
                        UpdateClientCommand(
                            client_id=ClientId(args.client_id),
                            name=args.name,
                            max_concurrent_interviews=args.max_concurrent_interviews,
                            permissions=args.permissions,
                            active=args.active,
                        )
                    )
                )
            case "credits":
                return LedgerRow.of(
                    await (await scope.get(PostCredits))(
                        PostCreditsCommand(
                            client_id=ClientId(args.client_id),
                            amount=args.amount,
                            reason=args.reason,
                        )
                    )
                )
            case "create-project":
                return ProjectOut.of(
                    await (await scope.get(CreateProject))(
                        CreateProjectCommand(client_id=ClientId(args.client_id), name=args.name)
                    )
                )
            case "create-key":
                issued = await (await scope.get(CreateApiKey))(
                    CreateApiKeyCommand(
                        client_id=ClientId(args.client_id),
                        project_id=ProjectId(args.project_id) if args.project_id else None,
                        expires_at=args.expires_at,
                        allowed_ips=args.allowed_ips,
                        name=args.name,
                        rate_limit_per_minute=args.rate_limit_per_minute,
                    )
                )
                return ApiKeyCreated(**key_fields(issued.key), key=issued.raw)
            case "revoke-key":
                return ApiKeyOut.of(await (await scope.get(RevokeApiKey))(ApiKeyId(args.key_id)))
            case _:
                issued_link = await (await scope.get(ReInvite))(
                    ReInviteCommand(session_id=SessionId(args.session_id), client_id=None)
                )
                return SessionCreated.of(issued_link)


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        result = asyncio.run(_execute(args, settings))
    except DomainError as exc:
        error = {"error": {"code": exc.code, "message": exc.message, "details": exc.details}}
        sys.stderr.write(msgspec.json.encode(error).decode() + "\n")
        return 1
    sys.stdout.write(msgspec.json.encode(result).decode() + "\n")
    return 0
