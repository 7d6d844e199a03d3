"""Credits, clients and their ledger (projects and API keys: ``access``)."""

from __future__ import annotations

from uuid import UUID

from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.timefmt import iso
from zenhire.domain.use_cases.admin_clients import ClientView
from zenhire.domain.use_cases.credits import CreditsView
from zenhire.entrypoints.http.schemas.common import (
    Count,
    CreditAmount,
    InitialCredits,
    Name,
    Out,
    Permission,
    Reason,
    Strict,
    Timestamp,
)


class LedgerRow(Out):
    id: UUID
    seq: int
    kind: LedgerKind
    amount: int
    balance_after: int
    session_id: UUID | None
    reason: str | None
    created_at: Timestamp

    @classmethod
    def of(cls, e: LedgerEntry) -> LedgerRow:
        return cls(
            id=e.id,
            seq=e.seq,
            kind=e.kind,
            amount=e.amount,
            balance_after=e.balance_after,
            session_id=e.session_id,
            reason=e.reason,
            created_at=iso(e.created_at),
        )


class CreditsOut(Out):
    balance: int
    minimum_to_start: int
    interview_credits_per_minute: int
    live_interviews: int
    max_concurrent_interviews: int
    recent_transactions: list[LedgerRow]

    @classmethod
    def of(cls, v: CreditsView) -> CreditsOut:
        return cls(
            balance=v.balance,
            minimum_to_start=v.minimum_to_start,
            interview_credits_per_minute=v.interview_credits_per_minute,
            live_interviews=v.live_interviews,
            max_concurrent_interviews=v.max_concurrent_interviews,
            recent_transactions=[LedgerRow.of(e) for e in v.recent_transactions],
        )


class ClientCreate(Strict):
    name: Name
    credits: InitialCredits = 0
    max_concurrent_interviews: Count | None = None
    permissions: list[Permission] | None = None
    active: bool = True


class ClientPatch(Strict):
    name: Name | None = None
    max_concurrent_interviews: Count | None = None
    permissions: list[Permission] | None = None
    active: bool | None = None


class ClientOut(Out):
    id: UUID
    name: str
    active: bool
    permissions: list[str]
    credits: int
    max_concurrent_interviews: int
    live_interviews: int
    created_at: Timestamp

    @classmethod
    def of(cls, v: ClientView) -> ClientOut:
        c = v.client
        return cls(
            id=c.id,
            name=c.name,
            active=c.active,
            permissions=list(c.permissions),
            credits=c.balance,
            max_concurrent_interviews=c.max_concurrent_interviews,
            live_interviews=v.live_interviews,
            created_at=iso(c.created_at),
        )


class CreditsIn(Strict):
    amount: CreditAmount
    reason: Reason


class ClientPage(Out):
    data: list[ClientOut]
    next_cursor: str | None


class LedgerPage(Out):
    data: list[LedgerRow]
    next_cursor: str | None
