"""Console people, invites, sign-in and sessions, on both stores (console.md)."""

from __future__ import annotations

import pytest

from tests.console.conftest import PASSWORD, person
from tests.harness import World
from zenhire.domain.console.model import AuditAction, Role
from zenhire.domain.console.use_cases.accept_invite import AcceptInvite, AcceptInviteCommand
from zenhire.domain.console.use_cases.audit import ListAudit, ListAuditQuery, RecordChange
from zenhire.domain.console.use_cases.change_password import ChangePassword, ChangePasswordCommand
from zenhire.domain.console.use_cases.invites import InviteUser, InviteUserCommand
from zenhire.domain.console.use_cases.login import Login, LoginCommand, Logout
from zenhire.domain.console.use_cases.resolve_session import ResolveSession
from zenhire.domain.console.use_cases.users import ChangeUser, ChangeUserCommand, ListUsers
from zenhire.domain.errors import ConflictError, InvalidInputError, NotFoundError
from zenhire.domain.errors.console import (
    InviteInvalidError,
    LastOwnerError,
    LoginFailedError,
    LoginThrottledError,
    NotSignedInError,
    RoleForbiddenError,
)
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.use_cases.admin_clients import UpdateClient, UpdateClientCommand


async def login(world: World, email: str, password: str = PASSWORD) -> str:
    signed = await world.run(Login, LoginCommand(email=email, password=password))
    return str(signed.session_id)


