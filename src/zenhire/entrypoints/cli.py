"""The ``zenhire`` command: serve, migrate, close-expired, admin."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Sequence
from typing import Any

import msgspec

from zenhire.adapters.tokens import mint_secret
from zenhire.entrypoints import admin_cli
from zenhire.entrypoints.settings import Settings, SettingsError, load_settings

GRACE_SECONDS = 30  # in-flight requests get this long to finish on SIGTERM


def _demo_settings(settings: Settings) -> Settings:
    """The in-memory demo mints what it needs and prints it, instead of requiring it."""
    changes: dict[str, object] = {}
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
    uvicorn.run(
        app,
        factory=factory,
        workers=settings.workers if isinstance(app, str) else None,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,  # the service writes its own access line (logs.py)
        timeout_graceful_shutdown=GRACE_SECONDS,
        server_header=False,
        proxy_headers=False,  # the app reads forwarding headers itself (http/caller_ip.py)
    )


def serve(settings: Settings) -> int:
    from zenhire.entrypoints.http.app import create_app
    from zenhire.entrypoints.logs import configure_logging

    settings.check_serving()
    configure_logging(settings.log_format)
    if settings.in_memory:
        run_server(create_app(_demo_settings(settings), seed=True, sweep=True), settings)
    else:
        run_server("zenhire.entrypoints.asgi:app_from_env", settings, factory=True)
    return 0


def migrate(settings: Settings) -> int:
    if settings.in_memory:
        sys.stdout.write("in-memory store: nothing to migrate\n")
        return 0
    from zenhire.adapters.postgres.migrate import upgrade_to_head

    asyncio.run(upgrade_to_head(settings.database_url or ""))
    sys.stdout.write("database schema is at the newest revision\n")
    return 0


def close_expired(settings: Settings) -> int:
    from zenhire.entrypoints.oneshot import run_sweep

    report = asyncio.run(run_sweep(settings))
    sys.stdout.write(msgspec.json.encode(report).decode() + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zenhire", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the HTTP service (sweeper included)")
    commands.add_parser("migrate", help="apply database migrations (idempotent)")
    commands.add_parser("close-expired", help="run one sweep and print what it closed")
    admin_cli.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "serve":
            return serve(settings)
        if args.command == "migrate":
            return migrate(settings)
        if args.command == "close-expired":
            return close_expired(settings)
        return admin_cli.run(args, settings)
    except SettingsError as exc:
        sys.stderr.write(f"zenhire: {exc}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
