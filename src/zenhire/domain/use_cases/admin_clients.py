"""Operator use cases on clients and their credits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zenhire.domain import limits
from zenhire.domain.errors import FieldProblem, InvalidInputError, NotFoundError, invalid
from zenhire.domain.model.clients import INTERVIEW_PERMISSION, Client, ClientChanges
from zenhire.domain.model.ids import ClientId, LedgerEntryId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.pagination import (
    Cursor,
    Page,
    PageRequest,
    SeqCursor,
    SeqPageRequest,
    paginate_by,
)
from zenhire.domain.policy import Policy
from zenhire.domain.ports import ClientFilter, Clients, Clock, Credits, Ids, UnitOfWork
from zenhire.domain.ports.webhook_events import WebhookEvents
from zenhire.domain.webhooks.feed import report_low_balance

KNOWN_PERMISSIONS = frozenset({INTERVIEW_PERMISSION})


@dataclass(frozen=True, slots=True)
class ClientView:
    client: Client
    live_interviews: int


def check_permissions(permissions: Sequence[str]) -> tuple[str, ...]:
    """Only permissions the platform knows; duplicates are folded, order kept."""
    unknown = [p for p in permissions if p not in KNOWN_PERMISSIONS]
    if unknown:
        raise invalid("permissions", f"unknown permission(s): {', '.join(sorted(unknown))}")
    return tuple(dict.fromkeys(permissions))


async def load_client(clients: Clients, client_id: ClientId) -> Client:
    client = await clients.get(client_id)
    if client is None:
        raise NotFoundError("No such client.")
    return client


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateClientCommand:
    name: str
    credits: int = 0
    max_concurrent_interviews: int | None = None
    permissions: Sequence[str] = (INTERVIEW_PERMISSION,)
    active: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateClient:
    """Create a client; initial ``credits`` > 0 are written as one ``grant`` ledger row."""

    clients: Clients
    credits: Credits
    ids: Ids
    clock: Clock
    uow: UnitOfWork
    policy: Policy

    async def __call__(self, command: CreateClientCommand) -> ClientView:
        if not 0 <= command.credits <= limits.BALANCE_MAX:
            raise invalid("credits", f"must be 0-{limits.BALANCE_MAX}")
        now = self.clock.now()
        cap = command.max_concurrent_interviews or self.policy.default_max_concurrent_interviews
        client = Client(
            id=ClientId(self.ids.new_id()),
            name=command.name,
            active=command.active,
            permissions=check_permissions(command.permissions),
            max_concurrent_interviews=cap,
            created_at=now,
        )
        await self.clients.add(client)
        if command.credits > 0:
            entry = await self.credits.post(
                entry_id=LedgerEntryId(self.ids.new_id()),
                client_id=client.id,
                kind=LedgerKind.GRANT,
                amount=command.credits,
                session_id=None,
                reason="initial credits",
                now=now,
            )
            client.balance = entry.balance_after
        await self.uow.commit()
        return ClientView(client, 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetClient:
    """A client with its balance and live count (NOT_FOUND when unknown)."""

    clients: Clients

    async def __call__(self, client_id: ClientId) -> ClientView:
        client = await load_client(self.clients, client_id)
        return ClientView(client, await self.clients.live_count(client.id))


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateClientCommand:
    client_id: ClientId
    name: str | None = None
    max_concurrent_interviews: int | None = None
    permissions: Sequence[str] | None = None
    active: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateClient:
    """Change any of name, cap, permissions, active; omitted fields stay as they are.

    Only the fields sent are written, atomically, so two operators changing different fields
    at the same time both keep their change. Lowering the cap below the live count ends no
    interview; it only stops new admissions.
    """

    clients: Clients
    uow: UnitOfWork

    async def __call__(self, command: UpdateClientCommand) -> ClientView:
        permissions = command.permissions
        changes = ClientChanges(
            name=command.name,
            max_concurrent_interviews=command.max_concurrent_interviews,
            permissions=None if permissions is None else check_permissions(permissions),
            active=command.active,
        )
        client = await self.clients.update(command.client_id, changes)
        if client is None:
            raise NotFoundError("No such client.")
        await self.uow.commit()
        return ClientView(client, await self.clients.live_count(client.id))


@dataclass(frozen=True, slots=True, kw_only=True)
class PostCreditsCommand:
    client_id: ClientId
    amount: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PostCredits:
    """Grant (amount > 0) or correct (amount < 0, ``adjustment``) a client's credits.

    The row and the new balance are written in one transaction; a zero amount is refused, and
    so is one that takes the balance beyond ±``BALANCE_MAX`` (charges need room below it). An
    adjustment that takes the balance below the minimum to start emits ``credits.low``.
    """

    clients: Clients
    credits: Credits
    ids: Ids
    clock: Clock
    uow: UnitOfWork
    policy: Policy
    webhooks: WebhookEvents

    async def __call__(self, command: PostCreditsCommand) -> LedgerEntry:
        if command.amount == 0:
            raise InvalidInputError([FieldProblem("amount", "must not be zero")])
        client = await load_client(self.clients, command.client_id)
        if abs(client.balance + command.amount) > limits.BALANCE_MAX:
            raise invalid("amount", f"the balance would leave ±{limits.BALANCE_MAX}")
        entry = await self.credits.post(
            entry_id=LedgerEntryId(self.ids.new_id()),
            client_id=command.client_id,
            kind=LedgerKind.GRANT if command.amount > 0 else LedgerKind.ADJUSTMENT,
            amount=command.amount,
            session_id=None,
            reason=command.reason,
            now=self.clock.now(),
        )
        await report_low_balance(self.webhooks, self.ids, entry, self.policy.min_credits_to_start)
        await self.uow.commit()
        return entry


@dataclass(frozen=True, slots=True)
class ListClientsQuery:
    where: ClientFilter
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListClients:
    """Every client with its balance and live count, newest first, keyset-paginated.

    ``active`` keeps only active (or only inactive) clients; ``name_prefix`` keeps the names
    that start with it (case-sensitive).
    """

    clients: Clients

    async def __call__(self, query: ListClientsQuery) -> Page[ClientView]:
        rows = [ClientView(c, live) for c, live in await self.clients.list(query.where, query.page)]
        return paginate_by(
            rows, query.page.limit, lambda v: Cursor(v.client.created_at, v.client.id).encode()
        )


@dataclass(frozen=True, slots=True)
class ListLedgerQuery:
    client_id: ClientId
    kind: LedgerKind | None
    page: SeqPageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListLedger:
    """A client's ledger rows, newest ``seq`` first (commit order), optionally of one
    ``kind``, keyset-paginated on ``seq``. Unknown client → NOT_FOUND."""

    clients: Clients
    credits: Credits

    async def __call__(self, query: ListLedgerQuery) -> Page[LedgerEntry]:
        await load_client(self.clients, query.client_id)
        rows = await self.credits.list(query.client_id, query.kind, query.page)
        return paginate_by(rows, query.page.limit, lambda e: SeqCursor(e.seq).encode())
