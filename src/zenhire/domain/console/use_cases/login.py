"""Signing in and out (a signed-in browser is recognised by ``resolve_session``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.model import (
    LOGIN_FAILURES_ALLOWED,
    PASSWORD_MAX_LENGTH,
    AuditAction,
    ConsoleSession,
    normalise_email,
)
from zenhire.domain.console.ports import (
    AuditLog,
    ConsoleSecrets,
    ConsoleSessions,
    ConsoleUsers,
    LoginFailures,
    PasswordHasher,
)
from zenhire.domain.console.use_cases.audit import entry
from zenhire.domain.errors.console import LoginFailedError, LoginThrottledError
from zenhire.domain.ports import Clients, Clock, Ids, UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginCommand:
    email: str
    password: str = field(repr=False)
    ip: str | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    actor: Actor
    session_id: str = field(repr=False)  # the cookie's value, shown to the browser only


@dataclass(frozen=True, slots=True, kw_only=True)
class Login:
    """Sign a person in with email and password.

    After 5 failed logins for one email within 15 minutes, further attempts for it are refused
    (LOGIN_THROTTLED) until the window ends, before any password is checked. An unknown email,
    a user still pending their invite, a deactivated client and a wrong password all get
    LOGIN_FAILED after one Argon2 verification each (a dummy hash when there is no user), and
    all count as failures. A success starts a server-side session whose random id (256 bits)
    goes to the browser and whose digest is stored. Logins and failed logins of a known user
    are audited.
    """

    users: ConsoleUsers
    clients: Clients
    sessions: ConsoleSessions
    failures: LoginFailures
    audit: AuditLog
    hasher: PasswordHasher
    secrets: ConsoleSecrets
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: LoginCommand) -> SignedIn:
        email = normalise_email(command.email)
        now = self.clock.now()
        window = await self.failures.window(email, now)
        retry = None if window is None else window.retry_after(now, LOGIN_FAILURES_ALLOWED)
        if retry is not None:
            raise LoginThrottledError(retry)
        user = await self.users.by_email(email)
        password = command.password[: PASSWORD_MAX_LENGTH + 1]
        if user is None or user.password_hash is None:
            self.hasher.verify_dummy(password)
            matched = False
        else:
            matched = self.hasher.verify(user.password_hash, password)
        client = None if user is None else await self.clients.get(user.client_id)
        if user is None or client is None or not matched or not client.active:
            await self.failures.record(email, now)
            if user is not None:
                await self.audit.add(
                    entry(
                        self.ids,
                        self.clock,
                        user.client_id,
                        email,
                        AuditAction.LOGIN_FAILED,
                        ip=command.ip,
                    )
                )
                await self.uow.commit()
            raise LoginFailedError()
        raw, digest = self.secrets.mint()
        await self.sessions.add(
            ConsoleSession(
                digest=digest,
                user_id=user.id,
                client_id=user.client_id,
                created_at=now,
                last_seen_at=now,
            )
        )
        await self.audit.add(
            entry(self.ids, self.clock, user.client_id, email, AuditAction.LOGIN, ip=command.ip)
        )
        await self.uow.commit()
        actor = Actor(
            user_id=user.id,
            client_id=user.client_id,
            email=email,
            role=user.role,
            ip=command.ip,
            session_digest=digest,
        )
        return SignedIn(actor, raw)


@dataclass(frozen=True, slots=True, kw_only=True)
class Logout:
    """End the session (its row is deleted); audited."""

    sessions: ConsoleSessions
    audit: AuditLog
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, actor: Actor) -> None:
        await self.sessions.delete(actor.session_digest)
        await self.audit.add(
            entry(
                self.ids, self.clock, actor.client_id, actor.email, AuditAction.LOGOUT, ip=actor.ip
            )
        )
        await self.uow.commit()
