"""Webhook wiring: the URL rules and delivery policy from settings, name resolution, the HTTP
sender and randomness (APP scope), and the webhook use cases (listed for the use-case
provider). The store adapters are wired with the store's other adapters."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Final

from dishka import Provider, Scope, provide

from zenhire.adapters.webhook_http import HttpxSender, SystemResolver
from zenhire.adapters.webhook_random import SecretsWebhookRandom
from zenhire.domain.ports.resolver import Resolver
from zenhire.domain.ports.sender import Sender
from zenhire.domain.ports.webhook_random import WebhookRandom
from zenhire.domain.webhooks.dispatch import (
    AttemptDelivery,
    ClaimDue,
    DeliveryPolicy,
    RecordAttempts,
)
from zenhire.domain.webhooks.endpoint_changes import DeleteEndpoint, RotateSecret, UpdateEndpoint
from zenhire.domain.webhooks.feed import (
    ListDeliveries,
    ListEvents,
    PingEndpoint,
    PurgeWebhookEvents,
    RetryDelivery,
)
from zenhire.domain.webhooks.manage import CreateEndpoint, GetEndpoint, ListEndpoints
from zenhire.domain.webhooks.urls import UrlRules
from zenhire.entrypoints.settings import Settings

WEBHOOK_USE_CASES: Final[tuple[type[Any], ...]] = (
    CreateEndpoint,
    GetEndpoint,
    ListEndpoints,
    UpdateEndpoint,
    DeleteEndpoint,
    RotateSecret,
    PingEndpoint,
    ListDeliveries,
    RetryDelivery,
    ListEvents,
    PurgeWebhookEvents,
    ClaimDue,
    RecordAttempts,
)


class WebhookCore(Provider):
    """APP-scoped webhook collaborators (a base of the core provider)."""

    scope = Scope.APP

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._webhook_settings = settings

    @provide
    def url_rules(self) -> UrlRules:
        s = self._webhook_settings
        return UrlRules(
            allow_insecure=s.webhook_allow_insecure, allow_private=s.webhook_allow_private
        )

    @provide
    def delivery_policy(self, rules: UrlRules) -> DeliveryPolicy:
        s = self._webhook_settings
        return DeliveryPolicy(
            timeout_seconds=s.webhook_timeout_seconds,
            retry_base_seconds=s.webhook_retry_base_seconds,
            max_age_seconds=s.webhook_max_age_seconds,
            rules=rules,
        )

    @provide
    async def sender(self) -> AsyncIterator[Sender]:
        sender = HttpxSender()
        yield sender
        await sender.close()

    resolver = provide(SystemResolver, provides=Resolver)
    random = provide(SecretsWebhookRandom, provides=WebhookRandom)
    attempt = provide(AttemptDelivery)
