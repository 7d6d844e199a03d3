"""The argument kinds ``zenhire admin`` commands share: ids, paging, permissions, the cap."""

from __future__ import annotations

import argparse
from typing import Any, Final
from uuid import UUID

from zenhire.domain import limits
from zenhire.domain.model.clients import INTERVIEW_PERMISSION

REPEAT: Final = "repeat the option for several"


def boolean(text: str) -> bool:
    if text.lower() in {"true", "1", "yes"}:
        return True
    if text.lower() in {"false", "0", "no"}:
        return False
    raise argparse.ArgumentTypeError("expected true or false")


def command(sub: Any, name: str, help_: str, use_case: type) -> argparse.ArgumentParser:
    """A sub-command described by its use case's contract (the API's description too)."""
    description = (use_case.__doc__ or "").replace("``", "")
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_, description=description)
    return parser


def client_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("client_id", type=UUID, metavar="CLIENT_ID", help="the client's id")


def paging(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--limit",
        type=int,
        default=limits.LIST_LIMIT_DEFAULT,
        metavar="N",
        help=f"rows per page, 1-{limits.LIST_LIMIT_MAX} (default {limits.LIST_LIMIT_DEFAULT})",
    )
    p.add_argument(
        "--cursor",
        metavar="CURSOR",
        help="the next_cursor printed with the previous page, to print the page after it",
    )


def permission_options(p: argparse.ArgumentParser, *, default: str) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--permission",
        action="append",
        dest="permissions",
        metavar="NAME",
        help=f"a permission the client holds ({INTERVIEW_PERMISSION!r} is the one the platform "
        f"knows); {REPEAT}; {default}",
    )
    group.add_argument(
        "--no-permissions",
        action="store_const",
        const=[],
        dest="permissions",
        help="the client holds no permission (its keys then reach no /interview endpoint)",
    )


def cap_option(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument(
        "--max-concurrent-interviews",
        type=int,
        metavar="N",
        help=f"how many interviews may be live at once, an integer >= 1 ({default})",
    )
