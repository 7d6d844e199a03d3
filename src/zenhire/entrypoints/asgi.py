"""ASGI entry for multi-worker servers: ``zenhire.entrypoints.asgi:app_from_env`` (factory)."""

from __future__ import annotations

from litestar import Litestar

from zenhire.entrypoints.http.app import create_app
from zenhire.entrypoints.logs import configure_logging
from zenhire.entrypoints.settings import load_settings


def app_from_env() -> Litestar:
    """The service as configured by ``ZENHIRE_*``, sweeper included."""
    settings = load_settings()
    settings.check_serving()
    configure_logging(settings.log_format)
    return create_app(settings, sweep=True)
