"""The audit trail: recorded within the change it describes, read by owners."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.model import AuditAction, AuditEntry
from zenhire.domain.console.ports import AuditLog
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports import Clock, Ids


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordChange:
    """Check that the actor may change things (viewers may not → ROLE_FORBIDDEN) and stage the
    audit entry of the change in the request's unit of work, without committing: the use case
    that makes the change then commits both at once, and a change that fails leaves no entry."""

    audit: AuditLog
    ids: Ids
    clock: Clock

    async def __call__(self, actor: Actor, action: AuditAction, subject: str = "") -> None:
        actor.require_change()
        await self.audit.add(
            AuditEntry(
                id=self.ids.new_id(),
                client_id=actor.client_id,
                created_at=self.clock.now(),
                actor=actor.email,
                action=action,
                subject=subject,
                ip=actor.ip,
            )
        )


def entry(
    ids: Ids,
    clock: Clock,
    client_id: ClientId,
    actor: str,
    action: AuditAction,
    subject: str = "",
    ip: str | None = None,
) -> AuditEntry:
    """An audit entry stamped now, for the use cases that write their own."""
    return AuditEntry(
        id=ids.new_id(),
        client_id=client_id,
        created_at=clock.now(),
        actor=actor,
        action=action,
        subject=subject,
        ip=ip,
    )


@dataclass(frozen=True, slots=True)
class ListAuditQuery:
    actor: Actor
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListAudit:
    """The client's audit trail, newest first, paged; owners only (ROLE_FORBIDDEN)."""

    audit: AuditLog

    async def __call__(self, query: ListAuditQuery) -> Page[AuditEntry]:
        query.actor.require_owner()
        rows = await self.audit.list(query.actor.client_id, query.page)
        return paginate(rows, query.page.limit)
