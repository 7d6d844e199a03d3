"""Everyone changes their own password."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.model import AuditAction
from zenhire.domain.console.ports import AuditLog, ConsoleSessions, ConsoleUsers, PasswordHasher
from zenhire.domain.console.use_cases.audit import entry
from zenhire.domain.console.use_cases.invites import check_password
from zenhire.domain.errors.console import LoginFailedError
from zenhire.domain.ports import Clock, Ids, UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangePasswordCommand:
    actor: Actor
    current: str = field(repr=False)
    new: str = field(repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangePassword:
    """Change one's own password (any role). The current one must match (LOGIN_FAILED);
    the new one has at least 12 characters. Every other session of the user ends."""

    users: ConsoleUsers
    sessions: ConsoleSessions
    audit: AuditLog
    hasher: PasswordHasher
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: ChangePasswordCommand) -> None:
        actor = command.actor
        new = check_password(command.new)
        user = await self.users.get(actor.user_id)
        if user is None or user.password_hash is None:
            raise LoginFailedError()
        if not self.hasher.verify(user.password_hash, command.current):
            raise LoginFailedError()
        user.password_hash = self.hasher.hash(new)
        await self.users.save(user)
        await self.sessions.delete_of_user(user.id, keep=actor.session_digest)
        await self.audit.add(
            entry(
                self.ids,
                self.clock,
                actor.client_id,
                actor.email,
                AuditAction.PASSWORD_CHANGED,
                ip=actor.ip,
            )
        )
        await self.uow.commit()
