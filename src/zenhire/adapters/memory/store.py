"""One in-process store for all memory adapters, with serialisable transactions.

A transaction takes the store's lock on first use and holds it until commit or rollback, so
transactions never interleave: the cap, the waiting line and deliveries stay correct under
any asyncio concurrency. Writes go through an undo log that rollback replays backwards.
Entities are copied in and out, so nothing changes the store without being saved.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from zenhire.adapters.memory.webhook_tables import WebhookTables
from zenhire.domain.console.model import (
    AuditEntry,
    ConsoleSession,
    ConsoleUser,
    ConsoleUserId,
    Invite,
)
from zenhire.domain.model.admission import Waiter
from zenhire.domain.model.clients import ApiKey, Client, Project
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ids import ApiKeyId, ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.ledger import LedgerEntry
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.ports import Readiness, UnitOfWork

K = TypeVar("K")
V = TypeVar("V")
_MISSING: Any = object()


@dataclass
class MemoryStore:
    clients: dict[ClientId, Client] = field(default_factory=dict)
    projects: dict[ProjectId, Project] = field(default_factory=dict)
    keys: dict[ApiKeyId, ApiKey] = field(default_factory=dict)
    key_digests: dict[bytes, ApiKeyId] = field(default_factory=dict)
    # Written by the rate counter outside any transaction, as the Postgres counter does.
    key_last_used: dict[ApiKeyId, datetime] = field(default_factory=dict)
    ledger: dict[ClientId, list[LedgerEntry]] = field(default_factory=dict)
    personas: dict[PersonaId, Persona] = field(default_factory=dict)
    sessions: dict[SessionId, Session] = field(default_factory=dict)
    token_digests: dict[bytes, SessionId] = field(default_factory=dict)
    events: dict[SessionId, list[SessionEvent]] = field(default_factory=dict)
    deliveries: dict[tuple[SessionId, str], Delivery] = field(default_factory=dict)
    waiters: dict[ClientId, dict[SessionId, Waiter]] = field(default_factory=dict)
    webhooks: WebhookTables = field(default_factory=WebhookTables)
    console_users: dict[ConsoleUserId, ConsoleUser] = field(default_factory=dict)
    console_invites: dict[bytes, Invite] = field(default_factory=dict)
    console_sessions: dict[bytes, ConsoleSession] = field(default_factory=dict)
    audit: dict[ClientId, list[AuditEntry]] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def live_count(self, client_id: ClientId) -> int:
        """The client's ``active`` sessions (the live count is derived, never stored)."""
        return sum(
            1
            for s in self.sessions.values()
            if s.client_id == client_id and s.status is SessionStatus.ACTIVE
        )


def clone(entity: V) -> V:
    """A private copy, so callers mutate nothing in the store until they save."""
    return copy.deepcopy(entity)


class MemoryTransaction(UnitOfWork):
    """The unit of work of the memory adapters; one per request or per use-case run."""

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self._held = False
        self._undo: list[Callable[[], None]] = []

    def holds_work(self) -> bool:
        return bool(self._undo)

    async def begin(self) -> MemoryStore:
        """Join (or start) the transaction; returns the store to read and write.

        Every access yields to the event loop once, as real I/O would: concurrent requests
        then genuinely interleave, and the lock (not luck) keeps them apart.
        """
        await asyncio.sleep(0)
        if not self._held:
            await self.store.lock.acquire()
            self._held = True
        return self.store

    def put(self, mapping: MutableMapping[K, V], key: K, value: V) -> None:
        old = mapping.get(key, _MISSING)
        mapping[key] = value
        self._undo.append(lambda: _restore(mapping, key, old))

    def delete(self, mapping: MutableMapping[K, V], key: K) -> None:
        old = mapping.pop(key, _MISSING)
        if old is not _MISSING:
            self._undo.append(lambda: _restore(mapping, key, old))

    def append(self, items: list[V], item: V) -> None:
        items.append(item)
        self._undo.append(lambda: _drop_last(items))

    async def commit(self) -> None:
        self._undo.clear()
        self._release()

    async def rollback(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._release()

    async def release(self) -> None:
        await self.rollback()

    def _release(self) -> None:
        if self._held:
            self._held = False
            self.store.lock.release()


def _drop_last(items: list[V]) -> None:
    items.pop()


def _restore(mapping: MutableMapping[K, V], key: K, old: V) -> None:
    if old is _MISSING:
        mapping.pop(key, None)
    else:
        mapping[key] = old


class MemoryReadiness(Readiness):
    """The in-process store is always reachable, and its shape is this code's."""

    async def check(self) -> Mapping[str, str]:
        return {"database": "memory", "schema": "ok"}
