"""Recognising a signed-in browser: the person behind a session cookie."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.ports import ConsoleSecrets, ConsoleSessions, ConsoleUsers
from zenhire.domain.errors.console import NotSignedInError
from zenhire.domain.ports import Clients, Clock, UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolveSession:
    """The person behind a session cookie, or NOT_SIGNED_IN: unknown id, idle for 12 h,
    older than 7 days, user removed, or client deactivated (which ends every session of the
    client). A use is recorded at most once a minute."""

    users: ConsoleUsers
    clients: Clients
    sessions: ConsoleSessions
    secrets: ConsoleSecrets
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, session_id: str, ip: str | None = None) -> Actor:
        digest = self.secrets.digest(session_id)
        session = await self.sessions.get(digest)
        if session is None:
            raise NotSignedInError()
        now = self.clock.now()
        user = await self.users.get(session.user_id)
        client = await self.clients.get(session.client_id)
        if user is None or client is None or not session.alive(now):
            await self.sessions.delete(digest)
            await self.uow.commit()
            raise NotSignedInError()
        if not client.active:
            await self.sessions.delete_of_client(client.id)
            await self.uow.commit()
            raise NotSignedInError()
        if session.needs_touch(now):
            await self.sessions.touch(digest, now)
            await self.uow.commit()
        return Actor(
            user_id=user.id,
            client_id=user.client_id,
            email=user.email,
            role=user.role,
            ip=ip,
            session_digest=digest,
        )
