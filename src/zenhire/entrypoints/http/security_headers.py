"""Headers every response carries (api.md §2 "Conventions").

* ``X-Content-Type-Options: nosniff`` on every response;
* ``Cache-Control: private, no-store`` on every response of an authenticated route (API key,
  signature or admin token: they carry candidate data), unless the handler set its own (a
  raw token or key is sent with ``no-store``). The ``/schema`` viewer's Content-Security-Policy
  comes with its router (``openapi.py``).
"""

from __future__ import annotations

from typing import Final

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Scope

PRIVATE: Final = "private, no-store"


def add_security_headers(scope: Scope, headers: MutableScopeHeaders) -> None:
    """Called once per response, on its start message (``request_id.py``)."""
    headers["X-Content-Type-Options"] = "nosniff"
    if "cache-control" not in headers:
        handler = scope.get("route_handler")
        if handler is not None and handler.resolve_guards():
            headers["Cache-Control"] = PRIVATE
