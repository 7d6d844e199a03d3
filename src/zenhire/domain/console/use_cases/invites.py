"""Inviting a person (operator or owner), and the checks of an email and a password (the
invite is accepted by ``accept_invite``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from zenhire.domain.console.model import (
    EMAIL_MAX_LENGTH,
    EMAIL_PATTERN,
    INVITE_TTL,
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    AuditAction,
    ConsoleUser,
    ConsoleUserId,
    Invite,
    Role,
    normalise_email,
)
from zenhire.domain.console.ports import (
    AuditLog,
    ConsoleSecrets,
    ConsoleUsers,
    Invites,
)
from zenhire.domain.console.use_cases.audit import entry
from zenhire.domain.errors import ConflictError, invalid
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports import Clients, Clock, Ids, UnitOfWork
from zenhire.domain.use_cases.admin_clients import load_client


def check_email(email: str) -> str:
    """The normalised email, or INVALID_INPUT. What was sent is judged, blanks around it
    forgiven, by the pattern the API schema publishes."""
    sent = email.strip(" \t\r\n")
    if len(sent) > EMAIL_MAX_LENGTH or re.search(EMAIL_PATTERN, sent) is None:
        raise invalid("email", "not an email address")
    return normalise_email(sent)


def check_password(password: str) -> str:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise invalid("password", f"at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise invalid("password", f"at most {PASSWORD_MAX_LENGTH} characters")
    return password


@dataclass(frozen=True, slots=True, kw_only=True)
class InviteUserCommand:
    client_id: ClientId
    email: str
    role: Role
    actor: str  # an email, or ``operator``
    ip: str | None = None


@dataclass(frozen=True, slots=True)
class IssuedInvite:
    user: ConsoleUser
    expires_at: datetime
    token: str = field(repr=False)  # shown once, inside the invite link


@dataclass(frozen=True, slots=True, kw_only=True)
class InviteUser:
    """Invite a person to a client's console with a role: a one-time link valid 72 h.

    Unknown client → NOT_FOUND; a malformed email → INVALID_INPUT; an email that already has a
    user (of any client) who set a password → CONFLICT. Inviting a pending email again
    replaces its link (and takes the new role). Only the token's digest is stored.
    """

    clients: Clients
    users: ConsoleUsers
    invites: Invites
    audit: AuditLog
    secrets: ConsoleSecrets
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: InviteUserCommand) -> IssuedInvite:
        email = check_email(command.email)
        await load_client(self.clients, command.client_id)
        now = self.clock.now()
        user = await self.users.by_email(email)
        if user is not None and (not user.pending or user.client_id != command.client_id):
            raise ConflictError("A console user with this email exists.")
        if user is None:
            user = ConsoleUser(
                id=ConsoleUserId(self.ids.new_id()),
                client_id=command.client_id,
                email=email,
                role=command.role,
                created_at=now,
            )
            await self.users.add(user)
        elif user.role is not command.role:
            user.role = command.role
            await self.users.save(user)
        raw, digest = self.secrets.mint()
        expires_at = now + INVITE_TTL
        await self.invites.replace(Invite(digest=digest, user_id=user.id, expires_at=expires_at))
        await self.audit.add(
            entry(
                self.ids,
                self.clock,
                command.client_id,
                command.actor,
                AuditAction.USER_INVITED,
                f"{email} as {command.role.value}",
                command.ip,
            )
        )
        await self.uow.commit()
        return IssuedInvite(user, expires_at, raw)
