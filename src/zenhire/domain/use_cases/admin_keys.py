"""Operator use cases on projects and API keys."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from zenhire.domain.errors import FieldProblem, InvalidInputError, NotFoundError, invalid
from zenhire.domain.model.clients import DEFAULT_RATE_LIMIT_PER_MINUTE, ApiKey, Project
from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports import ApiKeys, Clients, Clock, Ids, Projects, Tokens, UnitOfWork
from zenhire.domain.use_cases.admin_clients import load_client
from zenhire.domain.validation import utc_instant


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProjectCommand:
    client_id: ClientId
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProject:
    """Create a project (attribution only) under an existing client."""

    clients: Clients
    projects: Projects
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: CreateProjectCommand) -> Project:
        await load_client(self.clients, command.client_id)
        project = Project(
            ProjectId(self.ids.new_id()), command.client_id, command.name, self.clock.now()
        )
        await self.projects.add(project)
        await self.uow.commit()
        return project


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


def check_cidrs(values: Sequence[str]) -> tuple[str, ...]:
    """Normalised CIDRs (a bare address is a /32 or /128); bad entries raise INVALID_INPUT."""
    problems: list[FieldProblem] = []
    networks: list[str] = []
    for index, value in enumerate(values):
        try:
            networks.append(str(ipaddress.ip_network(value, strict=False)))
        except ValueError:
            problems.append(FieldProblem(f"allowed_ips[{index}]", "not an IP address or CIDR"))
    if problems:
        raise InvalidInputError(problems)
    return tuple(networks)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateApiKey:
    """Mint an API key for a client, optionally bound to one of its projects.

    Unknown client, or a project that is unknown or another client's → NOT_FOUND. An
    ``expires_at`` in the past is refused. The raw key is returned here only; its digest is
    what is stored.
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
        expires_at = command.expires_at
        if expires_at is not None:
            expires_at = utc_instant("expires_at", expires_at)
            if expires_at <= now:
                raise invalid("expires_at", "must be in the future")
        if command.rate_limit_per_minute < 1:
            raise invalid("rate_limit_per_minute", "must be ≥ 1")
        allowed = check_cidrs(command.allowed_ips or ())
        await load_client(self.clients, command.client_id)
        if command.project_id is not None:
            project = await self.projects.get(command.project_id)
            if project is None or project.client_id != command.client_id:
                raise NotFoundError("No such project for this client.")
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


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeApiKey:
    """Revoke a key (again: same answer); unknown → NOT_FOUND. It fails auth from then on."""

    keys: ApiKeys
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, key_id: ApiKeyId) -> ApiKey:
        key = await self.keys.revoke(key_id, self.clock.now())
        if key is None:
            raise NotFoundError("No such API key.")
        await self.uow.commit()
        return key


@dataclass(frozen=True, slots=True)
class ListProjectsQuery:
    client_id: ClientId
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListProjects:
    """A client's projects, newest first, keyset-paginated. Unknown client → NOT_FOUND."""

    clients: Clients
    projects: Projects

    async def __call__(self, query: ListProjectsQuery) -> Page[Project]:
        await load_client(self.clients, query.client_id)
        rows = await self.projects.list(query.client_id, query.page)
        return paginate(rows, query.page.limit)


@dataclass(frozen=True, slots=True)
class ListApiKeysQuery:
    client_id: ClientId
    include_revoked: bool
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListApiKeys:
    """A client's API keys (never the key itself), newest first, keyset-paginated; revoked
    keys only with ``include_revoked``. ``last_used_at`` is the start of the newest one-minute
    window in which the key made a request. Unknown client → NOT_FOUND."""

    clients: Clients
    keys: ApiKeys

    async def __call__(self, query: ListApiKeysQuery) -> Page[ApiKey]:
        await load_client(self.clients, query.client_id)
        rows = await self.keys.list(query.client_id, query.include_revoked, query.page)
        return paginate(rows, query.page.limit)
