"""The zenhire command: serve, migrate, close-expired, demo-seed, admin.

A command that cannot do its work prints one line on stderr ("zenhire: ...") and exits 2 for
a configuration error or 1 for a runtime failure; --debug adds the traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import traceback
from collections.abc import Sequence
from functools import partial
from typing import Any

import msgspec

from zenhire.adapters.tokens import mint_secret
from zenhire.domain.errors import DomainError
from zenhire.entrypoints import admin_cli
from zenhire.entrypoints.admin_listener import run_with_admin_listener
from zenhire.entrypoints.settings import GENERATE_SECRET, Settings, SettingsError, load_settings
from zenhire.entrypoints.startup import (
    CONFIGURATION,
    RUNTIME,
    StartupError,
    check_store,
    log_started,
    version,
)

GRACE_SECONDS = 30  # in-flight requests get this long to finish on SIGTERM
WORKER_START_SECONDS = 60  # a worker process may take this long to start answering
DEMO_NOTE = "in-memory demo: admin token and S2S secret minted and printed"


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


def migrate(settings: Settings) -> int:
    if settings.in_memory:
        sys.stdout.write("in-memory store: nothing to migrate\n")
        return 0
    from zenhire.adapters.postgres.migrate import upgrade_to_head

    report = check_store(settings, schema=False)
    asyncio.run(upgrade_to_head(settings.database_url or ""))
    sys.stdout.write(
        f"database schema of {report.store} is at the newest revision "
        f"({report.expected_revision})\n"
    )
    return 0


def close_expired(settings: Settings) -> int:
    from zenhire.entrypoints.oneshot import run_sweep

    check_store(settings)
    report = asyncio.run(run_sweep(settings))
    sys.stdout.write(msgspec.json.encode(report).decode() + "\n")
    return 0


def demo_seed(settings: Settings) -> int:
    from zenhire.entrypoints.demo import find_demo_client, print_banner, seed_demo
    from zenhire.entrypoints.oneshot import app_container

    if settings.in_memory:
        raise SettingsError(
            "demo-seed needs ZENHIRE_DATABASE_URL: the in-memory store seeds its own demo "
            "tenant each time `zenhire serve` starts"
        )
    if not settings.s2s_secrets:
        raise SettingsError(
            "demo-seed prints ZH_S2S_SECRET for the walkthrough: set ZENHIRE_S2S_SECRETS "
            f"(the server's; {GENERATE_SECRET})"
        )
    report = check_store(settings)

    async def seed() -> Any:
        async with app_container(settings) as container:
            return await seed_demo(container, find_demo_client)

    tenant = asyncio.run(seed())
    print_banner(
        settings,
        tenant,
        heading=f"# zenhire: demo tenant in {report.store}. Paste into your shell:",
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zenhire", description=__doc__)
    parser.add_argument("--version", action="version", version=f"zenhire {version()}")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of a failure as well"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in (
        ("serve", "run the HTTP service (sweeper included)"),
        ("migrate", "apply database migrations (idempotent, safe to run concurrently)"),
        ("close-expired", "run one sweep and print what it closed, as JSON (for cron)"),
        (
            "demo-seed",
            "with a database: create (or find) the demo client and persona, mint a key, and "
            "print the walkthrough's export ZH_... lines",
        ),
    ):
        commands.add_parser(name, help=summary, description=summary)
    admin_cli.add_parser(commands)
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.command == "serve":
        return serve(settings)
    if args.command == "migrate":
        return migrate(settings)
    if args.command == "close-expired":
        return close_expired(settings)
    if args.command == "demo-seed":
        return demo_seed(settings)
    check_store(settings)
    return admin_cli.run(args, settings)


def _runtime_message(error: BaseException) -> str:
    """One line for a failure nobody anticipated: its kind and its first line."""
    if isinstance(error, DomainError):
        return error.message
    if "sqlalchemy" in sys.modules:  # only a command that loaded it can have failed in it
        from zenhire.adapters.postgres.connection import translate

        if translate(error) is not None:
            return f"the database became unavailable: {_first_line(error)}"
    line = _first_line(error)
    return f"{type(error).__name__}: {line}" if line else type(error).__name__


def _first_line(error: BaseException) -> str:
    return next(iter(str(error).strip().splitlines()), "")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    failure: BaseException
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        return 130
    except (SettingsError, StartupError) as error:
        code = error.exit_code if isinstance(error, StartupError) else CONFIGURATION
        message, failure = str(error), error
    except Exception as error:  # one line, not a traceback: --debug shows it
        code = RUNTIME
        message = f"{_runtime_message(error)} (run `zenhire --debug …` for the traceback)"
        failure = error
    sys.stderr.write(f"zenhire: {message}\n")
    if args.debug:
        traceback.print_exception(failure, file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
