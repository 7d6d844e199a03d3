"""API-key authentication: order of failures, revocation, expiry, IP allow-list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.harness import World
from zenhire.domain import errors
from zenhire.domain.use_cases.admin_clients import UpdateClient, UpdateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand, RevokeApiKey
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand


async def auth(
    world: World, key: str | None, ip: str | None = "10.0.0.1", permission: str | None = "interview"
) -> object:
    return await world.run(Authenticate, AuthenticateCommand(key, ip, permission))


class TestAuthenticate:
    async def test_valid_key(self, world: World) -> None:
        tenant = await world.tenant()
        principal = await auth(world, tenant.api_key)
        assert principal.client_id == tenant.client_id  # type: ignore[attr-defined]

    @pytest.mark.parametrize(
        ("key", "error"),
        [
            (None, errors.MissingApiKeyError),
            ("", errors.MissingApiKeyError),
            ("zh_api_unknown", errors.InvalidApiKeyError),
            ("bogus", errors.InvalidApiKeyError),
        ],
    )
    async def test_missing_or_unknown(
        self, world: World, key: str | None, error: type[Exception]
    ) -> None:
        with pytest.raises(error):
            await auth(world, key)

    async def test_revoked_key_is_invalid(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.run(CreateApiKey, CreateApiKeyCommand(client_id=tenant.client_id))
        await world.run(RevokeApiKey, issued.key.id)
        again = await world.run(RevokeApiKey, issued.key.id)  # idempotent
        assert again.revoked_at == world.clock.now()
        with pytest.raises(errors.InvalidApiKeyError):
            await auth(world, issued.raw)

    async def test_expired_key(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.run(
            CreateApiKey,
            CreateApiKeyCommand(
                client_id=tenant.client_id, expires_at=world.clock.now() + timedelta(seconds=10)
            ),
        )
        world.clock.advance(9)
        await auth(world, issued.raw)
        world.clock.advance(1)
        with pytest.raises(errors.ApiKeyExpiredError):
            await auth(world, issued.raw)

    async def test_inactive_client_before_ip_check(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.run(
            CreateApiKey,
            CreateApiKeyCommand(client_id=tenant.client_id, allowed_ips=["192.168.0.0/24"]),
        )
        await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=False))
        with pytest.raises(errors.ClientInactiveError):
            await auth(world, issued.raw, ip="10.0.0.1")

    @pytest.mark.parametrize(
        ("ip", "ok"),
        [
            ("192.168.0.7", True),
            ("192.168.1.7", False),
            ("2001:db8::1", True),
            (None, False),
            ("not-an-ip", False),
        ],
    )
    async def test_ip_allow_list(self, world: World, ip: str | None, ok: bool) -> None:
        tenant = await world.tenant()
        issued = await world.run(
            CreateApiKey,
            CreateApiKeyCommand(
                client_id=tenant.client_id, allowed_ips=["192.168.0.0/24", "2001:db8::/32"]
            ),
        )
        if ok:
            await auth(world, issued.raw, ip=ip)
        else:
            with pytest.raises(errors.IpNotAllowedError):
                await auth(world, issued.raw, ip=ip)

    async def test_missing_permission_only_when_required(self, world: World) -> None:
        tenant = await world.tenant(permissions=[])
        with pytest.raises(errors.MissingPermissionError):
            await auth(world, tenant.api_key)
        await auth(world, tenant.api_key, permission=None)

    async def test_bad_cidr_refused_at_creation(self, world: World) -> None:
        tenant = await world.tenant()
        with pytest.raises(errors.InvalidInputError):
            await world.run(
                CreateApiKey,
                CreateApiKeyCommand(client_id=tenant.client_id, allowed_ips=["10.0.0.0/33"]),
            )


class TestFailedAttempts:
    """Which refusals count as a guess is the use case's rule, not the HTTP guard's."""

    async def test_only_keys_that_are_not_authentic_count(self) -> None:
        world = World(failed_auth_limit_per_minute=2)
        tenant = await world.tenant()
        await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=False))
        for _ in range(3):  # guess nothing: no key, a genuine key refused by policy
            with pytest.raises(errors.MissingApiKeyError):
                await auth(world, None)
            with pytest.raises(errors.ClientInactiveError):
                await auth(world, tenant.api_key)
        for _ in range(2):
            with pytest.raises(errors.InvalidApiKeyError):
                await auth(world, "zh_api_guess")
        with pytest.raises(errors.TooManyFailedAttemptsError):
            await auth(world, tenant.api_key)  # refused before the key is looked at
        with pytest.raises(errors.ClientInactiveError):
            await auth(world, tenant.api_key, ip="10.0.0.2")  # counted per caller
        await world.close()
