"""Postgres wiring (selected by ``ZENHIRE_DATABASE_URL``)."""

from __future__ import annotations

from dishka import Provider

from zenhire.entrypoints.settings import Settings, SettingsError


class PostgresProvider(Provider):
    def __init__(self, settings: Settings) -> None:  # noqa: ARG002
        super().__init__()
        raise SettingsError(
            "ZENHIRE_DATABASE_URL is set, but the Postgres store is not available yet; "
            "unset it to run on the in-memory store."
        )
