"""Console fixtures: a world over each store (the contract suite's), and people in it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.contract import conftest as contract
from tests.harness import Tenant, World
from zenhire.domain.console.actor import Actor
from zenhire.domain.console.model import Role
from zenhire.domain.console.use_cases.accept_invite import AcceptInvite, AcceptInviteCommand
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.domain.console.use_cases.login import Login, LoginCommand, SignedIn

PASSWORD = "correct horse battery"


@dataclass
class Person:
    email: str
    signed_in: SignedIn = field(repr=False)

    @property
    def actor(self) -> Actor:
        return self.signed_in.actor


async def person(
    world: World, tenant: Tenant, email: str, role: Role = Role.OWNER, password: str = PASSWORD
) -> Person:
    """Invite, accept and sign in one person of the tenant."""
    issued = await world.run(
        InviteUser,
        InviteUserCommand(client_id=tenant.client_id, email=email, role=role, actor="operator"),
    )
    await world.run(AcceptInvite, AcceptInviteCommand(token=issued.token, password=password))
    signed = await world.run(Login, LoginCommand(email=email, password=password, ip="192.0.2.1"))
    return Person(email, signed)


# The contract suite's fixtures: every console test runs on memory and on Postgres.
store_settings = contract.store_settings
store_world = contract.store_world


@pytest.fixture
def world(store_world: World) -> World:  # the fixture, taken over above
    return store_world
