"""Owners manage their client's people (their own password is ``change_password``)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.model import AuditAction, ConsoleUser, ConsoleUserId, Role
from zenhire.domain.console.ports import AuditLog, ConsoleSessions, ConsoleUsers
from zenhire.domain.console.use_cases.audit import entry
from zenhire.domain.errors import NotFoundError
from zenhire.domain.errors.console import LastOwnerError
from zenhire.domain.ports import Clock, Ids, UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListUsers:
    """The client's people, oldest first; owners only (ROLE_FORBIDDEN)."""

    users: ConsoleUsers

    async def __call__(self, actor: Actor) -> list[ConsoleUser]:
        actor.require_owner()
        return await self.users.of_client(actor.client_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeUserCommand:
    actor: Actor
    user_id: ConsoleUserId
    role: Role | None = None  # None: remove the user


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeUser:
    """Change a person's role, or remove them (ending every session of theirs); owners only.
    Another client's or unknown user → NOT_FOUND. Demoting or removing the client's last
    owner → LAST_OWNER, decided with the owners locked, so two owners demoting each other at
    once cannot both succeed."""

    users: ConsoleUsers
    sessions: ConsoleSessions
    audit: AuditLog
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: ChangeUserCommand) -> None:
        actor = command.actor
        actor.require_owner()
        owners = await self.users.lock_owners(actor.client_id)
        user = await self.users.get(command.user_id)
        if user is None or user.client_id != actor.client_id:
            raise NotFoundError("No such user.")
        losing_owner = user.role is Role.OWNER and command.role is not Role.OWNER
        if losing_owner and owners <= 1:
            raise LastOwnerError()
        if command.role is None:
            await self.users.remove(user.id)
            action, subject = AuditAction.USER_REMOVED, user.email
        else:
            user.role = command.role
            await self.users.save(user)
            await self.sessions.delete_of_user(user.id)  # a new role takes effect at once
            action, subject = AuditAction.USER_ROLE_CHANGED, f"{user.email} to {user.role.value}"
        await self.audit.add(
            entry(self.ids, self.clock, actor.client_id, actor.email, action, subject, actor.ip)
        )
        await self.uow.commit()
