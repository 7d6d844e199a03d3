"""``zenhire serve``: the HTTP service under uvicorn, with the service's server settings."""

from __future__ import annotations

import signal
from functools import partial
from typing import Any, Final

import msgspec

from zenhire.entrypoints.admin_listener import run_with_admin_listener
from zenhire.entrypoints.composition.process import mint_secret
from zenhire.entrypoints.composition.store import check_store
from zenhire.entrypoints.settings import Settings
from zenhire.entrypoints.startup import log_started

GRACE_SECONDS: Final = 30  # in-flight requests get this long to finish on SIGTERM
WORKER_START_SECONDS: Final = 60  # a worker process may take this long to start answering
DEMO_NOTE: Final = "in-memory demo: admin token and S2S secret minted and printed"


def _demo_settings(settings: Settings) -> Settings:
    """The in-memory demo mints what it needs and prints it, instead of requiring it, and
    relaxes what only matters on a public network (a developer's receiver is localhost)."""
    changes: dict[str, object] = {
        "webhook_allow_insecure": True,
        "webhook_allow_private": True,
        "console_secure_cookies": False,
    }
    if not settings.admin_token:
        changes["admin_token"] = mint_secret()
    if not settings.s2s_secrets:
        changes["s2s_secrets"] = (mint_secret(),)
    return msgspec.structs.replace(settings, **changes)


def _exit_cleanly(signum: int, frame: object) -> None:  # noqa: ARG001
    raise SystemExit(0)


def run_server(app: Any, settings: Settings, *, factory: bool = False) -> None:
    """Serve ``app`` (an ASGI app, or an import string) with the service's server settings.

    One place for them, so anything measured beside the service is served the same way.
    """
    import uvicorn  # only the server needs it

    # uvicorn drains on SIGTERM, restores this handler and re-raises the signal: a stop
    # that drained cleanly then exits 0 instead of dying by the signal.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    serve_with: Any = uvicorn.run
    if settings.admin_port is not None:  # the operator surface on a listener of its own
        admin = (settings.admin_host, settings.admin_port)
        serve_with = partial(run_with_admin_listener, admin=admin)
    serve_with(
        app,
        factory=factory,
        workers=settings.workers if isinstance(app, str) else None,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,  # the service writes its own access line (logs.py)
        timeout_graceful_shutdown=GRACE_SECONDS,
        # A worker answers the supervisor's health pings only once it has imported the app;
        # on a busy host that takes longer than uvicorn's 5 s, and it would kill every worker
        # still starting, over and over.
        timeout_worker_healthcheck=WORKER_START_SECONDS,
        server_header=False,
        proxy_headers=False,  # the app reads forwarding headers itself (http/caller_ip.py)
        # Request-head size, count and time limits. Named, not imported: a worker imports it
        # once running, after it answers the supervisor's first health check.
        http="zenhire.entrypoints.http.server_protocol:LimitedHttpToolsProtocol",
        # Typed int, but only handed to loop.call_later: a fraction of a second works too.
        timeout_keep_alive=settings.keepalive_seconds,
    )


def serve(settings: Settings) -> int:
    from zenhire.entrypoints.http.app import create_app
    from zenhire.entrypoints.logs import configure_logging
    from zenhire.entrypoints.metrics import shared_across_workers

    settings.check_serving()
    # Once, here, before any worker starts: a schema behind the code never serves.
    report = check_store(settings)
    configure_logging(settings.log_format)
    with shared_across_workers(settings.workers):
        if settings.in_memory:
            log_started(settings, report, demo=DEMO_NOTE)
            run_server(create_app(_demo_settings(settings), seed=True, sweep=True), settings)
        else:
            log_started(settings, report)
            run_server("zenhire.entrypoints.asgi:app_from_env", settings, factory=True)
    return 0
