"""Projects and API keys (the key itself only in ``ApiKeyCreated``, shown once)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from zenhire.domain.model.clients import DEFAULT_RATE_LIMIT_PER_MINUTE, ApiKey, Project
from zenhire.domain.timefmt import iso, iso_or_none
from zenhire.entrypoints.http.schemas.common import (
    AwareDatetime,
    Count,
    IpOrCidr,
    Name,
    Out,
    Strict,
    Timestamp,
)


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


class ProjectPage(Out):
    data: list[ProjectOut]
    next_cursor: str | None


class ApiKeyPage(Out):
    data: list[ApiKeyOut]
    next_cursor: str | None
