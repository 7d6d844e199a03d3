"""Mint an API key for a client (operator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from zenhire.domain.errors.base import invalid
from zenhire.domain.model.clients import DEFAULT_RATE_LIMIT_PER_MINUTE, ApiKey, checked_cidrs
from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId
from zenhire.domain.model.ownership import found, found_for
from zenhire.domain.ports.api_keys import ApiKeys
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.projects import Projects
from zenhire.domain.ports.tokens import Tokens
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT
from zenhire.domain.validation import future_instant


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateApiKeyCommand:
    client_id: ClientId
    project_id: ProjectId | None = None
    expires_at: datetime | None = None
    allowed_ips: Sequence[str] | None = None
    name: str | None = None
    rate_limit_per_minute: int = DEFAULT_RATE_LIMIT_PER_MINUTE


@dataclass(frozen=True, slots=True)
class IssuedKey:
    key: ApiKey
    raw: str = field(repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateApiKey:
    """Mint an API key for a client, optionally bound to one of its projects.

    In order: ``expires_at`` not in the future, ``rate_limit_per_minute`` < 1, or an
    allow-list entry that is no address or CIDR → INVALID_INPUT; unknown client, or a project
    that is unknown or another client's → NOT_FOUND. The raw key is returned here only; its
    digest is what is stored.
    """

    clients: Clients
    projects: Projects
    keys: ApiKeys
    tokens: Tokens
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: CreateApiKeyCommand) -> IssuedKey:
        now = self.clock.now()
        expires_at = future_instant("expires_at", command.expires_at, now)
        if command.rate_limit_per_minute < 1:
            raise invalid("rate_limit_per_minute", "must be ≥ 1")
        allowed = checked_cidrs(command.allowed_ips or ())
        found(await self.clients.get(command.client_id), NO_SUCH_CLIENT)
        if command.project_id is not None:
            project = await self.projects.get(command.project_id)
            found_for(project, command.client_id, "No such project for this client.")
        minted = self.tokens.mint_api_key()
        key = ApiKey(
            id=ApiKeyId(self.ids.new_id()),
            client_id=command.client_id,
            project_id=command.project_id,
            digest=minted.digest,
            prefix=minted.prefix,
            name=command.name,
            expires_at=expires_at,
            allowed_ips=allowed,
            rate_limit_per_minute=command.rate_limit_per_minute,
            created_at=now,
        )
        await self.keys.add(key)
        await self.uow.commit()
        return IssuedKey(key, minted.raw)
