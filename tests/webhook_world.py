"""A test world for webhooks: a name table instead of DNS (these machines resolve no public
name), and settings chosen per test."""

from __future__ import annotations

from typing import Any

from dishka import Provider, Scope, provide

from tests.harness import World
from zenhire.adapters.webhook_http import StaticResolver
from zenhire.domain.ports.resolver import Resolver

NAMES: dict[str, list[str]] = {
    "public.example": ["93.184.216.34"],
    "rebind.example": ["127.0.0.1"],
    "mapped.example": ["::ffff:10.0.0.1"],
}


class ResolverProvider(Provider):
    def __init__(self, resolver: Resolver) -> None:
        super().__init__(scope=Scope.APP)
        self._resolver = resolver

    @provide
    def resolver(self) -> Resolver:
        return self._resolver


class WebhookWorld(World):
    def __init__(self, **settings: Any) -> None:
        self.resolver = StaticResolver(NAMES)
        super().__init__(**settings)

    def overrides(self) -> list[Provider]:
        return [*super().overrides(), ResolverProvider(self.resolver)]
