"""The operator's operations, the one command layer of the admin HTTP API and ``zenhire admin``.

Both surfaces validate their input into the same strict request Structs, and each function
here maps that input to its command, runs the use case and maps the result to the same
response Struct: the API and the command line build every command in one place. A function's
signature is its whole contract: the first parameter's type is the use case it runs, ``body``
the request Struct, the rest path ids and list options (``BY_COMMAND`` names each for the
command line, which reads all of that from the signature).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Final

from zenhire.entrypoints.admin.access_operations import (
    create_api_key,
    create_project,
    list_api_keys,
    list_projects,
    reinvite,
    revoke_api_key,
)
from zenhire.entrypoints.admin.client_operations import (
    create_client,
    get_client,
    list_clients,
    list_ledger,
    post_credits,
    update_client,
)
from zenhire.entrypoints.console import admin_users

Operation = Callable[..., Awaitable[Any]]
BY_COMMAND: Final[dict[str, Operation]] = {
    "create-client": create_client,
    "get-client": get_client,
    "list-clients": list_clients,
    "update-client": update_client,
    "credits": post_credits,
    "ledger": list_ledger,
    "create-project": create_project,
    "list-projects": list_projects,
    "create-key": create_api_key,
    "list-keys": list_api_keys,
    "revoke-key": revoke_api_key,
    "reinvite": reinvite,
    "create-user": admin_users.create_user,
}


__all__ = [
    "BY_COMMAND",
    "Operation",
    "create_api_key",
    "create_client",
    "create_project",
    "get_client",
    "list_api_keys",
    "list_clients",
    "list_ledger",
    "list_projects",
    "post_credits",
    "reinvite",
    "revoke_api_key",
    "update_client",
]
