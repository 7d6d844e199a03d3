"""Ports: what the use cases need from the world, one narrow Protocol per role.

Adapters subclass these explicitly. Every write joins the current unit of work and becomes
visible to others only at ``UnitOfWork.commit``; leaving without a commit rolls back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from uuid import UUID

from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.clients import ApiKey, Client, ClientChanges, Project
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.failed_auth import FailureWindow
from zenhire.domain.model.idempotency import IdempotencyRecord, IdempotencyScope
from zenhire.domain.model.ids import ApiKeyId, ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.pagination import PageRequest, SeqPageRequest


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class Ids(Protocol):
    def new_id(self) -> UUID:
        """A fresh, unique, time-ordered id."""
        ...


@dataclass(frozen=True, slots=True)
class MintedSecret:
    """A secret shown once (``raw``) and the only form that is stored (``digest``)."""

    raw: str = field(repr=False)
    digest: bytes = field(repr=False)
    prefix: str


class Tokens(Protocol):
    def mint_candidate_token(self) -> MintedSecret:
        """≥ 256 bits from a CSPRNG, URL-safe, with a recognisable prefix."""
        ...

    def mint_api_key(self) -> MintedSecret:
        """A new ``zh_api_`` key."""
        ...

    def digest(self, raw: str) -> bytes:
        """SHA-256 of the raw secret: the lookup key stored in place of it."""
        ...


class UnitOfWork(Protocol):
    async def commit(self) -> None:
        """Make every write of this unit visible atomically; a new unit begins on next use."""
        ...

    async def rollback(self) -> None:
        """Discard every write since the last commit."""
        ...

    async def release(self) -> None:
        """Roll back what is not committed and give the store back before the request ends
        (a long streamed response must hold no lock or connection); nothing may use the
        store's adapters in this unit of work afterwards."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientFilter:
    active: bool | None = None
    name_prefix: str | None = None  # case-sensitive


class Clients(Protocol):
    async def add(self, client: Client) -> None:
        """Insert a new client with a zero balance (credits are granted through ``Credits``)."""
        ...

    async def get(self, client_id: ClientId) -> Client | None:
        """The client with its current balance, or None."""
        ...

    async def update(self, client_id: ClientId, changes: ClientChanges) -> Client | None:
        """Write only the fields set in ``changes``, atomically: a concurrent change of other
        fields is kept. The client as written (row-locked until the unit of work ends), or
        None when unknown."""
        ...

    async def live_count(self, client_id: ClientId) -> int:
        """Number of the client's ``active`` sessions."""
        ...

    async def list(self, where: ClientFilter, page: PageRequest) -> list[tuple[Client, int]]:
        """Clients with their live counts, newest first, after ``page.after``, at most
        ``page.limit + 1``."""
        ...


class Projects(Protocol):
    async def add(self, project: Project) -> None: ...

    async def get(self, project_id: ProjectId) -> Project | None: ...

    async def list(self, client_id: ClientId, page: PageRequest) -> list[Project]:
        """The client's projects, newest first, after ``page.after``, at most
        ``page.limit + 1``."""
        ...


class ApiKeys(Protocol):
    async def add(self, key: ApiKey) -> None: ...

    async def get(self, key_id: ApiKeyId) -> ApiKey | None: ...

    async def find_by_digest(self, digest: bytes) -> tuple[ApiKey, Client] | None:
        """The key and its client when the digest names a key that is not revoked; None for an
        unknown or a revoked digest alike (one lookup either way, so the two cannot be told
        apart by the answer or the work)."""
        ...

    async def revoke(self, key_id: ApiKeyId, now: datetime) -> ApiKey | None:
        """Mark revoked (keeping an earlier revocation time); None when unknown."""
        ...

    async def list(
        self, client_id: ClientId, include_revoked: bool, page: PageRequest
    ) -> list[ApiKey]:
        """The client's keys (revoked ones only if asked), newest first, after
        ``page.after``, at most ``page.limit + 1``."""
        ...


