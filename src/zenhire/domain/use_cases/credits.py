"""The integrator's credit view."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain import limits
from zenhire.domain.model.clients import Client
from zenhire.domain.model.ledger import LedgerEntry
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.credits import Credits


@dataclass(frozen=True, slots=True)
class CreditsView:
    balance: int
    minimum_to_start: int
    interview_credits_per_minute: int
    live_interviews: int
    max_concurrent_interviews: int
    recent_transactions: list[LedgerEntry]


@dataclass(frozen=True, slots=True, kw_only=True)
class GetCredits:
    """Balance, pricing, live count and cap, and the 20 newest ledger rows."""

    clients: Clients
    credits: Credits
    policy: Policy

    async def __call__(self, client: Client) -> CreditsView:
        return CreditsView(
            balance=await self.credits.balance(client.id),
            minimum_to_start=self.policy.min_credits_to_start,
            interview_credits_per_minute=self.policy.interview_credits_per_minute,
            live_interviews=await self.clients.live_count(client.id),
            max_concurrent_interviews=client.max_concurrent_interviews,
            recent_transactions=await self.credits.recent(client.id, limits.RECENT_TRANSACTIONS),
        )
