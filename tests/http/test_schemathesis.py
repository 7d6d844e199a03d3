"""Schemathesis over the whole document, every phase and every check, against the app.

The same engine ``st run`` drives runs in process (memory store): examples, coverage,
fuzzing, and stateful sequences that follow the document's links (a created session leads to
get, events, re-invite, recording and transcript). Credentials come per security scheme:
the API key and the admin token as given; S2S requests carry a placeholder that a signing
layer in front of the app replaces with the signature over the exact bytes it received, as
the interview backend signs what it sends (a request the check strips of its signature is
refused, as it must be).

Four rules JSON Schema cannot state are given to the generator, for schema-valid cases only:
an Idempotency-Key names one request (a fresh key per case, as a client makes one per
request); a cursor is opaque (schema-valid cases carry none; stateful runs follow the
next-page links to cursors the service issued); a new key's ``expires_at`` lies in the
future; a credit posting keeps the balance within its bound, which depends on the balance (a
first grant and later postings are kept small). Everything else comes from the document.

The run must report nothing at all; the assertion lists every failure with its reproduction.
"""

from __future__ import annotations

import asyncio
import collections
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import (
    NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES,
    POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES,
)
from schemathesis.engine import events, from_schema
from schemathesis.engine.statistic import Statistic
from schemathesis.generation import GenerationMode

from tests.harness import ADMIN_TOKEN, S2S_SECRET, World
from zenhire.domain.signatures import signature_header
from zenhire.domain.use_cases.admin_clients import CreateClient, CreateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.entrypoints.http.app import create_app

SIGN_ME = "sign-me"
# Two checks whose premise the contract contradicts on one operation each, and only there:
CONTRACT_EXCEPTIONS = [
    # DELETE /personas/{id} archives: the persona stays readable, with status `archived`.
    {"include-operation-id": "get_persona", "checks": {"use_after_free": {"enabled": False}}},
    # A `project_id` of another client answers 404 NOT_FOUND; the check reads any 404 after
    # the client was created as the client missing.
    {
        "include-operation-id": "create_api_key",
        "checks": {"ensure_resource_availability": {"enabled": False}},
    },
]
SEED = 1
SMALL_AMOUNT = 10**9
# The body field of each operation that posts credits (a client's first grant, a posting).
POSTINGS = {
    ("POST", "/api/v1/admin/clients"): "credits",
    ("POST", "/api/v1/admin/clients/{client_id}/credits"): "amount",
}
EXAMPLES_PER_OPERATION = 25
WEBHOOK_URL = "https://hooks.example.com/zenhire"


def signing(app: Any, world: World) -> Any:
    """Replace the placeholder signature with the real one over the body as received."""
    placeholder = SIGN_ME.encode()

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        world.clock.set(datetime.now(UTC))
        headers = scope["headers"]
        if (b"x-interview-signature", placeholder) not in headers:
            await app(scope, receive, send)
            return
        messages, body, more = [], b"", True
        while more:
            message = await receive()
            messages.append(message)
            body += message.get("body", b"")
            more = message.get("more_body", False)
        # v1 and v2, as a current backend signs: v2 binds the request to its own path, so
        # equal bodies sent to two sessions are not taken for a replay.
        target = {"method": scope["method"], "path": scope["path"]}
        signature = signature_header(S2S_SECRET, int(time.time()), body, **target).encode()
        signed = [
            (k, signature if (k, v) == (b"x-interview-signature", placeholder) else v)
            for k, v in headers
        ]
        pending = iter(messages)

        async def replay() -> Any:
            return next(pending, None) or await receive()

        await app({**scope, "headers": signed}, replay, send)

    return asgi


def api_key(world: World) -> str:
    """A key of a client with credits and budget enough for the whole run."""

    async def make() -> str:
        view = await world.run(CreateClient, CreateClientCommand(name="fuzz", credits=10**9))
        command = CreateApiKeyCommand(client_id=view.client.id, rate_limit_per_minute=10**9)
        return str((await world.run(CreateApiKey, command)).raw)

    return asyncio.run(make())


def run(seed: int = SEED) -> tuple[Statistic, list[str]]:
    world = World(queue_retry_after_seconds=5)
    app = signing(create_app(world.settings, *world.overrides()), world)
    config = SchemathesisConfig.from_dict(
        {
            "seed": seed,
            "checks": {
                "enabled": True,
                # 413 PAYLOAD_TOO_LARGE refuses an over-long body before it is parsed.
                "negative_data_rejection": {
                    "expected-statuses": [*NEGATIVE_DATA_REJECTION_EXPECTED_STATUSES, "413"]
                },
                # 402 INSUFFICIENT_CREDITS answers valid data the balance cannot pay for: a
                # refusal by state, like 409 (the run's postings may empty the balance).
                "positive_data_acceptance": {
                    "expected-statuses": [*POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES, "402"]
                },
            },
            "generation": {"max-examples": EXAMPLES_PER_OPERATION},
            "suppress-health-check": ["all"],
            "continue-on-failure": True,
            "operations": CONTRACT_EXCEPTIONS,
            "auth": {
                "openapi": {
                    "ApiKey": {"api_key": api_key(world)},
                    "AdminToken": {"bearer": ADMIN_TOKEN},
                    "InterviewSignature": {"api_key": SIGN_ME},
                }
            },
        }
    )
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", app, config=config)

    @schema.hook
    def map_case(context: Any, case: Any) -> Any:
        if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
            return case
        if case.headers and "Idempotency-Key" in case.headers:
            case.headers["Idempotency-Key"] = str(uuid4())
        if case.query and "cursor" in case.query:
            del case.query["cursor"]  # valid ones come from next_cursor, along the links
        body = case.body
        if isinstance(body, dict) and isinstance(body.get("expires_at"), str):
            body["expires_at"] = (datetime.now(UTC) + timedelta(days=30)).isoformat()
        # The URL rules refuse what no schema can state (a name resolving to a private
        # address; http unless the deployment allows it): valid cases register a URL that
        # passes them.
        webhook = case.operation.path.startswith("/api/v1/webhooks/endpoints")
        if webhook and isinstance(body, dict) and "url" in body:
            body["url"] = WEBHOOK_URL
        posting = POSTINGS.get((case.method.upper(), case.operation.path))
        if posting and isinstance(body, dict):
            amount = body.get(posting)
            if isinstance(amount, int | float) and abs(amount) > SMALL_AMOUNT:
                body[posting] = SMALL_AMOUNT if amount > 0 else -SMALL_AMOUNT
        return case

    statistic, errors = Statistic(), []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            statistic.on_scenario_finished(event.recorder)
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            errors.append(str(getattr(event, "info", event)))
    return statistic, errors


def report(statistic: Statistic) -> tuple[collections.Counter[str], list[str]]:
    counts: collections.Counter[str] = collections.Counter()
    lines = []
    for label, groups in sorted(statistic.failures.items()):
        for group in groups.values():
            for failure in group.failures:
                counts[failure.title] += 1
                lines.append(f"{label}: {failure.title}: {failure.message}")
                lines.append(f"    {group.code_sample}")
                if group.response is not None:
                    lines.append(
                        f"    -> {group.response.status_code} {group.response.content[:300]!r}"
                    )
    return counts, lines


def test_schemathesis_finds_nothing_over_the_whole_document() -> None:
    statistic, errors = run()
    counts, lines = report(statistic)
    assert not errors, "\n".join(errors)
    assert not counts, f"{dict(counts)}\n" + "\n".join(lines)
    assert len(statistic.tested_operations) >= 25
    assert statistic.total_cases > 1000