class Credits(Protocol):
    async def balance(self, client_id: ClientId) -> int:
        """The client's balance (= the sum of its ledger rows)."""
        ...

    async def post(
        self,
        *,
        entry_id: UUID,
        client_id: ClientId,
        kind: LedgerKind,
        amount: int,
        session_id: SessionId | None,
        reason: str | None,
        now: datetime,
    ) -> LedgerEntry:
        """Append one row and move the balance by ``amount`` atomically (row-locks the client);
        the row's ``seq`` is the client's next one, taken under that lock."""
        ...

    async def recent(self, client_id: ClientId, limit: int) -> list[LedgerEntry]:
        """Newest ``seq`` first."""
        ...

    async def list(
        self, client_id: ClientId, kind: LedgerKind | None, page: SeqPageRequest
    ) -> list[LedgerEntry]:
        """The client's rows (of ``kind`` if given), newest ``seq`` first, below
        ``page.after``, at most ``page.limit + 1``."""
        ...


class Personas(Protocol):
    async def add(self, persona: Persona) -> None: ...

    async def lock_active_count(self, client_id: ClientId) -> int:
        """Lock the client's row until the unit of work ends (the lock admissions and ledger
        postings take) and return its ``active`` personas, counted after the lock."""
        ...

    async def get(self, persona_id: PersonaId) -> Persona | None: ...

    async def get_with_owner_balance(self, persona_id: PersonaId) -> tuple[Persona, int] | None:
        """The persona and its client's credit balance, read together."""
        ...

    async def update(self, persona: Persona) -> None: ...

    async def list(
        self, client_id: ClientId, status: PersonaStatus | None, page: PageRequest
    ) -> list[Persona]:
        """Newest first, after ``page.after``, at most ``page.limit + 1`` rows."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionFilter:
    client_id: ClientId
    status: SessionStatus | None = None
    persona_id: PersonaId | None = None
    project_id: ProjectId | None = None
    candidate_ref: str | None = None
    tags: tuple[str, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    created_after: datetime | None = None
    created_before: datetime | None = None


class Sessions(Protocol):
    async def add(self, session: Session) -> None:
        """Insert the session and flush its pending events."""
        ...

    async def get(self, session_id: SessionId) -> Session | None:
        """Read without locking."""
        ...

    async def get_for_update(self, session_id: SessionId) -> Session | None:
        """Read and lock the row until the unit of work ends."""
        ...

    async def find_by_token_for_update(self, digest: bytes) -> tuple[Session, Persona] | None:
        """The session whose *current* link has this digest, locked, with its persona (read
        together); None otherwise."""
        ...

    async def save(self, session: Session) -> None:
        """Persist the state and flush pending events; frees the slot when it leaves ``active``."""
        ...

    async def save_all(self, sessions: Sequence[Session]) -> None:
        """``save`` for many sessions, in as few round trips as the store allows."""
        ...

    async def time_out_overdue(self, now: datetime, limit: int) -> int:
        """Close up to ``limit`` ``active`` sessions past their deadline exactly as
        ``Session.time_out`` does (event included), skipping rows another transaction holds;
        return how many. Visible at commit."""
        ...

    async def expire_links(self, now: datetime, limit: int) -> int:
        """Close up to ``limit`` ``initiated`` sessions whose link expired exactly as
        ``Session.expire_link`` does and take them out of the waiting line, skipping rows
        another transaction holds; return how many. Visible at commit."""
        ...

    async def events(self, session_id: SessionId) -> list[SessionEvent]:
        """The audit trail, oldest first."""
        ...

    async def list(self, where: SessionFilter, page: PageRequest) -> list[Session]:
        """Newest first, after ``page.after``, at most ``page.limit + 1`` rows."""
        ...


class Deliveries(Protocol):
    async def get(self, session_id: SessionId, delivery_id: str) -> Delivery | None: ...

    async def add(self, delivery: Delivery) -> None: ...


class WaitingLine(Protocol):
    async def lock(self, client_id: ClientId) -> LineState | None:
        """Serialise admissions of this client until the unit of work ends; return the client
        as locked with its live count and line (read after the lock), or None if unknown."""
        ...

    async def upsert(self, waiter: Waiter) -> None:
        """Add the waiter, or refresh its ``last_seen_at`` keeping ``enqueued_at``."""
        ...

    async def remove(self, client_id: ClientId, session_ids: Sequence[SessionId]) -> None: ...

    async def drop_stale(self, before: datetime, limit: int) -> int:
        """Remove up to ``limit`` waiters last seen before ``before``; return how many."""
        ...


class IdempotencyKeys(Protocol):
    """Claims live outside the request's unit of work: a claim must be visible to every
    process at once, and survive the request's rollback."""

    async def claim(
        self, scope: IdempotencyScope, key: str, fingerprint: str, now: datetime
    ) -> IdempotencyRecord | None:
        """None when this call now owns the key (new, expired or stale); else the record."""
        ...

    async def finish(
        self,
        scope: IdempotencyScope,
        key: str,
        status_code: int,
        body: bytes | None,
        session_id: SessionId | None,
    ) -> None:
        """Remember the outcome of the owned claim."""
        ...

    async def renew(self, scope: IdempotencyScope, key: str, now: datetime) -> None:
        """Extend the owned, still running claim's lease to ``now`` + ``CLAIM_LEASE``."""
        ...

    async def release(self, scope: IdempotencyScope, key: str) -> None:
        """Forget an owned claim whose request failed, so the key may be retried."""
        ...

    async def purge_expired(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` keys created before ``before`` in one short transaction of
        their own, skipping keys another transaction holds; return how many."""
        ...


class RateCounter(Protocol):
    """Counts requests per key and window, shared by every process (outside the unit of work)."""

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        """Count one request in the window; return the window's count including it. The
        window's first request also records ``window_start`` as the key's ``last_used_at``."""
        ...

    async def prune(self, before: datetime) -> None:
        """Forget windows that started before ``before``."""
        ...


class FailedAuthCounter(Protocol):
    """Failed authentication attempts per caller bucket, shared by every process (outside the
    unit of work: a failure is counted even though its request fails)."""

    async def window(self, caller: str, now: datetime) -> FailureWindow | None:
        """The caller's window if one is open at ``now`` (began less than 60 s before)."""
        ...

    async def record(self, caller: str, now: datetime) -> FailureWindow:
        """Count one failure atomically, in the open window or in a new one starting at
        ``now``; return the window including it."""
        ...

    async def prune(self, before: datetime) -> None:
        """Forget windows that began before ``before``."""
        ...


class Readiness(Protocol):
    async def check(self) -> Mapping[str, str]:
        """The checks passed (``{"database": "ok", "schema": "ok"}``) when the store can serve
        this code; otherwise raise ``StorageUnavailableError`` whose ``details`` carry the
        failed ``checks`` (and, for a schema that is not the newest, ``schema_revision``:
        ``current`` and ``expected``). Cheap: at most one round trip to the store."""
        ...


@dataclass(frozen=True, slots=True)
class ArtifactObject:
    """An opened object: its size in bytes and its content, read chunk by chunk as consumed
    (at most ``size`` bytes; the source is released when the iteration ends)."""

    size: int
    chunks: AsyncIterator[bytes] = field(repr=False)


class ArtifactStore(Protocol):
    async def open(self, key: str, max_bytes: int | None = None) -> ArtifactObject:
        """Open the object stored under ``key`` without reading it. Raises
        ``ArtifactUnavailableError`` when the key names no object inside the store's root
        (missing, outside it, through a link, not a regular object), when the object is larger
        than ``max_bytes``, or when the store fails."""
        ...


class SeenSignatures(Protocol):
    """S2S signatures accepted recently, shared by every process and kept outside the unit of
    work: an entry is visible to every process at once and survives the request's rollback."""

    async def remember(
        self, digests: Sequence[bytes], path: str, now: datetime, forget_before: datetime
    ) -> dict[bytes, str]:
        """Record each digest as accepted on ``path`` at ``now`` unless it is remembered
        already (an entry accepted before ``forget_before`` counts as absent and is replaced);
        return, per digest, the path it is remembered on. Of concurrent calls with one digest,
        in any process, exactly one records its path; the others get that path back."""
        ...

    async def forget(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` entries accepted before ``before``; return how many."""
        ...
