"""Explicit row → entity mapping for accounts, personas, events and deliveries."""

from __future__ import annotations

import json
from typing import Any, Protocol

from zenhire.domain.model.clients import ApiKey, Client, Project
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.events import EventType, SessionEvent
from zenhire.domain.model.ids import (
    ApiKeyId,
    ClientId,
    LedgerEntryId,
    PersonaId,
    ProjectId,
    SessionId,
)
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.model.sessions import SessionStatus


class Row(Protocol):
    """Column values by name (an asyncpg record)."""

    def __getitem__(self, key: str, /) -> Any: ...


def from_json(value: Any) -> Any:
    """A jsonb value, whether the connection's codec decoded it or not."""
    return json.loads(value) if isinstance(value, str) else value


def client(r: Row, prefix: str = "") -> Client:
    return Client(
        id=ClientId(r[prefix + "id"]),
        name=r[prefix + "name"],
        active=r[prefix + "active"],
        permissions=tuple(r[prefix + "permissions"]),
        max_concurrent_interviews=r[prefix + "max_concurrent_interviews"],
        created_at=r[prefix + "created_at"],
        balance=r[prefix + "balance"],
    )


def project(r: Row) -> Project:
    return Project(ProjectId(r["id"]), ClientId(r["client_id"]), r["name"], r["created_at"])


def api_key(r: Row, prefix: str = "") -> ApiKey:
    """An ApiKey from column values, optionally labelled ``<prefix><column>`` (joins)."""

    def v(name: str) -> Any:
        return r[prefix + name]

    return ApiKey(
        id=ApiKeyId(v("id")),
        client_id=ClientId(v("client_id")),
        project_id=ProjectId(v("project_id")) if v("project_id") else None,
        digest=bytes(v("digest")),
        prefix=v("prefix"),
        name=v("name"),
        expires_at=v("expires_at"),
        allowed_ips=tuple(v("allowed_ips")),
        rate_limit_per_minute=v("rate_limit_per_minute"),
        created_at=v("created_at"),
        revoked_at=v("revoked_at"),
        last_used_at=v("last_used_at"),
    )


def ledger_entry(r: Row) -> LedgerEntry:
    return LedgerEntry(
        LedgerEntryId(r["id"]),
        ClientId(r["client_id"]),
        LedgerKind(r["kind"]),
        r["amount"],
        r["balance_after"],
        SessionId(r["session_id"]) if r["session_id"] else None,
        r["reason"],
        r["created_at"],
        r["seq"],
    )


def persona(r: Row, prefix: str = "") -> Persona:
    """A Persona from column values, optionally labelled ``<prefix><column>`` (joins)."""

    def v(name: str) -> Any:
        return r[prefix + name]

    return Persona(
        id=PersonaId(v("id")),
        client_id=ClientId(v("client_id")),
        role_name=v("role_name"),
        language=v("language"),
        system_prompt=v("system_prompt"),
        base_prompt_override=v("base_prompt_override"),
        status=PersonaStatus(v("status")),
        created_at=v("created_at"),
        updated_at=v("updated_at"),
    )


def persona_args(p: Persona) -> tuple[Any, ...]:
    """Column values in ``personas`` declaration order."""
    return (
        p.id,
        p.client_id,
        p.role_name,
        p.language,
        p.system_prompt,
        p.base_prompt_override,
        p.status.value,
        p.created_at,
        p.updated_at,
    )


def event(r: Row) -> SessionEvent:
    return SessionEvent(
        SessionId(r["session_id"]), EventType(r["type"]), r["at"], from_json(r["data"])
    )


def delivery(r: Row) -> Delivery:
    return Delivery(
        SessionId(r["session_id"]),
        r["delivery_id"],
        r["fingerprint"],
        SessionStatus(r["status"]),
        r["charged"],
        r["created_at"],
    )