class TestInvites:
    async def test_invite_accept_and_sign_in(self, world: World) -> None:
        tenant = await world.tenant()
        owner = await person(world, tenant, "Ann@Example.com")
        assert owner.actor.email == "ann@example.com"
        assert owner.actor.role is Role.OWNER
        actor = await world.run(ResolveSession, owner.signed_in.session_id)
        assert actor.user_id == owner.actor.user_id

    async def test_invite_link_works_once(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.run(
            InviteUser,
            InviteUserCommand(
                client_id=tenant.client_id, email="b@example.com", role=Role.ADMIN, actor="x"
            ),
        )
        accept = AcceptInviteCommand(token=issued.token, password=PASSWORD)
        await world.run(AcceptInvite, accept)
        with pytest.raises(InviteInvalidError):
            await world.run(AcceptInvite, accept)

    async def test_invite_expires_after_72_hours(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.run(
            InviteUser,
            InviteUserCommand(
                client_id=tenant.client_id, email="c@example.com", role=Role.ADMIN, actor="x"
            ),
        )
        world.clock.advance(hours=72)
        with pytest.raises(InviteInvalidError):
            await world.run(
                AcceptInvite, AcceptInviteCommand(token=issued.token, password=PASSWORD)
            )
        with pytest.raises(LoginFailedError):
            await login(world, "c@example.com")

    async def test_short_password_refused_and_link_kept(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.run(
            InviteUser,
            InviteUserCommand(
                client_id=tenant.client_id, email="d@example.com", role=Role.ADMIN, actor="x"
            ),
        )
        with pytest.raises(InvalidInputError):
            await world.run(AcceptInvite, AcceptInviteCommand(token=issued.token, password="short"))
        await world.run(AcceptInvite, AcceptInviteCommand(token=issued.token, password=PASSWORD))

    async def test_taken_email_and_unknown_client(self, world: World) -> None:
        tenant = await world.tenant()
        other = await world.tenant()
        await person(world, tenant, "e@example.com")
        with pytest.raises(ConflictError):
            await world.run(
                InviteUser,
                InviteUserCommand(
                    client_id=other.client_id, email="E@example.com", role=Role.OWNER, actor="x"
                ),
            )
        with pytest.raises(InvalidInputError):
            await world.run(
                InviteUser,
                InviteUserCommand(
                    client_id=other.client_id, email="nobody", role=Role.OWNER, actor="x"
                ),
            )
        with pytest.raises(NotFoundError):
            await world.run(
                InviteUser,
                InviteUserCommand(
                    client_id=ClientId(other.persona_id),  # no client has this id
                    email="f@example.com",
                    role=Role.OWNER,
                    actor="x",
                ),
            )


class TestLogin:
    async def test_unknown_email_and_wrong_password_answer_alike(self, world: World) -> None:
        tenant = await world.tenant()
        await person(world, tenant, "g@example.com")
        with pytest.raises(LoginFailedError) as unknown:
            await login(world, "nobody@example.com")
        with pytest.raises(LoginFailedError) as wrong:
            await login(world, "g@example.com", "wrong password!!")
        assert unknown.value.message == wrong.value.message

    async def test_five_failures_lock_the_email_for_the_window(self, world: World) -> None:
        tenant = await world.tenant()
        await person(world, tenant, "h@example.com")
        for _ in range(5):
            with pytest.raises(LoginFailedError):
                await login(world, "h@example.com", "wrong password!!")
        with pytest.raises(LoginThrottledError) as refused:
            await login(world, "h@example.com")  # the right password, refused all the same
        assert 0 < refused.value.retry_after_seconds <= 15 * 60
        world.clock.advance(minutes=15)
        assert await login(world, "h@example.com")

    async def test_four_failures_still_allow(self, world: World) -> None:
        tenant = await world.tenant()
        await person(world, tenant, "i@example.com")
        for _ in range(4):
            with pytest.raises(LoginFailedError):
                await login(world, "i@example.com", "wrong password!!")
        assert await login(world, "i@example.com")

    async def test_deactivated_client_cannot_sign_in(self, world: World) -> None:
        tenant = await world.tenant()
        await person(world, tenant, "j@example.com")
        await world.run(
            UpdateClient,
            UpdateClientCommand(client_id=tenant.client_id, active=False),
        )
        with pytest.raises(LoginFailedError):
            await login(world, "j@example.com")


class TestSessions:
    async def test_idle_timeout_of_12_hours(self, world: World) -> None:
        tenant = await world.tenant()
        raw = (await person(world, tenant, "k@example.com")).signed_in.session_id
        world.clock.advance(hours=11, minutes=59)
        await world.run(ResolveSession, raw)  # a use restarts the idle clock
        world.clock.advance(hours=11, minutes=59)
        await world.run(ResolveSession, raw)
        world.clock.advance(hours=12)
        with pytest.raises(NotSignedInError):
            await world.run(ResolveSession, raw)

    async def test_absolute_timeout_of_7_days(self, world: World) -> None:
        tenant = await world.tenant()
        raw = (await person(world, tenant, "l@example.com")).signed_in.session_id
        for _ in range(15):  # 165 h, never idle for 12
            world.clock.advance(hours=11)
            await world.run(ResolveSession, raw)
        world.clock.advance(hours=3, minutes=1)  # 168 h and a minute: past 7 days
        with pytest.raises(NotSignedInError):
            await world.run(ResolveSession, raw)

    async def test_logout_ends_the_session(self, world: World) -> None:
        tenant = await world.tenant()
        me = await person(world, tenant, "m@example.com")
        await world.run(Logout, me.actor)
        with pytest.raises(NotSignedInError):
            await world.run(ResolveSession, me.signed_in.session_id)

    async def test_password_change_ends_the_other_sessions(self, world: World) -> None:
        tenant = await world.tenant()
        me = await person(world, tenant, "n@example.com")
        other = await login(world, "n@example.com")
        new = "an even better passphrase"
        await world.run(
            ChangePassword, ChangePasswordCommand(actor=me.actor, current=PASSWORD, new=new)
        )
        await world.run(ResolveSession, me.signed_in.session_id)
        with pytest.raises(NotSignedInError):
            await world.run(ResolveSession, other)
        with pytest.raises(LoginFailedError):
            await login(world, "n@example.com")
        assert await login(world, "n@example.com", new)

    async def test_client_deactivation_ends_every_session(self, world: World) -> None:
        tenant = await world.tenant()
        a = await person(world, tenant, "o@example.com")
        b = await person(world, tenant, "p@example.com", Role.VIEWER)
        await world.run(
            UpdateClient,
            UpdateClientCommand(client_id=tenant.client_id, active=False),
        )
        for raw in (a.signed_in.session_id, b.signed_in.session_id):
            with pytest.raises(NotSignedInError):
                await world.run(ResolveSession, raw)
        await world.run(
            UpdateClient,
            UpdateClientCommand(client_id=tenant.client_id, active=True),
        )
        with pytest.raises(NotSignedInError):  # ended, not suspended
            await world.run(ResolveSession, a.signed_in.session_id)

    async def test_unknown_session_id(self, world: World) -> None:
        with pytest.raises(NotSignedInError):
            await world.run(ResolveSession, "not-a-session")


class TestUsersAndRoles:
    async def test_owner_changes_roles_and_removes(self, world: World) -> None:
        tenant = await world.tenant()
        owner = await person(world, tenant, "q@example.com")
        admin = await person(world, tenant, "r@example.com", Role.ADMIN)
        await world.run(
            ChangeUser,
            ChangeUserCommand(actor=owner.actor, user_id=admin.actor.user_id, role=Role.VIEWER),
        )
        users = {u.email: u.role for u in await world.run(ListUsers, owner.actor)}
        assert users == {"q@example.com": Role.OWNER, "r@example.com": Role.VIEWER}
        with pytest.raises(NotSignedInError):  # a new role takes effect at once
            await world.run(ResolveSession, admin.signed_in.session_id)
        await world.run(
            ChangeUser, ChangeUserCommand(actor=owner.actor, user_id=admin.actor.user_id)
        )
        assert [u.email for u in await world.run(ListUsers, owner.actor)] == ["q@example.com"]
        with pytest.raises(LoginFailedError):
            await login(world, "r@example.com")

    async def test_last_owner_cannot_be_demoted_or_removed(self, world: World) -> None:
        tenant = await world.tenant()
        owner = await person(world, tenant, "s@example.com")
        for role in (Role.ADMIN, None):
            with pytest.raises(LastOwnerError):
                await world.run(
                    ChangeUser,
                    ChangeUserCommand(actor=owner.actor, user_id=owner.actor.user_id, role=role),
                )
        second = await person(world, tenant, "t@example.com")
        await world.run(
            ChangeUser,
            ChangeUserCommand(actor=second.actor, user_id=owner.actor.user_id, role=Role.ADMIN),
        )
        with pytest.raises(LastOwnerError):
            await world.run(
                ChangeUser, ChangeUserCommand(actor=second.actor, user_id=second.actor.user_id)
            )

    async def test_only_owners_manage_users_and_read_the_audit(self, world: World) -> None:
        tenant = await world.tenant()
        admin = await person(world, tenant, "u@example.com", Role.ADMIN)
        with pytest.raises(RoleForbiddenError):
            await world.run(ListUsers, admin.actor)
        with pytest.raises(RoleForbiddenError):
            await world.run(ListAudit, ListAuditQuery(admin.actor, PageRequest(10)))
        with pytest.raises(RoleForbiddenError):
            await world.run(
                ChangeUser, ChangeUserCommand(actor=admin.actor, user_id=admin.actor.user_id)
            )

    async def test_another_clients_user_is_not_found(self, world: World) -> None:
        a = await person(world, await world.tenant(), "v@example.com")
        b = await person(world, await world.tenant(), "w@example.com")
        with pytest.raises(NotFoundError):
            await world.run(ChangeUser, ChangeUserCommand(actor=a.actor, user_id=b.actor.user_id))

    async def test_viewers_change_nothing(self, world: World) -> None:
        tenant = await world.tenant()
        viewer = await person(world, tenant, "x@example.com", Role.VIEWER)
        with pytest.raises(RoleForbiddenError):
            await world.run(RecordChange, viewer.actor, AuditAction.KEY_CREATED)


class TestAudit:
    async def test_logins_failures_and_changes_are_recorded(self, world: World) -> None:
        tenant = await world.tenant()
        owner = await person(world, tenant, "y@example.com")
        world.clock.advance(1)
        with pytest.raises(LoginFailedError):
            await login(world, "y@example.com", "wrong password!!")
        world.clock.advance(1)
        await person(world, tenant, "z@example.com", Role.VIEWER)
        page = await world.run(ListAudit, ListAuditQuery(owner.actor, PageRequest(100)))
        # Entries of the same instant come in id order; compare each instant's as a set.
        actions = [(e.action, e.actor) for e in reversed(page.items)]
        assert set(actions[:3]) == {
            (AuditAction.USER_INVITED, "operator"),
            (AuditAction.INVITE_ACCEPTED, "y@example.com"),
            (AuditAction.LOGIN, "y@example.com"),
        }
        assert actions[3] == (AuditAction.LOGIN_FAILED, "y@example.com")
        assert set(actions[4:]) == {
            (AuditAction.USER_INVITED, "operator"),
            (AuditAction.INVITE_ACCEPTED, "z@example.com"),
            (AuditAction.LOGIN, "z@example.com"),
        }
        assert page.items[0].ip == "192.0.2.1"
        first = await world.run(ListAudit, ListAuditQuery(owner.actor, PageRequest(3)))
        assert first.next_cursor is not None
