"""An admission decided on an unlocked read lands only on the state it read (PostgreSQL).

``WaitingLine.read`` takes no lock; the writes that follow go with the statement that takes
the client row, which fails (``AdmissionStateChangedError``, nothing written) when another
admission or hold-off committed in between — and not when a charge did, or a session merely
ended (the count erred on the side of the cap).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from uuid import uuid4

import asyncpg
import pytest

from tests.contract import builders
from tests.contract.units import Unit, seed, unit
from tests.harness import World
from zenhire.domain.errors import AdmissionStateChangedError
from zenhire.domain.model.admission import Waiter
from zenhire.domain.model.clients import Client
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.ports import Credits, Sessions, WaitingLine

pytestmark = pytest.mark.postgres
MINIMUM = 1  # credits a session needs to be admitted


async def two_sessions(world: World) -> tuple[Client, Session, Session]:
    now = world.clock.now()
    client = builders.client(now, max_concurrent_interviews=2)
    persona = builders.persona(client.id, now)
    first, second = (builders.session(client.id, persona.id, now) for _ in range(2))
    await seed(world, client, persona, first, second)
    await grant(world, client, 5)
    return client, first, second


async def hold_off(u: Unit, client: Client, session: Session) -> None:
    """What a hold-off writes after reading the line: the waiter."""
    now = session.created_at
    await (await u.get(WaitingLine)).upsert(Waiter(client.id, session.id, now, now))


async def waiters(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM waiters"))
    finally:
        await connection.close()


async def test_a_decision_on_a_read_another_admission_changed_writes_nothing(
    pg_world: World, pg_url: str
) -> None:
    client, first, second = await two_sessions(pg_world)
    async with unit(pg_world) as late:
        assert await (await late.get(WaitingLine)).read(client.id, MINIMUM) is not None
        async with unit(pg_world) as early:
            assert await (await early.get(WaitingLine)).read(client.id, MINIMUM) is not None
            await hold_off(early, client, first)
            await early.commit()
        await hold_off(late, client, second)
        with pytest.raises(AdmissionStateChangedError):
            await late.commit()
        await late.rollback()
    assert await waiters(pg_url) == 1
    async with unit(pg_world) as again:  # decided again on a fresh read, it lands
        state = await (await again.get(WaitingLine)).read(client.id, MINIMUM)
        assert state is not None
        assert [w.session_id for w in state.waiters] == [first.id]
        await hold_off(again, client, second)
        await again.commit()
    assert await waiters(pg_url) == 2


async def grant(world: World, client: Client, amount: int) -> None:
    async with unit(world) as u:
        await (await u.get(Credits)).post(
            entry_id=uuid4(),
            client_id=client.id,
            kind=LedgerKind.GRANT if amount > 0 else LedgerKind.ADJUSTMENT,
            amount=amount,
            session_id=None,
            reason=None if amount > 0 else "fix",
            now=world.clock.now(),
        )
        await u.commit()


async def test_a_charge_leaving_the_minimum_does_not_fail_the_decision(
    pg_world: World, pg_url: str
) -> None:
    """The admission neither writes what such a charge reads nor reads anything it changes:
    landing after it is landing just before it."""
    client, first, _ = await two_sessions(pg_world)
    async with unit(pg_world) as u:
        await (await u.get(WaitingLine)).read(client.id, MINIMUM)
        await grant(pg_world, client, -4)  # 5 → 1: still the minimum
        await hold_off(u, client, first)
        await u.commit()
    assert await waiters(pg_url) == 1


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE clients SET active = false WHERE id = $1",
        "UPDATE clients SET max_concurrent_interviews = 1 WHERE id = $1",
        "UPDATE clients SET permissions = '{}' WHERE id = $1",
        None,  # an adjustment of -5: the balance below the minimum
    ],
)
async def test_a_change_acknowledged_in_between_fails_the_decision(
    pg_world: World, pg_url: str, change: str | None
) -> None:
    """An admission never lands after a deactivation, a lower cap, a lost permission or a
    balance below the minimum was committed (and answered): it decides again and sees it."""
    client, first, _ = await two_sessions(pg_world)
    async with unit(pg_world) as u:
        assert await (await u.get(WaitingLine)).read(client.id, MINIMUM) is not None
        if change is None:
            await grant(pg_world, client, -5)
        else:
            connection = await asyncpg.connect(pg_url)
            try:
                await connection.execute(change, client.id)
            finally:
                await connection.close()
        await hold_off(u, client, first)
        with pytest.raises(AdmissionStateChangedError):
            await u.commit()
    assert await waiters(pg_url) == 0


async def test_a_session_ending_in_between_does_not(pg_world: World, pg_url: str) -> None:
    now = pg_world.clock.now()
    client, first, second = await two_sessions(pg_world)
    async with unit(pg_world) as u:
        sessions = await u.get(Sessions)
        live = replace(first, status=SessionStatus.ACTIVE, deadline_at=now)
        await sessions.save(live)
        await u.commit()
    async with unit(pg_world) as u:
        state = await (await u.get(WaitingLine)).read(client.id, MINIMUM)
        assert state is not None
        assert state.live == 1
        async with unit(pg_world) as ending:
            ended = replace(live, status=SessionStatus.COMPLETED, ended_at=now)
            await (await ending.get(Sessions)).save(ended)
            await ending.commit()
        await hold_off(u, client, second)
        await u.commit()
    assert await waiters(pg_url) == 1


async def test_a_decision_does_not_wait_for_an_admission_holding_the_row(
    pg_world: World, pg_url: str
) -> None:
    """Whatever the holder then does, the decision fails at once (it would lose to a holder
    that commits, and a wait behind a slow one is what costs its neighbours); decided again
    once the holder is gone, it lands."""
    client, first, second = await two_sessions(pg_world)
    async with unit(pg_world) as reader:
        assert await (await reader.get(WaitingLine)).read(client.id, MINIMUM) is not None
        async with unit(pg_world) as locker:
            assert await (await locker.get(WaitingLine)).lock(client.id) is not None
            await hold_off(locker, client, first)
            await hold_off(reader, client, second)
            with pytest.raises(AdmissionStateChangedError):
                await asyncio.wait_for(reader.commit(), timeout=1.0)
            await reader.rollback()
            await locker.rollback()
    assert await waiters(pg_url) == 0
    async with unit(pg_world) as again:
        assert await (await again.get(WaitingLine)).read(client.id, MINIMUM) is not None
        await hold_off(again, client, second)
        await again.commit()
    assert await waiters(pg_url) == 1
