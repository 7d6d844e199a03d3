"""``zenhire admin`` commands on clients and their credits: one option per field of the
admin API's request Struct (same name, ``-`` for ``_``)."""

from __future__ import annotations

from typing import Any

from zenhire.domain import limits
from zenhire.domain.model.clients import INTERVIEW_PERMISSION
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    GetClient,
    ListClients,
    ListLedger,
    PostCredits,
    UpdateClient,
)
from zenhire.entrypoints.admin.arguments import (
    boolean,
    cap_option,
    client_id,
    command,
    paging,
    permission_options,
)


def client_commands(sub: Any) -> None:
    p = command(
        sub, "create-client", "create a client (tenant), optionally with credits", CreateClient
    )
    p.add_argument(
        "--name", required=True, help=f"the client's name, 1-{limits.NAME_MAX} characters"
    )
    p.add_argument(
        "--credits",
        type=int,
        default=0,
        metavar="N",
        help="initial credits, an integer >= 0, written as one grant ledger row (default 0)",
    )
    cap_option(p, "default: the ZENHIRE_DEFAULT_MAX_CONCURRENT_INTERVIEWS setting")
    permission_options(p, default=f"default: {INTERVIEW_PERMISSION}")
    p.add_argument(
        "--inactive",
        action="store_false",
        dest="active",
        help="create the client deactivated: its keys are refused until it is activated",
    )
    p = command(sub, "get-client", "a client with its balance and live interviews", GetClient)
    client_id(p)
    p = command(sub, "list-clients", "clients, newest first, one page", ListClients)
    p.add_argument(
        "--active",
        type=boolean,
        metavar="{true,false}",
        help="only active (true) or only deactivated (false) clients (default: both)",
    )
    p.add_argument(
        "--name-prefix",
        metavar="PREFIX",
        help="only clients whose name starts with PREFIX (case-sensitive)",
    )
    paging(p)
    p = command(
        sub, "update-client", "change a client; options left out stay as they are", UpdateClient
    )
    client_id(p)
    p.add_argument("--name", help=f"the new name, 1-{limits.NAME_MAX} characters")
    cap_option(p, "lowering it below the live count ends no interview")
    permission_options(p, default="the list given replaces the client's permissions")
    p.add_argument(
        "--active",
        type=boolean,
        metavar="{true,false}",
        help="false deactivates the client (its keys are refused at once), true reactivates it",
    )


def credit_commands(sub: Any) -> None:
    p = command(sub, "credits", "grant or correct a client's credits (one ledger row)", PostCredits)
    client_id(p)
    p.add_argument(
        "--amount",
        type=int,
        required=True,
        metavar="N",
        help="a non-zero integer: > 0 grants, < 0 corrects (an adjustment row)",
    )
    p.add_argument(
        "--reason",
        required=True,
        metavar="TEXT",
        help=f"why, 1-{limits.REASON_MAX} characters; kept on the ledger row",
    )
    p = command(sub, "ledger", "a client's ledger rows, newest first, one page", ListLedger)
    client_id(p)
    p.add_argument(
        "--kind",
        choices=[k.value for k in LedgerKind],
        help="only rows of this kind (default: all)",
    )
    paging(p)
