"""Authenticate an integrator's API key, throttling callers that keep guessing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from zenhire.domain.errors.auth import (
    ApiKeyExpiredError,
    ClientInactiveError,
    InvalidApiKeyError,
    IpNotAllowedError,
    MissingApiKeyError,
    MissingPermissionError,
)
from zenhire.domain.model.clients import Principal
from zenhire.domain.ports.api_keys import ApiKeys
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.tokens import Tokens
from zenhire.domain.use_cases.check_failed_auth import CheckFailedAuth
from zenhire.domain.use_cases.count_failed_auth import CountFailedAuth

API_KEY_PREFIX: Final = "zh_api_"
_MAX_KEY_LENGTH: Final = 256


@dataclass(frozen=True, slots=True)
class AuthenticateCommand:
    raw_key: str | None
    caller_ip: str | None
    permission: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Authenticate:
    """Resolve an API key to its client, failing in the contract's order (api.md §3, §10.2).

    A caller with too many failed attempts → TOO_MANY_FAILED_ATTEMPTS, before the key is
    looked at; missing → MISSING_API_KEY; unknown, malformed or revoked → INVALID_API_KEY (one
    answer, after the same work: one digest and one store lookup on every path); past expiry
    → API_KEY_EXPIRED; client deactivated → CLIENT_INACTIVE; caller outside the key's
    allow-list → IP_NOT_ALLOWED; client without the required permission → MISSING_PERMISSION.
    Only a presented key that is not authentic (INVALID_API_KEY, API_KEY_EXPIRED) counts as a
    failed attempt: a missing key guesses nothing, and neither does a genuine key refused by
    policy (inactive client, address, permission).
    """

    keys: ApiKeys
    tokens: Tokens
    clock: Clock
    check_attempts: CheckFailedAuth
    count_attempt: CountFailedAuth

    async def __call__(self, command: AuthenticateCommand) -> Principal:
        await self.check_attempts(command.caller_ip)
        raw = command.raw_key
        if not raw:
            raise MissingApiKeyError()
        well_formed = raw.startswith(API_KEY_PREFIX) and len(raw) <= _MAX_KEY_LENGTH
        # One digest (of a bounded length) and one lookup for every presented key, malformed,
        # unknown, revoked or valid: the failing paths give one answer after the same work, so
        # neither the body nor the time taken tells them apart. The store answers unknown and
        # revoked alike (None); a malformed key cannot match, and its answer is ignored anyway.
        found = await self.keys.find_by_digest(self.tokens.digest(raw[: _MAX_KEY_LENGTH + 1]))
        if found is None or not well_formed:
            await self.count_attempt(command.caller_ip)
            raise InvalidApiKeyError()
        key, client = found
        if key.is_expired(self.clock.now()):
            await self.count_attempt(command.caller_ip)
            raise ApiKeyExpiredError()
        if not client.active:
            raise ClientInactiveError()
        if not key.allows_ip(command.caller_ip):
            raise IpNotAllowedError()
        if command.permission is not None and not client.has_permission(command.permission):
            raise MissingPermissionError()
        return Principal(client=client, key=key)
