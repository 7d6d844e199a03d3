"""ReInvite: allowed only for failed sessions; the old link dies."""

from __future__ import annotations

import pytest

from tests.harness import World, token_of
from zenhire.domain import errors
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.personas import ArchivePersona, PersonaRef
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.domain.use_cases.verify_token import Admitted, VerifyToken, VerifyTokenCommand


class TestReInvite:
    async def test_expired_link_gets_a_fresh_one(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.start(tenant)
        old = token_of(issued)
        world.clock.advance(604_800)
        await world.run(CloseExpired)
        again = await world.run(
            ReInvite, ReInviteCommand(session_id=issued.session.id, client_id=tenant.client_id)
        )
        s = world.store.sessions[issued.session.id]
        assert again.session.id == issued.session.id
        assert (s.status, s.invite_count, s.error_code) == (SessionStatus.INITIATED, 2, None)
        assert s.started_at is s.deadline_at is s.ended_at is s.duration_sec is None
        event = world.store.events[s.id][-1]
        assert event.type is EventType.REINVITED
        assert event.data["previous_error_code"] == "LINK_EXPIRED"
        with pytest.raises(errors.InvalidTokenError):
            await world.run(VerifyToken, VerifyTokenCommand(old))
        assert isinstance(
            await world.run(VerifyToken, VerifyTokenCommand(token_of(again))), Admitted
        )

    @pytest.mark.parametrize(
        ("state", "error"),
        [
            ("initiated", errors.SessionNotEndedError),
            ("active", errors.SessionActiveError),
            ("completed", errors.SessionCompletedError),
        ],
    )
    async def test_refused_unless_failed(
        self, world: World, state: str, error: type[Exception]
    ) -> None:
        tenant = await world.tenant()
        issued = await world.start(tenant)
        if state != "initiated":
            await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        if state == "completed":
            await world.run(
                CompleteSession,
                CompleteSessionCommand(
                    session_id=issued.session.id,
                    status=SessionStatus.COMPLETED,
                    delivery_id="d",
                    duration_sec=5,
                ),
            )
        with pytest.raises(error):
            await world.run(
                ReInvite, ReInviteCommand(session_id=issued.session.id, client_id=tenant.client_id)
            )

    async def test_foreign_session_forbidden_archived_persona_refused(self, world: World) -> None:
        tenant = await world.tenant()
        other = await world.tenant()
        issued = await world.start(tenant)
        world.clock.advance(604_800)
        await world.run(CloseExpired)
        with pytest.raises(errors.ResourceForbiddenError):
            await world.run(
                ReInvite, ReInviteCommand(session_id=issued.session.id, client_id=other.client_id)
            )
        await world.run(ArchivePersona, PersonaRef(tenant.client_id, tenant.persona_id))
        with pytest.raises(errors.PersonaArchivedError):
            await world.run(ReInvite, ReInviteCommand(session_id=issued.session.id, client_id=None))
