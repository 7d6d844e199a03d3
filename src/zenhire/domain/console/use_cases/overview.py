"""The overview page's figures: money, live load and the last 30 days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.ports import ConsoleStats, DayFigures
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clients, Clock
from zenhire.domain.use_cases.admin_clients import load_client

CHART_DAYS: Final = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class OverviewResult:
    balance: int
    minimum_to_start: int
    live: int
    cap: int
    waiting: int
    days: list[DayFigures]  # exactly CHART_DAYS, oldest first, today last

    @property
    def below_minimum(self) -> bool:
        return self.balance < self.minimum_to_start


@dataclass(frozen=True, slots=True, kw_only=True)
class Overview:
    """Balance against the minimum to start, live interviews against the cap, the waiting
    line, and per UTC day of the last 30 (today included): sessions created, completed and
    failed, and credits charged. Days without activity are zeros."""

    clients: Clients
    stats: ConsoleStats
    clock: Clock
    policy: Policy

    async def __call__(self, actor: Actor) -> OverviewResult:
        client = await load_client(self.clients, actor.client_id)
        today = self.clock.now().astimezone(UTC).date()
        first = today - timedelta(days=CHART_DAYS - 1)
        since = datetime(first.year, first.month, first.day, tzinfo=UTC)
        found = {d.day: d for d in await self.stats.daily(client.id, since)}
        days = [
            found.get(day, DayFigures(day))
            for day in (first + timedelta(days=n) for n in range(CHART_DAYS))
        ]
        return OverviewResult(
            balance=client.balance,
            minimum_to_start=self.policy.min_credits_to_start,
            live=await self.clients.live_count(client.id),
            cap=client.max_concurrent_interviews,
            waiting=await self.stats.waiting(client.id),
            days=days,
        )
