"""Memory adapters for sessions, their events, deliveries and the waiting line."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime

from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryTransaction, clone
from zenhire.adapters.memory.webhook_outbox import emit_session_event
from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Deliveries, SessionFilter, Sessions, WaitingLine
from zenhire.domain.validation import metadata_text


class MemorySessions(Sessions):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def add(self, session: Session) -> None:
        store = await self.tx.begin()
        self.tx.put(store.events, session.id, [])
        await self.save(session)

    async def get(self, session_id: SessionId) -> Session | None:
        store = await self.tx.begin()
        session = store.sessions.get(session_id)
        return None if session is None else clone(session)

    async def get_for_update(self, session_id: SessionId) -> Session | None:
        return await self.get(session_id)  # the transaction already excludes all others

    async def find_by_token_for_update(self, digest: bytes) -> tuple[Session, Persona] | None:
        store = await self.tx.begin()
        session_id = store.token_digests.get(digest)
        session = None if session_id is None else await self.get(session_id)
        if session is None:
            return None
        return session, clone(store.personas[session.persona_id])

    async def save(self, session: Session) -> None:
        store = await self.tx.begin()
        previous = store.sessions.get(session.id)
        if previous is not None and previous.token_digest != session.token_digest:
            self.tx.delete(store.token_digests, previous.token_digest)
        self.tx.put(store.token_digests, session.token_digest, session.id)
        for event in session.pending_events:
            self.tx.append(store.events[session.id], event)
            emit_session_event(self.tx, store, session, event)  # the outbox, same transaction
        session.pending_events.clear()
        self.tx.put(store.sessions, session.id, clone(session))

    async def save_all(self, sessions: Sequence[Session]) -> None:
        for session in sessions:
            await self.save(session)

    async def time_out_overdue(self, now: datetime, limit: int) -> int:
        batch = await self._claim(
            limit, lambda s: s.status is SessionStatus.ACTIVE and s.past_deadline(now)
        )
        for session in batch:
            session.time_out(now)
        await self.save_all(batch)
        return len(batch)

    async def expire_links(self, now: datetime, limit: int) -> int:
        batch = await self._claim(
            limit, lambda s: s.status is SessionStatus.INITIATED and s.link_expired(now)
        )
        line = MemoryWaitingLine(self.tx)
        for session in batch:
            session.expire_link(now)
            await line.remove(session.client_id, [session.id])
        await self.save_all(batch)
        return len(batch)

    async def _claim(self, limit: int, due: Callable[[Session], bool]) -> list[Session]:
        store = await self.tx.begin()
        found: list[Session] = []
        for session in store.sessions.values():
            if due(session):
                found.append(clone(session))
                if len(found) == limit:
                    break
        return found

    async def events(self, session_id: SessionId) -> list[SessionEvent]:
        store = await self.tx.begin()
        return list(store.events.get(session_id, []))

    async def list(self, where: SessionFilter, page: PageRequest) -> list[Session]:
        store = await self.tx.begin()
        rows = (s for s in store.sessions.values() if _matches(s, where))
        return [clone(s) for s in newest_first(rows, page)]


def _matches(s: Session, w: SessionFilter) -> bool:
    if s.client_id != w.client_id:
        return False
    if w.status is not None and s.status is not w.status:
        return False
    if w.persona_id is not None and s.persona_id != w.persona_id:
        return False
    if w.project_id is not None and s.project_id != w.project_id:
        return False
    if w.candidate_ref is not None and s.candidate_ref != w.candidate_ref:
        return False
    if w.tags and not set(w.tags) <= set(s.tags or ()):
        return False
    metadata = s.metadata or {}
    for key, text in w.metadata:
        if key not in metadata or metadata_text(metadata[key]) != text:
            return False
    if w.created_after is not None and s.created_at < w.created_after:
        return False
    return w.created_before is None or s.created_at < w.created_before


class MemoryDeliveries(Deliveries):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def get(self, session_id: SessionId, delivery_id: str) -> Delivery | None:
        store = await self.tx.begin()
        return store.deliveries.get((session_id, delivery_id))

    async def add(self, delivery: Delivery) -> None:
        store = await self.tx.begin()
        self.tx.put(store.deliveries, (delivery.session_id, delivery.delivery_id), delivery)


class MemoryWaitingLine(WaitingLine):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def read(self, client_id: ClientId, minimum_credits: int) -> LineState | None:  # noqa: ARG002
        # The store's lock serialises every unit of work: no admission decides beside another,
        # and nothing changes the client before it commits, so none is ever refused.
        return await self.lock(client_id)

    async def lock(self, client_id: ClientId) -> LineState | None:
        store = await self.tx.begin()  # the store lock already serialises every admission
        client = store.clients.get(client_id)
        if client is None:
            return None
        live = store.live_count(client_id)
        waiters = tuple(store.waiters.get(client_id, {}).values())
        return LineState(client=clone(client), live=live, waiters=waiters)

    async def upsert(self, waiter: Waiter) -> None:
        store = await self.tx.begin()
        line = store.waiters.setdefault(waiter.client_id, {})
        if (queued := line.get(waiter.session_id)) is not None:  # a retry keeps its place
            waiter = dataclasses.replace(waiter, enqueued_at=queued.enqueued_at)
        self.tx.put(line, waiter.session_id, waiter)

    async def remove(self, client_id: ClientId, session_ids: Sequence[SessionId]) -> None:
        store = await self.tx.begin()
        line = store.waiters.get(client_id, {})
        for session_id in session_ids:
            self.tx.delete(line, session_id)

    async def drop_stale(self, before: datetime, limit: int) -> int:
        store = await self.tx.begin()
        dropped = 0
        for line in store.waiters.values():
            for waiter in [w for w in line.values() if w.last_seen_at < before]:
                if dropped == limit:
                    return dropped
                self.tx.delete(line, waiter.session_id)
                dropped += 1
        return dropped
