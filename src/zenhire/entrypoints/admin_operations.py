"""The operator's operations, the one command layer of the admin HTTP API and ``zenhire admin``.

Both surfaces validate their input into the same strict request Structs, and each function
here maps that input to its command, runs the use case and maps the result to the same
response Struct: the API and the command line build every command in one place. A function's
signature is its whole contract: the first parameter's type is the use case it runs, ``body``
the request Struct, the rest path ids and list options (``BY_COMMAND`` names each for the
command line, which reads all of that from the signature).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Final
from uuid import UUID

from zenhire.domain.model.clients import INTERVIEW_PERMISSION
from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId, SessionId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.pagination import PageRequest, SeqPageRequest
from zenhire.domain.ports import ClientFilter
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    CreateClientCommand,
    GetClient,
    ListClients,
    ListClientsQuery,
    ListLedger,
    ListLedgerQuery,
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
    ListApiKeys,
    ListApiKeysQuery,
    ListProjects,
    ListProjectsQuery,
    RevokeApiKey,
)
from zenhire.domain.use_cases.links import IssuedLink
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.entrypoints.console import admin_users
from zenhire.entrypoints.http.schemas.accounts import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    ApiKeyPage,
    ClientCreate,
    ClientOut,
    ClientPage,
    ClientPatch,
    CreditsIn,
    LedgerPage,
    LedgerRow,
    ProjectIn,
    ProjectOut,
    ProjectPage,
    key_fields,
)


async def create_client(create: CreateClient, body: ClientCreate) -> ClientOut:
    permissions = [INTERVIEW_PERMISSION] if body.permissions is None else body.permissions
    command = CreateClientCommand(
        name=body.name,
        credits=body.credits,
        max_concurrent_interviews=body.max_concurrent_interviews,
        permissions=permissions,
        active=body.active,
    )
    return ClientOut.of(await create(command))


async def get_client(get: GetClient, client_id: UUID) -> ClientOut:
    return ClientOut.of(await get(ClientId(client_id)))


async def update_client(update: UpdateClient, client_id: UUID, body: ClientPatch) -> ClientOut:
    command = UpdateClientCommand(
        client_id=ClientId(client_id),
        name=body.name,
        max_concurrent_interviews=body.max_concurrent_interviews,
        permissions=body.permissions,
        active=body.active,
    )
    return ClientOut.of(await update(command))


async def post_credits(post: PostCredits, client_id: UUID, body: CreditsIn) -> LedgerRow:
    command = PostCreditsCommand(
        client_id=ClientId(client_id), amount=body.amount, reason=body.reason
    )
    return LedgerRow.of(await post(command))


async def create_project(create: CreateProject, client_id: UUID, body: ProjectIn) -> ProjectOut:
    project = await create(CreateProjectCommand(client_id=ClientId(client_id), name=body.name))
    return ProjectOut.of(project)


async def create_api_key(create: CreateApiKey, client_id: UUID, body: ApiKeyIn) -> ApiKeyCreated:
    issued = await create(
        CreateApiKeyCommand(
            client_id=ClientId(client_id),
            project_id=ProjectId(body.project_id) if body.project_id else None,
            expires_at=body.expires_at,
            allowed_ips=body.allowed_ips,
            name=body.name,
            rate_limit_per_minute=body.rate_limit_per_minute,
        )
    )
    return ApiKeyCreated(**key_fields(issued.key), key=issued.raw)


async def revoke_api_key(revoke: RevokeApiKey, key_id: UUID) -> ApiKeyOut:
    return ApiKeyOut.of(await revoke(ApiKeyId(key_id)))


async def reinvite(reinvite_: ReInvite, session_id: UUID) -> IssuedLink:
    return await reinvite_(ReInviteCommand(session_id=SessionId(session_id), client_id=None))


async def list_clients(
    list_: ListClients,
    *,
    active: bool | None,
    name_prefix: str | None,
    limit: int,
    cursor: str | None,
) -> ClientPage:
    where = ClientFilter(active=active, name_prefix=name_prefix)
    page = await list_(ListClientsQuery(where, PageRequest.of(limit, cursor)))
    return ClientPage(data=[ClientOut.of(v) for v in page.items], next_cursor=page.next_cursor)


async def list_projects(
    list_: ListProjects, client_id: UUID, *, limit: int, cursor: str | None
) -> ProjectPage:
    query = ListProjectsQuery(ClientId(client_id), PageRequest.of(limit, cursor))
    page = await list_(query)
    return ProjectPage(data=[ProjectOut.of(p) for p in page.items], next_cursor=page.next_cursor)


async def list_api_keys(
    list_: ListApiKeys,
    client_id: UUID,
    *,
    include_revoked: bool,
    limit: int,
    cursor: str | None,
) -> ApiKeyPage:
    query = ListApiKeysQuery(ClientId(client_id), include_revoked, PageRequest.of(limit, cursor))
    page = await list_(query)
    return ApiKeyPage(data=[ApiKeyOut.of(k) for k in page.items], next_cursor=page.next_cursor)


async def list_ledger(
    list_: ListLedger,
    client_id: UUID,
    *,
    kind: LedgerKind | None,
    limit: int,
    cursor: str | None,
) -> LedgerPage:
    kind = LedgerKind(kind) if kind else None  # the command line passes the value
    query = ListLedgerQuery(ClientId(client_id), kind, SeqPageRequest.of(limit, cursor))
    page = await list_(query)
    return LedgerPage(data=[LedgerRow.of(e) for e in page.items], next_cursor=page.next_cursor)


Operation = Callable[..., Awaitable[Any]]
BY_COMMAND: Final[dict[str, Operation]] = {
    "create-client": create_client,
    "get-client": get_client,
    "list-clients": list_clients,
    "update-client": update_client,
    "credits": post_credits,
    "ledger": list_ledger,
    "create-project": create_project,
    "list-projects": list_projects,
    "create-key": create_api_key,
    "list-keys": list_api_keys,
    "revoke-key": revoke_api_key,
    "reinvite": reinvite,
    "create-user": admin_users.create_user,
}
