"""An invited person sets their password through the invite link."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.console.model import AuditAction, ConsoleUser
from zenhire.domain.console.ports import (
    AuditLog,
    ConsoleSecrets,
    ConsoleSessions,
    ConsoleUsers,
    Invites,
    PasswordHasher,
)
from zenhire.domain.console.use_cases.audit import entry
from zenhire.domain.console.use_cases.invites import check_password
from zenhire.domain.errors.console import InviteInvalidError
from zenhire.domain.ports import Clock, Ids, UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptInviteCommand:
    token: str = field(repr=False)
    password: str = field(repr=False)
    ip: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptInvite:
    """Set the password of an invited person; the link works once. A short password →
    INVALID_INPUT (the link stays usable); an unknown, used or expired link → INVITE_INVALID.
    Every session the user had ends."""

    users: ConsoleUsers
    invites: Invites
    sessions: ConsoleSessions
    audit: AuditLog
    secrets: ConsoleSecrets
    hasher: PasswordHasher
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: AcceptInviteCommand) -> ConsoleUser:
        password = check_password(command.password)
        invite = await self.invites.take(self.secrets.digest(command.token))
        user = None if invite is None else await self.users.get(invite.user_id)
        if invite is None or user is None or not invite.usable(self.clock.now()):
            await self.uow.commit()  # an expired invite is used up all the same
            raise InviteInvalidError()
        user.password_hash = self.hasher.hash(password)
        await self.users.save(user)
        await self.sessions.delete_of_user(user.id)
        await self.audit.add(
            entry(
                self.ids,
                self.clock,
                user.client_id,
                user.email,
                AuditAction.INVITE_ACCEPTED,
                ip=command.ip,
            )
        )
        await self.uow.commit()
        return user
