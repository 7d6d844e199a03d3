"""What every store shares: settings, policy, clock, ids, tokens, the artifact store (APP)."""

from __future__ import annotations

from pathlib import Path

from dishka import Scope, provide

from zenhire.adapters.artifacts import FilesystemArtifactStore
from zenhire.adapters.clock import SystemClock
from zenhire.adapters.ids import Uuid7Ids
from zenhire.adapters.passwords import Argon2Passwords
from zenhire.adapters.tokens import ConsoleSecretTokens, SecretTokens
from zenhire.domain.console import ports as console
from zenhire.domain.policy import Policy
from zenhire.domain.ports import ArtifactStore, Clock, Ids, Tokens
from zenhire.entrypoints.composition.webhooks import WebhookCore
from zenhire.entrypoints.settings import Settings


class CoreProvider(WebhookCore):
    """Settings, policy, clock, ids, tokens and the artifact store (APP scope)."""

    scope = Scope.APP

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._settings = settings

    @provide
    def settings(self) -> Settings:
        return self._settings

    @provide
    def policy(self, settings: Settings) -> Policy:
        return settings.policy()

    @provide
    def artifacts(self, settings: Settings) -> ArtifactStore:
        return FilesystemArtifactStore(Path(settings.artifact_dir))

    clock = provide(SystemClock, provides=Clock)
    passwords = provide(Argon2Passwords, provides=console.PasswordHasher)
    console_secrets = provide(ConsoleSecretTokens, provides=console.ConsoleSecrets)
    ids = provide(Uuid7Ids, provides=Ids)
    tokens = provide(SecretTokens, provides=Tokens)
