"""Ports: what the use cases need from the world, one narrow Protocol per role, one module each.

Adapters subclass these explicitly, so a missing method fails loudly. Every write joins the
current unit of work and becomes visible to others only at ``UnitOfWork.commit``; leaving
without a commit rolls back. Ports that say they live *outside* the unit of work (idempotency
keys, rate and failed-auth counters, seen signatures) commit on their own. Any method of a
store-backed port may raise ``StorageUnavailableError`` when the store cannot be reached;
each docstring names the other errors it raises, and whether it locks.

A use case imports the role modules it depends on (``zenhire.domain.ports.sessions``); this
package re-exports every port for the adapters and the composition root.
"""

from zenhire.domain.ports.api_keys import ApiKeys
from zenhire.domain.ports.artifacts import ArtifactObject, ArtifactStore
from zenhire.domain.ports.clients import ClientFilter, Clients
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.credits import Credits
from zenhire.domain.ports.deliveries import Deliveries
from zenhire.domain.ports.failed_auth import FailedAuthCounter
from zenhire.domain.ports.idempotency_keys import IdempotencyKeys
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.personas import Personas
from zenhire.domain.ports.projects import Projects
from zenhire.domain.ports.rate_counter import RateCounter
from zenhire.domain.ports.readiness import Readiness
from zenhire.domain.ports.resolver import IpAddress, Resolver
from zenhire.domain.ports.seen_signatures import SeenSignatures
from zenhire.domain.ports.sender import OutgoingRequest, Sender, SendResult
from zenhire.domain.ports.sessions import SessionFilter, Sessions
from zenhire.domain.ports.tokens import MintedSecret, Tokens
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.ports.waiting_line import WaitingLine
from zenhire.domain.ports.webhook_deliveries import (
    AttemptRecord,
    Claim,
    PendingStats,
    WebhookDeliveries,
)
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.ports.webhook_events import EventFilter, WebhookEvents
from zenhire.domain.ports.webhook_random import WebhookRandom

__all__ = [
    "ApiKeys",
    "ArtifactObject",
    "ArtifactStore",
    "AttemptRecord",
    "Claim",
    "ClientFilter",
    "Clients",
    "Clock",
    "Credits",
    "Deliveries",
    "EventFilter",
    "FailedAuthCounter",
    "IdempotencyKeys",
    "Ids",
    "IpAddress",
    "MintedSecret",
    "OutgoingRequest",
    "PendingStats",
    "Personas",
    "Projects",
    "RateCounter",
    "Readiness",
    "Resolver",
    "SeenSignatures",
    "SendResult",
    "Sender",
    "SessionFilter",
    "Sessions",
    "Tokens",
    "UnitOfWork",
    "WaitingLine",
    "WebhookDeliveries",
    "WebhookEndpoints",
    "WebhookEvents",
    "WebhookRandom",
]
