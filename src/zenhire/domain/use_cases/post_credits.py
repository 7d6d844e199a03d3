"""Grant or correct a client's credits (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain import limits
from zenhire.domain.errors.base import invalid
from zenhire.domain.model.ids import ClientId, LedgerEntryId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.model.ownership import found
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.credits import Credits
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.ports.webhook_events import WebhookEvents
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT
from zenhire.domain.webhooks.feed import report_low_balance


@dataclass(frozen=True, slots=True, kw_only=True)
class PostCreditsCommand:
    client_id: ClientId
    amount: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PostCredits:
    """Grant (amount > 0) or correct (amount < 0, ``adjustment``) a client's credits.

    In order: a zero amount → INVALID_INPUT; unknown client → NOT_FOUND; a balance that would
    leave ±``BALANCE_MAX`` → INVALID_INPUT (charges need room below it). The row and the new
    balance are written in one transaction; an adjustment that takes the balance below the
    minimum to start emits ``credits.low`` in it.
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
            raise invalid("amount", "must not be zero")
        client = found(await self.clients.get(command.client_id), NO_SUCH_CLIENT)
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
