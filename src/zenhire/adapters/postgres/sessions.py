"""Postgres adapters for sessions, their events, deliveries and the waiting line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    delete,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert

from zenhire.adapters.postgres import hot_sql, mapping
from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.session_writes import session_write
from zenhire.adapters.postgres.tables import (
    deliveries,
    session_events,
    waiters,
)
from zenhire.adapters.postgres.webhook_outbox import BATCH_OUTBOX, batch_outbox_args
from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.events import EventType, SessionEvent
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import (
    LINK_EXPIRED,
    SESSION_TIMEOUT,
    Session,
    link_expired_data,
    timed_out_data,
)
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Deliveries, SessionFilter, Sessions, WaitingLine
from zenhire.domain.webhooks.model import WebhookEventType


class PostgresSessions(Sessions):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def add(self, session: Session) -> None:
        self.db.stage_sql(*session_write("insert", session))

    async def get(self, session_id: SessionId) -> Session | None:
        return _session(await self.db.fetchrow(hot_sql.SESSION, session_id))

    async def get_for_update(self, session_id: SessionId) -> Session | None:
        return _session(await self.db.fetchrow(hot_sql.SESSION_FOR_UPDATE, session_id, writes=True))

    async def find_by_token_for_update(self, digest: bytes) -> tuple[Session, Persona] | None:
        row = await self.db.fetchrow(hot_sql.SESSION_BY_TOKEN_FOR_UPDATE, digest, writes=True)
        if row is None:
            return None
        return mapping.session(row), mapping.persona(row, prefix="p_")

    async def save(self, session: Session) -> None:
        self.db.stage_sql(*session_write("update", session))

    async def save_all(self, batch: Sequence[Session]) -> None:
        for session in batch:
            await self.save(session)

    async def time_out_overdue(self, now: datetime, limit: int) -> int:
        return await self._close_batch(
            hot_sql.TIME_OUT_OVERDUE,
            now,
            limit,
            SESSION_TIMEOUT,
            EventType.TIMED_OUT,
            timed_out_data,
        )

    async def expire_links(self, now: datetime, limit: int) -> int:
        return await self._close_batch(
            hot_sql.EXPIRE_LINKS,
            now,
            limit,
            LINK_EXPIRED,
            EventType.LINK_EXPIRED,
            link_expired_data,
        )

    async def _close_batch(
        self,
        sql: str,
        now: datetime,
        limit: int,
        error_code: str,
        event: EventType,
        data_of: Callable[[datetime | None], dict[str, Any]],
    ) -> int:
        """One sweeper batch: close it in one statement, record its events in another and
        their webhook outbox entries in a third."""
        rows = await self.db.fetch(sql, now, limit, error_code, writes=True)
        if rows:
            self.db.stage_sql(
                hot_sql.EVENTS_OF_MANY,
                [r["id"] for r in rows],
                event.value,
                now,
                [hot_sql.json_text(data_of(r["due_at"])) for r in rows],
            )
            closed = [mapping.session(r) for r in rows]
            self.db.stage_sql(  # the batch's webhook outbox, set-based, same transaction
                BATCH_OUTBOX, *batch_outbox_args(closed, WebhookEventType.SESSION_FAILED, now)
            )
        return len(rows)

    async def events(self, session_id: SessionId) -> list[SessionEvent]:
        query = (
            select(session_events)
            .where(session_events.c.session_id == session_id)
            .order_by(session_events.c.id)
        )
        return [mapping.event(r) for r in await self.db.execute(query)]

    async def list(self, where: SessionFilter, page: PageRequest) -> list[Session]:
        sql, args = hot_sql.session_page(where, page)
        return [mapping.session(r) for r in await self.db.fetch(sql, *args)]


def _session(row: Any) -> Session | None:
    return None if row is None else mapping.session(row)


class PostgresDeliveries(Deliveries):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def get(self, session_id: SessionId, delivery_id: str) -> Delivery | None:
        query = select(deliveries).where(
            deliveries.c.session_id == session_id, deliveries.c.delivery_id == delivery_id
        )
        row = (await self.db.execute(query)).first()
        return None if row is None else mapping.delivery(row)

    async def add(self, delivery: Delivery) -> None:
        self.db.stage(
            insert(deliveries).values(
                session_id=delivery.session_id,
                delivery_id=delivery.delivery_id,
                fingerprint=delivery.fingerprint,
                status=delivery.status.value,
                charged=delivery.charged,
                created_at=delivery.created_at,
            )
        )


class PostgresWaitingLine(WaitingLine):
    """The line lives in ``waiters``; admissions of one client serialise on its ``clients`` row.

    ``lock`` takes ``SELECT … FOR NO KEY UPDATE`` on the client row: every process and host that
    admits for this client queues on that one row lock until the holder commits. The live
    count is then read fresh (READ COMMITTED takes a new snapshot per statement), so it sees
    every admission committed before the lock was granted. Ending a session needs no client
    lock: a completion not yet committed is still counted, which errs on the side of the cap.
    """

    def __init__(self, db: Db) -> None:
        self.db = db

    async def lock(self, client_id: ClientId) -> LineState | None:
        locked = await self.db.fetchrow(hot_sql.CLIENT_FOR_UPDATE, client_id, writes=True)
        if locked is None:
            return None
        rows = await self.db.fetch(hot_sql.LIVE_AND_LINE, client_id)
        line = tuple(
            Waiter(
                ClientId(r["client_id"]),
                SessionId(r["session_id"]),
                r["enqueued_at"],
                r["last_seen_at"],
            )
            for r in rows
            if r["session_id"] is not None
        )
        return LineState(client=mapping.client(locked), live=int(rows[0]["live"]), waiters=line)

    async def upsert(self, waiter: Waiter) -> None:
        statement = pg_insert(waiters).values(
            session_id=waiter.session_id,
            client_id=waiter.client_id,
            enqueued_at=waiter.enqueued_at,
            last_seen_at=waiter.last_seen_at,
        )
        self.db.stage(
            statement.on_conflict_do_update(
                index_elements=[waiters.c.session_id],
                set_={"last_seen_at": statement.excluded.last_seen_at},
            )
        )

    async def remove(self, client_id: ClientId, session_ids: Sequence[SessionId]) -> None:
        if session_ids:
            self.db.stage(
                delete(waiters).where(
                    waiters.c.client_id == client_id, waiters.c.session_id.in_(list(session_ids))
                )
            )

    async def drop_stale(self, before: datetime, limit: int) -> int:
        doomed = (
            select(waiters.c.session_id)
            .where(waiters.c.last_seen_at < before)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self.db.execute(
            delete(waiters).where(waiters.c.session_id.in_(doomed.scalar_subquery()))
        )
        return int(result.rowcount)
