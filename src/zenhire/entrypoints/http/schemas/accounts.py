"""Credits, clients, projects and API keys."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from zenhire.domain.model.clients import DEFAULT_RATE_LIMIT_PER_MINUTE, ApiKey, Project
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.timefmt import iso, iso_or_none
from zenhire.domain.use_cases.admin_clients import ClientView
from zenhire.domain.use_cases.credits import CreditsView
from zenhire.entrypoints.http.schemas.common import (
    AwareDatetime,
    Count,
    CreditAmount,
    InitialCredits,
    IpOrCidr,
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


class ProjectIn(Strict):
    name: Name


class ProjectOut(Out):
    id: UUID
    client_id: UUID
    name: str
    created_at: Timestamp

    @classmethod
    def of(cls, p: Project) -> ProjectOut:
        return cls(id=p.id, client_id=p.client_id, name=p.name, created_at=iso(p.created_at))


class ApiKeyIn(Strict):
    project_id: UUID | None = None
    expires_at: AwareDatetime | None = None
    allowed_ips: list[IpOrCidr] | None = None
    name: Name | None = None
    rate_limit_per_minute: Count = DEFAULT_RATE_LIMIT_PER_MINUTE


class ApiKeyOut(Out):
    """An API key's record; never carries the raw key."""

    id: UUID
    prefix: str
    name: str | None
    client_id: UUID
    project_id: UUID | None
    expires_at: Timestamp | None
    allowed_ips: list[str]
    rate_limit_per_minute: int
    created_at: Timestamp
    revoked_at: Timestamp | None
    last_used_at: Timestamp | None

    @classmethod
    def of(cls, k: ApiKey) -> ApiKeyOut:
        return cls(**key_fields(k))


class ApiKeyCreated(ApiKeyOut):
    """The new key's record with the raw ``key``, shown here only (``Cache-Control: no-store``)."""

    key: str


def key_fields(k: ApiKey) -> dict[str, Any]:
    return {
        "id": k.id,
        "prefix": k.prefix,
        "name": k.name,
        "client_id": k.client_id,
        "project_id": k.project_id,
        "expires_at": iso_or_none(k.expires_at),
        "allowed_ips": list(k.allowed_ips),
        "rate_limit_per_minute": k.rate_limit_per_minute,
        "created_at": iso(k.created_at),
        "revoked_at": iso_or_none(k.revoked_at),
        "last_used_at": iso_or_none(k.last_used_at),
    }


class ClientPage(Out):
    data: list[ClientOut]
    next_cursor: str | None


class ProjectPage(Out):
    data: list[ProjectOut]
    next_cursor: str | None


class ApiKeyPage(Out):
    data: list[ApiKeyOut]
    next_cursor: str | None


class LedgerPage(Out):
    data: list[LedgerRow]
    next_cursor: str | None
