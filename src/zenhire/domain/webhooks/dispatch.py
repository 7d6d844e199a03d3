"""Delivery (api.md §11.3): claim due deliveries, make one attempt, record its outcome.

The three steps are apart so that no database connection or lock is held while a receiver
answers: a claim commits at once (the delivery is not due again before the claim's lease
ends, so a claimer that dies leaves it due again), the attempt touches only the network, and
its outcome is written by a short transaction that checks the claim is still its own.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from zenhire.domain.errors import DomainError
from zenhire.domain.ports import Clock, UnitOfWork
from zenhire.domain.ports.resolver import IpAddress, Resolver
from zenhire.domain.ports.sender import OutgoingRequest, Sender
from zenhire.domain.ports.webhook_deliveries import AttemptRecord, Claim, WebhookDeliveries
from zenhire.domain.ports.webhook_random import WebhookRandom
from zenhire.domain.webhooks.model import EndpointId, WebhookDeliveryId
from zenhire.domain.webhooks.schedule import JITTER, next_attempt
from zenhire.domain.webhooks.signing import delivery_headers
from zenhire.domain.webhooks.urls import UrlRules, literal_address, parse_url, refused

ERROR_KEPT_BYTES: Final = 1_024
# A claim's lease outlasts the attempt's timeout by half of it, at least a second (time to
# record the outcome). A claimer that dies leaves the delivery due again when it ends; an
# outcome recorded after it ended is refused (the token changed), so at worst an attempt is
# made twice, never lost.
LEASE_MARGIN_MIN_SECONDS: Final = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryPolicy:
    timeout_seconds: float = 10.0
    retry_base_seconds: float = 5.0
    max_age_seconds: float = 259_200.0
    rules: UrlRules = field(default_factory=UrlRules)
    per_endpoint: int = 4  # attempts in flight per endpoint per process
    batch: int = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimDue:
    """Take due deliveries for this process, within its per-endpoint room."""

    deliveries: WebhookDeliveries
    clock: Clock
    uow: UnitOfWork
    policy: DeliveryPolicy

    async def __call__(self, room: Mapping[EndpointId, int], limit: int) -> list[Claim]:
        now = self.clock.now()
        timeout = self.policy.timeout_seconds
        lease = now + timedelta(seconds=timeout + max(timeout / 2, LEASE_MARGIN_MIN_SECONDS))
        claims = await self.deliveries.claim(now, lease, limit, room, self.policy.per_endpoint)
        await self.uow.commit()
        return claims


@dataclass(frozen=True, slots=True, kw_only=True)
class AttemptDelivery:
    """One signed POST of a claimed delivery, to an address checked just before connecting
    (the name is resolved again: a name now resolving to a private address is refused). A
    2xx is success; anything else is a failed attempt, retried on the backoff schedule until
    the event is ``max_age_seconds`` old."""

    resolver: Resolver
    sender: Sender
    random: WebhookRandom
    clock: Clock
    policy: DeliveryPolicy

    async def __call__(self, claim: Claim) -> AttemptRecord:
        now = self.clock.now()
        status, error = None, None
        try:
            address = await self._address(claim.endpoint.url)
        except _RefusedError as refusal:
            error = str(refusal)
        else:
            body = json.dumps(claim.event.body(), separators=(",", ":"), ensure_ascii=False)
            headers = delivery_headers(
                claim.endpoint.signing_secrets(now),
                claim.event.public_id,
                int(now.timestamp()),
                body.encode(),
            )
            result = await self.sender.post(
                OutgoingRequest(
                    url=claim.endpoint.url,
                    address=address,
                    headers=headers,
                    body=body.encode(),
                    timeout_seconds=self.policy.timeout_seconds,
                )
            )
            status, error = result.status_code, result.error
            if error is None and not _success(status):
                head = result.body_head[:ERROR_KEPT_BYTES].decode("utf-8", "replace")
                error = f"HTTP {status}" + (f": {head}" if head else "")
        delivered = error is None and _success(status)
        return self._record(claim, now, delivered, status, error)

    def _record(
        self, claim: Claim, at: datetime, delivered: bool, status: int | None, error: str | None
    ) -> AttemptRecord:
        p = self.policy
        attempts = claim.delivery.attempts + 1
        due = None
        if not delivered:
            due = next_attempt(
                now=at,
                attempts=attempts,
                event_at=claim.event.created_at,
                base=p.retry_base_seconds,
                max_age=p.max_age_seconds,
                jitter=self.random.jitter(),
            )
        return AttemptRecord(
            delivery_id=claim.delivery.id,
            token=claim.token,
            endpoint_id=claim.endpoint.id,
            at=at,
            delivered=delivered,
            status_code=status,
            error=None if error is None else _clip(error),
            next_attempt_at=due,
            disable_if_failing_since=self._disable_since(
                claim, at, gave_up=not delivered and due is None
            ),
        )

    def _disable_since(self, claim: Claim, at: datetime, *, gave_up: bool) -> datetime:
        """The endpoint is disabled when it has been failing since this instant or earlier:
        failing for ``max_age_seconds``, or — when this delivery gives up — since before its
        second attempt could have been made (no delivery to it succeeded meanwhile)."""
        threshold = at - timedelta(seconds=self.policy.max_age_seconds)
        if gave_up:
            first_retry = self.policy.retry_base_seconds * (1 - JITTER)
            threshold = max(threshold, claim.delivery.created_at + timedelta(seconds=first_retry))
        return threshold

    async def _address(self, url: str) -> IpAddress:
        try:
            parts = parse_url(url, self.policy.rules)
        except DomainError as error:
            raise _RefusedError(f"URL refused: {error.message}") from None
        host = parts.hostname or ""
        literal = literal_address(host)
        addresses = [literal] if literal is not None else await self.resolver.resolve(host)
        if not addresses:
            raise _RefusedError(f"host {host} did not resolve")
        address = addresses[0]
        if refused(address) and not self.policy.rules.allow_private:
            raise _RefusedError(f"refused address {address}: not a public address")
        return address


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordAttempts:
    """Write attempts' outcomes in one short transaction; return the deliveries written (an
    attempt whose claim was overtaken is not)."""

    deliveries: WebhookDeliveries
    uow: UnitOfWork

    async def __call__(self, records: Sequence[AttemptRecord]) -> set[WebhookDeliveryId]:
        written = await self.deliveries.record(records)
        await self.uow.commit()
        return written


class _RefusedError(Exception):
    """The attempt was not made: the URL or the address it resolves to is refused."""


def _success(status: int | None) -> bool:
    return status is not None and 200 <= status < 300


def _clip(text: str) -> str:
    """At most ``ERROR_KEPT_BYTES`` of UTF-8, cut on a character boundary."""
    return text.encode()[:ERROR_KEPT_BYTES].decode("utf-8", "ignore")
