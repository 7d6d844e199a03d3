"""The overview's figures and the key changes people make on their own keys."""

from __future__ import annotations

import pytest

from tests.console.conftest import person
from tests.harness import World
from zenhire.domain.console.model import Role
from zenhire.domain.console.use_cases.keys import RevokeOwnKey
from zenhire.domain.console.use_cases.overview import CHART_DAYS, Overview
from zenhire.domain.console.use_cases.rotate_key import RotateOwnKey
from zenhire.domain.errors import InvalidApiKeyError, NotFoundError
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand


async def test_overview_counts_the_last_30_days(world: World) -> None:
    tenant = await world.tenant(credits=50, cap=3)
    owner = await person(world, tenant, "ov@example.com")
    world.clock.advance(days=-40)
    await world.start(tenant)  # outside the chart
    world.clock.advance(days=40)
    await world.start(tenant)
    await world.start(tenant)
    result = await world.run(Overview, owner.actor)
    assert len(result.days) == CHART_DAYS
    assert result.days[-1].day == world.clock.now().date()
    assert sum(d.created for d in result.days) == 2
    assert result.days[-1].created == 2
    assert (result.balance, result.cap, result.live, result.waiting) == (50, 3, 0, 0)
    assert not result.below_minimum


async def test_rotate_makes_a_new_key_with_the_same_settings(world: World) -> None:
    tenant = await world.tenant()
    admin = await person(world, tenant, "rot@example.com", Role.ADMIN)
    old = await world.run(
        CreateApiKey,
        CreateApiKeyCommand(
            client_id=tenant.client_id,
            name="ci",
            allowed_ips=["10.0.0.0/8"],
            rate_limit_per_minute=42,
        ),
    )
    new = await world.run(RotateOwnKey, admin.actor, old.key.id)
    assert (new.key.name, new.key.allowed_ips, new.key.rate_limit_per_minute) == (
        "ci",
        ("10.0.0.0/8",),
        42,
    )
    assert new.raw != old.raw
    with pytest.raises(InvalidApiKeyError):
        await world.run(
            Authenticate, AuthenticateCommand(raw_key=old.raw, caller_ip=None, permission=None)
        )
    with pytest.raises(NotFoundError):  # a revoked key is not rotated again
        await world.run(RotateOwnKey, admin.actor, old.key.id)


async def test_revoke_and_rotate_only_own_keys(world: World) -> None:
    mine = await world.tenant()
    theirs = await world.tenant()
    admin = await person(world, mine, "own@example.com", Role.ADMIN)
    other = await world.run(CreateApiKey, CreateApiKeyCommand(client_id=theirs.client_id))
    for use_case in (RevokeOwnKey, RotateOwnKey):
        with pytest.raises(NotFoundError):
            await world.run(use_case, admin.actor, other.key.id)
    key = await world.run(CreateApiKey, CreateApiKeyCommand(client_id=mine.client_id))
    revoked = await world.run(RevokeOwnKey, admin.actor, key.key.id)
    assert revoked.revoked_at is not None
