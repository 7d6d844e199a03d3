"""Property-based run of the OpenAPI document against the app (memory store).

Every operation, integrator, S2S and admin alike, is called with valid credentials (S2S
requests are signed over the exact bytes sent). The run must find no 5xx and no response
that violates the document.
"""

from __future__ import annotations

import json
import time
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.harness import ADMIN_TOKEN, S2S_SECRET, World
from zenhire.domain.signatures import signature_header
from zenhire.domain.use_cases.admin_clients import CreateClient, CreateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.entrypoints.http.app import create_app

WORLD = World(queue_retry_after_seconds=5)
APP = create_app(WORLD.settings, *WORLD.providers()[1:])
schema = schemathesis.openapi.from_asgi("/schema/openapi.json", APP)
_api_key: list[str] = []
# What the contract asks of the run: no 5xx, and every response as the document says.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def api_key() -> str:
    """A key of a client with plenty of budget, made once through the use cases."""
    if not _api_key:
        import asyncio

        async def make() -> str:
            view = await WORLD.run(CreateClient, CreateClientCommand(name="fuzz", credits=10**9))
            issued = await WORLD.run(
                CreateApiKey,
                CreateApiKeyCommand(client_id=view.client.id, rate_limit_per_minute=10**9),
            )
            return str(issued.raw)

        _api_key.append(asyncio.run(make()))
    return _api_key[0]


def credentials(case: Any) -> tuple[dict[str, str], dict[str, Any]]:
    path: str = case.operation.path
    if path.startswith("/api/v1/interview/s2s"):
        body = case.body
        if isinstance(body, NotSet):
            raw = b""
        elif isinstance(body, bytes):
            raw = body
        else:
            raw = json.dumps(body).encode()
        # v1 and v2, as a current backend signs: v2 binds each request to its own path, so
        # equal bodies generated for two sessions are not taken for a replay.
        target = {"method": case.method.upper(), "path": case.formatted_path}
        header = signature_header(S2S_SECRET, int(time.time()), raw, **target)
        return (
            {"X-Interview-Signature": header, "Content-Type": "application/json"},
            # latin-1 maps each byte to one character and back: the signed bytes are sent.
            {"data": raw.decode("latin-1")},
        )
    if path.startswith("/api/v1/admin"):
        return {"Authorization": f"Bearer {ADMIN_TOKEN}"}, {}
    return {"X-API-Key": api_key()}, {}


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_document(case: Any) -> None:
    WORLD.clock.set(__import__("datetime").datetime.now(__import__("datetime").UTC))
    headers, extra = credentials(case)
    case.call_and_validate(headers=headers, checks=CHECKS, **extra)
