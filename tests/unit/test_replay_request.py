"""ReplayRequest: what a request repeated with an ``Idempotency-Key`` answers, decided in the
domain (api.md §10.1); the HTTP layer only keeps the key's lease and renders the answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

import pytest

from tests.harness import World, token_of
from zenhire.domain import errors
from zenhire.domain.model.idempotency import IdempotencyRecord, IdempotencyScope
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.links import IssuedLink
from zenhire.domain.use_cases.replay_request import (
    ReplayRequest,
    ReplayRequestCommand,
    StoredAnswer,
)
from zenhire.domain.use_cases.verify_token import Admitted, VerifyToken, VerifyTokenCommand

LINK_TTL: Final = 604_800  # the default
SCOPE: Final = IdempotencyScope("client:test")


def record(
    world: World, *, session_id: SessionId | None = None, running: bool = False
) -> IdempotencyRecord:
    body = None if session_id else b'{"ok":true}'
    status = None if running else 201
    return IdempotencyRecord(
        SCOPE, "k1", "f1", running, status, body, session_id, world.clock.now()
    )


def replay(held: IdempotencyRecord, fingerprint: str = "f1", *, link: bool = True) -> object:
    return ReplayRequestCommand(record=held, fingerprint=fingerprint, issues_link=link)


class TestReplayRequest:
    async def test_another_body_is_a_mismatch_even_while_the_first_runs(self, world: World) -> None:
        with pytest.raises(errors.IdempotencyKeyMismatchError):
            await world.run(ReplayRequest, replay(record(world, running=True), "f2"))

    async def test_a_repeat_while_the_first_runs_is_in_progress(self, world: World) -> None:
        with pytest.raises(errors.IdempotencyInProgressError):
            await world.run(ReplayRequest, replay(record(world, running=True)))

    async def test_a_stored_answer_comes_back_as_it_was(self, world: World) -> None:
        answer = await world.run(ReplayRequest, replay(record(world), link=False))
        assert answer == StoredAnswer(201, b'{"ok":true}')

    async def test_a_link_replay_mints_a_fresh_link_and_the_old_one_dies(
        self, world: World
    ) -> None:
        issued = await world.start(await world.tenant())
        world.clock.advance(60)
        again = await world.run(ReplayRequest, replay(record(world, session_id=issued.session.id)))
        assert isinstance(again, IssuedLink)
        assert again.session.id == issued.session.id
        assert token_of(again) != token_of(issued)
        stored = world.store.sessions[issued.session.id]
        assert stored.expires_at == world.clock.now() + timedelta(seconds=LINK_TTL)
        with pytest.raises(errors.InvalidTokenError):
            await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        admitted = await world.run(VerifyToken, VerifyTokenCommand(token_of(again)))
        assert isinstance(admitted, Admitted)

    async def test_a_link_replay_after_the_session_moved_on_names_it(self, world: World) -> None:
        issued = await world.start(await world.tenant())
        await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        with pytest.raises(errors.IdempotencyKeyUsedError) as refused:
            await world.run(ReplayRequest, replay(record(world, session_id=issued.session.id)))
        assert refused.value.details == {"session_id": str(issued.session.id)}
        assert world.store.sessions[issued.session.id].token_digest == issued.session.token_digest
