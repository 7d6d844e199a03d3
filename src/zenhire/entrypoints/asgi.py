"""ASGI entry for multi-worker servers: ``zenhire.entrypoints.asgi:app_from_env`` (factory)."""

from __future__ import annotations

import gc

from litestar import Litestar

from zenhire.entrypoints.http.app import create_app
from zenhire.entrypoints.logs import configure_logging
from zenhire.entrypoints.settings import load_settings


def app_from_env() -> Litestar:
    """The service as configured by ``ZENHIRE_*``, sweeper included."""
    settings = load_settings()
    settings.check_serving()
    configure_logging(settings.log_format)
    app = create_app(settings, sweep=True)
    # Everything built so far lives as long as the process: keep it out of the collector's
    # way, and collect the young generation less often (requests allocate many short-lived
    # objects; each pass over them is a pause every in-flight request waits out).
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    return app
