"""Create a client (operator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zenhire.domain import limits
from zenhire.domain.errors.base import invalid
from zenhire.domain.model.clients import (
    INTERVIEW_PERMISSION,
    Client,
    ClientView,
    checked_permissions,
)
from zenhire.domain.model.ids import ClientId, LedgerEntryId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.credits import Credits
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateClientCommand:
    name: str
    credits: int = 0
    max_concurrent_interviews: int | None = None
    permissions: Sequence[str] = (INTERVIEW_PERMISSION,)
    active: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateClient:
    """Create a client; initial ``credits`` > 0 are written as one ``grant`` ledger row.

    In order: ``credits`` outside 0…BALANCE_MAX → INVALID_INPUT; an unknown permission →
    INVALID_INPUT. The cap defaults to the policy's.
    """

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
            permissions=checked_permissions(command.permissions),
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
