"""The zenhire command: serve, migrate, close-expired, deliver, demo-seed, admin.

A command that cannot do its work prints one line on stderr ("zenhire: ...") and exits 2 for
a configuration error or 1 for a runtime failure; --debug adds the traceback.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from zenhire.domain.errors import DomainError
from zenhire.entrypoints.admin import cli as admin_cli
from zenhire.entrypoints.admin import options as admin_options
from zenhire.entrypoints.composition.faults import is_storage_failure
from zenhire.entrypoints.composition.store import check_store
from zenhire.entrypoints.serve import serve
from zenhire.entrypoints.settings import SettingsError, load_settings
from zenhire.entrypoints.startup import CONFIGURATION, RUNTIME, StartupError, version
from zenhire.entrypoints.store_commands import close_expired, deliver, demo_seed, migrate


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
        ("deliver", "run one webhook dispatch pass and print its counts, as JSON"),
        (
            "demo-seed",
            "with a database: create (or find) the demo client and persona, mint a key, and "
            "print the walkthrough's export ZH_... lines",
        ),
    ):
        commands.add_parser(name, help=summary, description=summary)
    admin_options.add_parser(commands)
    return parser


def _dispatch(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.command == "serve":
        return serve(settings)
    if args.command == "migrate":
        return migrate(settings)
    if args.command == "close-expired":
        return close_expired(settings)
    if args.command == "deliver":
        return deliver(settings)
    if args.command == "demo-seed":
        return demo_seed(settings)
    check_store(settings)
    return admin_cli.run(args, settings)


def _runtime_message(error: BaseException) -> str:
    """One line for a failure nobody anticipated: its kind and its first line."""
    if isinstance(error, DomainError):
        return error.message
    if is_storage_failure(error):
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
