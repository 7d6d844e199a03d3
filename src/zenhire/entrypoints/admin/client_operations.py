"""The operator's operations on clients, their credits and ledger (see ``operations``)."""

from __future__ import annotations

from uuid import UUID

from zenhire.domain.model.clients import INTERVIEW_PERMISSION
from zenhire.domain.model.ids import ClientId
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
from zenhire.entrypoints.http.schemas.accounts import (
    ClientCreate,
    ClientOut,
    ClientPage,
    ClientPatch,
    CreditsIn,
    LedgerPage,
    LedgerRow,
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
