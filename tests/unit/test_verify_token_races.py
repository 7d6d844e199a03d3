"""VerifyToken decides again when its unlocked read lost a race, and under the lock at last."""

from __future__ import annotations

import dataclasses
from typing import Any

from tests.harness import World, token_of
from zenhire.domain.errors import AdmissionStateChangedError
from zenhire.domain.model.admission import LineState
from zenhire.domain.model.events import EventType
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import UnitOfWork, WaitingLine
from zenhire.domain.use_cases.verify_token import (
    UNLOCKED_TRIES,
    Admitted,
    VerifyToken,
    VerifyTokenCommand,
)


@dataclasses.dataclass
class Racing:
    """The store's line and unit of work, where the commit after each of the first ``races``
    unlocked reads fails as a store reports a changed state: nothing is written."""

    line: WaitingLine
    uow: UnitOfWork
    races: int
    calls: list[str] = dataclasses.field(default_factory=list)
    _raced: bool = False

    async def read(self, client_id: ClientId, minimum_credits: int) -> LineState | None:
        self.calls.append("read")
        self._raced = self.races > 0
        self.races -= 1
        return await self.line.read(client_id, minimum_credits)

    async def lock(self, client_id: ClientId) -> LineState | None:
        self.calls.append("lock")
        return await self.line.lock(client_id)

    async def commit(self) -> None:
        if self._raced:
            self._raced = False
            await self.uow.rollback()
            raise AdmissionStateChangedError
        await self.uow.commit()

    def holds_work(self) -> bool:
        return self.uow.holds_work()

    def __getattr__(self, name: str) -> Any:  # the rest of both ports, as they are
        return getattr(self.line, name) if hasattr(self.line, name) else getattr(self.uow, name)


async def verify_racing(world: World, races: int) -> tuple[Admitted, list[str]]:
    tenant = await world.tenant(cap=1)
    token = token_of(await world.start(tenant))
    async with world.container() as scope:
        use_case = await scope.get(VerifyToken)
        racing = Racing(use_case.line, use_case.uow, races)
        racy = dataclasses.replace(use_case, line=racing, uow=racing)  # type: ignore[arg-type]
        outcome = await racy(VerifyTokenCommand(token))
    assert isinstance(outcome, Admitted)
    return outcome, racing.calls


async def test_a_lost_race_is_decided_again_on_a_fresh_read(world: World) -> None:
    outcome, calls = await verify_racing(world, races=UNLOCKED_TRIES - 1)
    assert calls == ["read"] * UNLOCKED_TRIES
    assert outcome.reconnect is False
    assert world.store.sessions[outcome.session.id].status is SessionStatus.ACTIVE


async def test_after_every_unlocked_try_lost_the_admission_waits_for_the_lock(
    world: World,
) -> None:
    outcome, calls = await verify_racing(world, races=UNLOCKED_TRIES)
    assert calls == ["read"] * UNLOCKED_TRIES + ["lock"]
    session = world.store.sessions[outcome.session.id]
    assert session.status is SessionStatus.ACTIVE
    events = [e.type for e in world.store.events[session.id]]
    assert events.count(EventType.ADMITTED) == 1  # the lost tries wrote nothing
