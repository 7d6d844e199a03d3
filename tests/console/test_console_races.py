"""Console rules under concurrency, on both stores: the last owner, a taken email, the audit
pages; and (Postgres) the login throttle shared by two processes' worth of connections."""

from __future__ import annotations

import asyncio

import pytest

from tests.console.conftest import PASSWORD, person
from tests.harness import World
from zenhire.domain.console.model import Role
from zenhire.domain.console.use_cases.audit import ListAudit, ListAuditQuery
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.domain.console.use_cases.login import Login, LoginCommand
from zenhire.domain.console.use_cases.users import ChangeUser, ChangeUserCommand, ListUsers
from zenhire.domain.errors import (
    ConflictError,
    LastOwnerError,
    LoginFailedError,
    LoginThrottledError,
)
from zenhire.domain.pagination import PageRequest


async def test_two_owners_demoting_each_other_leave_one_owner(world: World) -> None:
    """Four clients, each with two owners demoting each other at the same moment: in each,
    exactly one demotion wins (the owners are locked while counted)."""
    pairs = []
    for n in range(4):
        tenant = await world.tenant()
        pairs.append(
            (
                await person(world, tenant, f"a{n}@race.example"),
                await person(world, tenant, f"b{n}@race.example"),
            )
        )
    results = await asyncio.gather(
        *(
            world.run(
                ChangeUser,
                ChangeUserCommand(actor=x.actor, user_id=y.actor.user_id, role=Role.ADMIN),
            )
            for a, b in pairs
            for x, y in ((a, b), (b, a))
        ),
        return_exceptions=True,
    )
    for n, (a, b) in enumerate(pairs):
        pair = results[2 * n : 2 * n + 2]
        assert sorted(type(r).__name__ for r in pair) == ["LastOwnerError", "NoneType"], pair
        survivor = a if pair[0] is None else b
        users = await world.run(ListUsers, survivor.actor)
        assert [u.role for u in users].count(Role.OWNER) == 1
    assert sum(isinstance(r, LastOwnerError) for r in results) == 4


async def test_one_email_invited_twice_at_once_makes_one_user(world: World) -> None:
    first, second = await world.tenant(), await world.tenant()
    results = await asyncio.gather(
        *(
            world.run(
                InviteUser,
                InviteUserCommand(
                    client_id=t.client_id,
                    email="same@race.example",
                    role=Role.OWNER,
                    actor="operator",
                ),
            )
            for t in (first, second)
        ),
        return_exceptions=True,
    )
    assert sum(isinstance(r, ConflictError) for r in results) == 1
    assert sum(not isinstance(r, BaseException) for r in results) == 1


async def test_audit_pages_follow_each_other(world: World) -> None:
    tenant = await world.tenant()
    owner = await person(world, tenant, "pages@race.example")
    for _ in range(4):
        world.clock.advance(1)
        await world.run(Login, LoginCommand(email="pages@race.example", password=PASSWORD))
    seen: list[object] = []
    cursor = None
    while True:
        page = await world.run(ListAudit, ListAuditQuery(owner.actor, PageRequest.of(2, cursor)))
        seen.extend(e.id for e in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7  # invited, accepted, 5 logins


@pytest.mark.postgres
async def test_login_throttle_is_shared_by_processes(pg_url: str) -> None:
    """Two worlds on one database stand for two server processes: failures made through
    either count toward the same email's allowance."""
    from tests.contract.conftest import truncate

    await truncate(pg_url)
    one, two = World(database_url=pg_url), World(database_url=pg_url)
    try:
        tenant = await one.tenant()
        await person(one, tenant, "shared@race.example")
        for n in range(5):
            with pytest.raises(LoginFailedError):
                await (one if n % 2 else two).run(
                    Login, LoginCommand(email="shared@race.example", password="wrong password!")
                )
        for world in (one, two):
            with pytest.raises(LoginThrottledError):
                await world.run(Login, LoginCommand(email="shared@race.example", password=PASSWORD))
    finally:
        await one.close()
        await two.close()


@pytest.mark.postgres
async def test_only_digests_and_argon2_hashes_are_stored(pg_url: str) -> None:
    """The session id, the invite token and the password never reach the database as such."""
    import hashlib

    import asyncpg

    from tests.contract.conftest import truncate

    await truncate(pg_url)
    world = World(database_url=pg_url)
    try:
        tenant = await world.tenant()
        signed = (await person(world, tenant, "rest@race.example")).signed_in
        pending = await world.run(
            InviteUser,
            InviteUserCommand(
                client_id=tenant.client_id,
                email="later@race.example",
                role=Role.VIEWER,
                actor="operator",
            ),
        )
    finally:
        await world.close()
    conn = await asyncpg.connect(pg_url)
    try:
        rows: list[str] = []
        for table in ("console_users", "console_sessions", "console_invites", "console_audit"):
            rows += [str(tuple(r)) for r in await conn.fetch(f"SELECT * FROM {table}")]  # noqa: S608
        dump = " ".join(rows)
        digests = {r[0] for r in await conn.fetch("SELECT digest FROM console_sessions")}
        invites = {r[0] for r in await conn.fetch("SELECT digest FROM console_invites")}
        hashes = [r[0] for r in await conn.fetch("SELECT password_hash FROM console_users")]
    finally:
        await conn.close()
    for secret in (signed.session_id, pending.token, PASSWORD):
        assert secret not in dump
    assert digests == {hashlib.sha256(signed.session_id.encode()).digest()}
    assert invites == {hashlib.sha256(pending.token.encode()).digest()}
    assert sorted(h is None or h.startswith("$argon2id$") for h in hashes) == [True, True]
