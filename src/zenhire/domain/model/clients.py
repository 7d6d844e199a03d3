"""Clients (tenants), their projects and API keys."""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from zenhire.domain.errors.auth import ClientInactiveError, MissingPermissionError
from zenhire.domain.errors.base import FieldProblem, InvalidInputError, invalid
from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId

INTERVIEW_PERMISSION: Final = "interview"
KNOWN_PERMISSIONS: Final = frozenset({INTERVIEW_PERMISSION})
DEFAULT_RATE_LIMIT_PER_MINUTE: Final = 500


@dataclass(slots=True)
class Client:
    """A tenant. ``balance`` is a cache of the ledger sum, kept equal by the credits port."""

    id: ClientId
    name: str
    active: bool
    permissions: tuple[str, ...]
    max_concurrent_interviews: int
    created_at: datetime
    balance: int = 0

    def has_permission(self, permission: str) -> bool:
        return permission in self.permissions

    def ensure_may_interview(self) -> None:
        """A candidate of this client may be admitted: CLIENT_INACTIVE when deactivated,
        MISSING_PERMISSION without the ``interview`` permission."""
        if not self.active:
            raise ClientInactiveError()
        if not self.has_permission(INTERVIEW_PERMISSION):
            raise MissingPermissionError()


def checked_permissions(permissions: Sequence[str]) -> tuple[str, ...]:
    """Only permissions the platform knows (else INVALID_INPUT); duplicates folded, order kept."""
    unknown = [p for p in permissions if p not in KNOWN_PERMISSIONS]
    if unknown:
        raise invalid("permissions", f"unknown permission(s): {', '.join(sorted(unknown))}")
    return tuple(dict.fromkeys(permissions))


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientChanges:
    """The client fields an operator changes; ``None`` leaves a field as it is stored."""

    name: str | None = None
    max_concurrent_interviews: int | None = None
    permissions: tuple[str, ...] | None = None
    active: bool | None = None

    def sent(self) -> dict[str, Any]:
        """The fields to write, by name."""
        return {
            f.name: value
            for f in dataclasses.fields(self)
            if (value := getattr(self, f.name)) is not None
        }

    def apply(self, client: Client) -> Client:
        return dataclasses.replace(client, **self.sent())


@dataclass(frozen=True, slots=True)
class ClientView:
    """A client as the operator sees it: with its balance and live interview count."""

    client: Client
    live_interviews: int


@dataclass(frozen=True, slots=True)
class Project:
    id: ProjectId
    client_id: ClientId
    name: str
    created_at: datetime


def checked_cidrs(values: Sequence[str]) -> tuple[str, ...]:
    """A key's allow-list, normalised (a bare address is a /32 or /128); INVALID_INPUT naming
    every entry that is not an address or CIDR."""
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


@dataclass(slots=True)
class ApiKey:
    """An integrator credential. Only ``digest`` (SHA-256 of the raw key) is ever stored."""

    id: ApiKeyId
    client_id: ClientId
    project_id: ProjectId | None
    digest: bytes
    prefix: str
    name: str | None
    expires_at: datetime | None
    allowed_ips: tuple[str, ...]
    rate_limit_per_minute: int
    created_at: datetime
    revoked_at: datetime | None = None
    # Start of the newest one-minute rate window in which the key made a request.
    last_used_at: datetime | None = None
    _networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._networks = tuple(ipaddress.ip_network(c, strict=False) for c in self.allowed_ips)

    def is_expired(self, now: datetime) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def allows_ip(self, ip: str | None) -> bool:
        """True without an allow-list; with one, only for a parseable address inside it."""
        if not self._networks:
            return True
        if ip is None:
            return False
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return any(address in network for network in self._networks)


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling an integrator endpoint: the key, its client and the key's project."""

    client: Client
    key: ApiKey

    @property
    def client_id(self) -> ClientId:
        return self.client.id

    @property
    def project_id(self) -> ProjectId | None:
        return self.key.project_id
