"""The OpenAPI document is written for integrators, and the viewer works without internet.

Each test checks one property over every operation or schema of the served document, so a
route or schema added later is held to the same rules.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from litestar.testing import TestClient

from tests.harness import ADMIN_TOKEN, World
from tests.http.helpers import ADMIN, auth, new_tenant, signed_post, start
from zenhire.domain import errors as e
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.app import create_app
from zenhire.entrypoints.http.document import NO_NUL
from zenhire.entrypoints.http.errors import (
    HTTP_CODES,
    S2S_STATUS_OVERRIDES,
    STATUS,
    UNSEEN_HTTP_CODES,
)
from zenhire.entrypoints.http.schemas import docs

METHODS = ("get", "post", "put", "patch", "delete")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
SECURITY_OF_AUDIENCE = {
    "integrator": [{"ApiKey": []}, {"ApiKeyBearer": []}],
    "s2s": [{"InterviewSignature": []}],
    "admin": [{"AdminToken": []}],
    "public": None,
}
# Declared in the error table for races a write could lose; no endpoint raises it today.
NOT_RAISED = {e.ConflictError.code}
# The console's codes: rendered as console pages, never an answer of the documented API.
CONSOLE_ONLY = {
    cls.code
    for cls in (
        e.LoginFailedError,
        e.NotSignedInError,
        e.RoleForbiddenError,
        e.LastOwnerError,
        e.InviteInvalidError,
        e.LoginThrottledError,
    )
}


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    world = World()
    with TestClient(create_app(world.settings, *world.overrides())) as client:
        response = client.get("/schema/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert body["openapi"].startswith("3.1")
    return body


def operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


CONDITIONS = ("if", "then", "else", "not")


def object_schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema with ``properties`` anywhere under ``node`` (not counting the conditions
    of a rule across fields, which restate properties defined beside them)."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield node
        for key, value in node.items():
            if key not in CONDITIONS:
                yield from object_schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from object_schemas(value)


def test_every_operation_has_a_summary_a_snake_case_id_and_one_audience_tag(
    doc: dict[str, Any],
) -> None:
    seen: set[str] = set()
    declared_tags = [t["name"] for t in doc["tags"]]
    for path, method, op in operations(doc):
        where = f"{method.upper()} {path}"
        summary = op.get("summary", "")
        assert summary, where
        assert " " in summary, f"{where}: summary {summary!r} is not a phrase"
        assert len(summary) <= 60, where
        assert op.get("description"), where
        assert SNAKE.match(op["operationId"]), f"{where}: {op['operationId']}"
        assert op["operationId"] not in seen
        seen.add(op["operationId"])
        assert len(op["tags"]) == 1, where
        assert op["tags"][0] in declared_tags, where
        audience = openapi.AUDIENCE[op["tags"][0]]
        assert op.get("security") == SECURITY_OF_AUDIENCE[audience], where
    assert {"start_session", "verify_token", "complete_session", "get_session"} <= seen


def test_every_property_and_parameter_has_a_description(doc: dict[str, Any]) -> None:
    missing = [
        f"{schema.get('title', '?')}.{name}"
        for schema in object_schemas(doc)
        for name, prop in schema["properties"].items()
        if not prop.get("description")
    ]
    assert not missing
    count = sum(len(schema["properties"]) for schema in object_schemas(doc["components"]))
    assert count > 150
    for path, method, op in operations(doc):
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), f"{method} {path} {parameter['name']}"


def test_field_docs_name_only_schemas_and_fields_the_document_has(doc: dict[str, Any]) -> None:
    components = doc["components"]["schemas"]
    for name, fields in docs.BY_TYPE.items():
        assert name in components, f"docs describe {name}, which no operation uses"
        assert set(fields) <= set(components[name]["properties"]), name
    assert set(docs.TYPES) <= set(components)


def test_every_request_body_forbids_unknown_fields(doc: dict[str, Any]) -> None:
    bodies = 0
    for path, method, op in operations(doc):
        if "requestBody" not in op:
            continue
        bodies += 1
        assert op["requestBody"]["required"] is True
        root = resolve(doc, op["requestBody"]["content"]["application/json"]["schema"])
        pending, seen = [root], []
        while pending:
            schema = resolve(doc, pending.pop())
            if schema in seen:
                continue
            seen.append(schema)
            if "properties" in schema:
                assert schema.get("additionalProperties") is False, f"{method} {path}"
            for prop in schema.get("properties", {}).values():
                pending += [prop, *prop.get("anyOf", [])]
    assert bodies >= 9


def status_of(code: str, *, s2s: bool) -> set[int]:
    """Every status the error table gives ``code``."""
    statuses = {status for cls, status in STATUS.items() if cls.code == code}
    if s2s:
        statuses |= {status for cls, status in S2S_STATUS_OVERRIDES.items() if cls.code == code}
    return statuses | {status for status, known in HTTP_CODES.items() if known == code}


def test_error_responses_list_their_codes_under_the_status_of_the_error_table(
    doc: dict[str, Any],
) -> None:
    documented: set[str] = set()
    status_sets = []
    for path, method, op in operations(doc):
        s2s = op.get("security") == SECURITY_OF_AUDIENCE["s2s"]
        errors = {int(s): r for s, r in op["responses"].items() if int(s) >= 400}
        status_sets.append(frozenset(errors))
        assert 500 in errors, f"{method} {path}"
        for status, response in errors.items():
            media = response["content"]["application/json"]
            codes = media["schema"]["properties"]["error"]["properties"]["code"]["enum"]
            assert codes, f"{method} {path} {status}"
            for code in codes:
                assert status in status_of(code, s2s=s2s), f"{method} {path}: {code}"
            assert set(media["examples"]) == set(codes)
            for code, example in media["examples"].items():
                assert example["value"]["error"]["code"] == code
            documented |= set(codes)
    table = {cls.code for cls in STATUS} | set(HTTP_CODES.values())
    # 405 is answered by the framework on any path, not listed per operation.
    framework_only = {*UNSEEN_HTTP_CODES, "METHOD_NOT_ALLOWED"}
    assert table - framework_only - NOT_RAISED - CONSOLE_ONLY <= documented
    assert len(set(status_sets)) > 8, "operations share one blanket list of statuses"


def codes_of(doc: dict[str, Any], path: str, method: str) -> dict[int, set[str]]:
    op = doc["paths"][path][method]
    return {
        int(status): set(
            response["content"]["application/json"]["schema"]["properties"]["error"]["properties"][
                "code"
            ]["enum"]
        )
        for status, response in op["responses"].items()
        if int(status) >= 400
    }


def test_each_operation_lists_only_what_it_can_answer(doc: dict[str, Any]) -> None:
    auth_401 = {"MISSING_API_KEY", "INVALID_API_KEY", "API_KEY_EXPIRED", "CLIENT_INACTIVE"}
    assert codes_of(doc, "/api/v1/credits", "get") == {
        401: auth_401,
        403: {"IP_NOT_ALLOWED"},
        429: {"RATE_LIMIT_EXCEEDED", "TOO_MANY_FAILED_ATTEMPTS"},
        500: {"INTERNAL_ERROR"},
        503: {"STORAGE_UNAVAILABLE"},
    }
    assert codes_of(doc, "/api/v1/health", "get") == {500: {"INTERNAL_ERROR"}}
    start_codes = codes_of(doc, "/api/v1/interview/personas/{persona_id}/sessions", "post")
    assert start_codes[402] == {"INSUFFICIENT_CREDITS"}
    assert start_codes[403] == {"IP_NOT_ALLOWED", "MISSING_PERMISSION", "RESOURCE_FORBIDDEN"}
    assert start_codes[409] == {
        "PERSONA_ARCHIVED",
        "IDEMPOTENCY_IN_PROGRESS",
        "IDEMPOTENCY_KEY_USED",
    }
    assert start_codes[413] == {"PAYLOAD_TOO_LARGE"}
    verify = codes_of(doc, "/api/v1/interview/s2s/verify", "post")
    assert verify[401] == {"INVALID_SIGNATURE", "SIGNATURE_EXPIRED", "SIGNATURE_REUSED"}
    assert verify[403] == {"CLIENT_INACTIVE", "MISSING_PERMISSION"}  # not 401 here
    assert 429 not in verify
    completion = codes_of(doc, "/api/v1/interview/s2s/sessions/{session_id}/complete", "post")
    assert "SESSION_MISMATCH" in completion[409]
    admin = codes_of(doc, "/api/v1/admin/clients", "post")
    assert admin[401] == {"INVALID_ADMIN_TOKEN"}
    assert admin[429] == {"TOO_MANY_FAILED_ATTEMPTS"}


async def test_the_codes_the_service_answers_are_the_documented_ones(
    client: Any, world: World, doc: dict[str, Any]
) -> None:
    tenant = await new_tenant(client, credits=0)
    starts = "/api/v1/interview/personas/{persona_id}/sessions"
    poor = await start(client, tenant)
    assert poor.json()["error"]["code"] in codes_of(doc, starts, "post")[poor.status_code]
    topped = f"/api/v1/admin/clients/{tenant['client_id']}/credits"
    await client.post(topped, json={"amount": 5, "reason": "top-up"}, headers=ADMIN)
    await client.delete(f"/api/v1/interview/personas/{tenant['persona_id']}", headers=auth(tenant))
    archived = await start(client, tenant)
    assert archived.status_code == 409
    assert archived.json()["error"]["code"] in codes_of(doc, starts, "post")[409]
    bad_token = await signed_post(client, "/api/v1/interview/s2s/verify", {"token": "zh_x"})
    verify = codes_of(doc, "/api/v1/interview/s2s/verify", "post")
    assert bad_token.json()["error"]["code"] in verify[bad_token.status_code]


def test_timestamps_are_date_time(doc: dict[str, Any]) -> None:
    stamps = 0
    for schema in object_schemas(doc):
        for name, prop in schema["properties"].items():
            if name.endswith("_at") or name in ("at", "timestamp"):
                branches = [prop, *prop.get("anyOf", [])]
                strings = [b for b in branches if b.get("type") == "string"]
                assert strings, f"{schema.get('title')}.{name}"
                assert all(b.get("format") == "date-time" for b in strings), name
                stamps += 1
    assert stamps > 20


def test_limits_checked_in_code_are_in_the_schema(doc: dict[str, Any]) -> None:
    schemas = doc["components"]["schemas"]
    create = schemas["SessionCreate"]["properties"]
    tags = next(b for b in create["tags"]["anyOf"] if b.get("type") == "array")
    assert tags["items"] == {"type": "string", "minLength": 1, "maxLength": 40, "pattern": NO_NUL}
    assert (tags["maxItems"], tags["uniqueItems"]) == (20, True)
    metadata = next(b for b in create["metadata"]["anyOf"] if b.get("type") == "object")
    assert metadata["propertyNames"] == {"minLength": 1, "maxLength": 40, "pattern": NO_NUL}
    assert metadata["maxProperties"] == 50
    persona = schemas["PersonaCreate"]["properties"]
    assert persona["role_name"]["maxLength"] == 200
    assert persona["role_name"]["pattern"] == NO_NUL  # refused in any string
    assert "pattern" not in schemas["CompleteIn"]["properties"]["delivery_id"]  # kept, cleaned
    rating = schemas["FeedbackIn"]["properties"]["rating"]
    assert (rating["minimum"], rating["maximum"]) == (1, 5)
    limit = next(
        p
        for p in doc["paths"]["/api/v1/interview/sessions"]["get"]["parameters"]
        if p["name"] == "limit"
    )
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 100)


def test_headers_are_declared(doc: dict[str, Any]) -> None:
    paths = doc["paths"]
    created = paths["/api/v1/interview/personas/{persona_id}/sessions"]["post"]["responses"]
    headers = created["201"]["headers"]
    assert headers["Location"]["required"] is True
    for name in ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Request-ID"):
        assert headers[name]["required"] is True
    assert created["429"]["headers"]["Retry-After"]["required"] is True
    assert "RateLimit-Limit" not in created["401"]["headers"]
    verify = paths["/api/v1/interview/s2s/verify"]["post"]["responses"]
    assert verify["202"]["headers"]["Retry-After"]["required"] is True
    assert "RateLimit-Limit" not in verify["200"]["headers"]


def test_links_lead_from_a_created_session_to_what_reads_it(doc: dict[str, Any]) -> None:
    ids = {op["operationId"]: op for _, _, op in operations(doc)}
    for _, _, op in operations(doc):
        for response in op["responses"].values():
            for link in response.get("links", {}).values():
                target = ids[link["operationId"]]
                names = {p["name"] for p in target.get("parameters", [])}
                assert set(link["parameters"]) <= names, link
    links = doc["paths"]["/api/v1/interview/personas/{persona_id}/sessions"]["post"]
    targets = {link["operationId"] for link in links["responses"]["201"]["links"].values()}
    assert {"get_session", "reinvite_session", "get_recording", "get_transcript"} <= targets


def test_examples_are_valid_and_realistic(doc: dict[str, Any]) -> None:
    checked = 0
    for path, method, op in operations(doc):
        media_types = [
            *op.get("requestBody", {}).get("content", {}).values(),
            *(m for r in op["responses"].values() for m in r.get("content", {}).values()),
        ]
        for media in media_types:
            schema = {**media["schema"], "components": doc["components"]}
            validator = jsonschema_rs.validator_for(schema)
            for name, example in media.get("examples", {}).items():
                errors = [err.message for err in validator.iter_errors(example["value"])]
                assert not errors, f"{method} {path} example {name}: {errors}"
                checked += 1
    assert checked > 100
    verify = doc["paths"]["/api/v1/interview/s2s/verify"]["post"]["responses"]
    admitted = verify["200"]["content"]["application/json"]["examples"]["admitted"]["value"]
    assert (admitted["result"], admitted["status"]) == ("admitted", "active")
    assert admitted["started_at"]
    assert admitted["deadline_at"]
    queued = verify["202"]["content"]["application/json"]["examples"]["queued"]["value"]
    assert queued["live_interviews"] == queued["max_concurrent_interviews"]


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


SOURCE_TALK = re.compile(r"api\.md|§|\.py\b|``|src/|zenhire\.(domain|adapters|entrypoints)")


def test_no_prose_refers_to_the_contract_or_the_source(doc: dict[str, Any]) -> None:
    for text in strings(doc):
        assert not SOURCE_TALK.search(text), text


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.urls += [v for k, v in values.items() if k in ("src", "href") and v]
        if any(k.startswith("on") or k == "style" for k in values):
            self.inline_scripts += 1
        self._in_script = tag == "script"
        self.inline_styles += tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


def test_viewer_is_served_by_the_service_under_a_strict_csp() -> None:
    world = World()
    with TestClient(create_app(world.settings, *world.overrides())) as client:
        page = client.get("/schema")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        csp = {
            d.split()[0]: d.split()[1:]
            for d in page.headers["content-security-policy"].split(";")
            if d.strip()
        }
        assert csp["script-src"] == ["'self'"]
        assert csp["frame-ancestors"] == ["'none'"]
        assert csp["default-src"] == ["'none'"]
        parsed = Page()
        parsed.feed(page.text)
        assert parsed.inline_scripts == 0
        assert parsed.inline_styles == 0
        assert parsed.urls
        for url in parsed.urls:
            assert url.startswith("/schema/"), url
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert asset.content, url
        for asset_url in (u for u in parsed.urls if u.endswith(".css")):
            css = client.get(asset_url).text
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), asset_url
        assert "validatorUrl: null" in client.get("/schema/static/viewer.js").text


def test_options_lists_every_method_of_the_path(doc: dict[str, Any]) -> None:
    world = World()

    async def key() -> str:
        return (await world.tenant()).api_key

    api_key = asyncio.run(key())
    with TestClient(create_app(world.settings, *world.overrides())) as client:
        for path, item in doc["paths"].items():
            if "/s2s/" in path:
                continue  # signed over the body: checked below
            url = re.sub(r"\{[^}]+\}", "0197a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b", path)
            headers = {"X-API-Key": api_key}
            if path.startswith("/api/v1/admin"):
                headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
            answer = client.options(url, headers=headers)
            assert answer.status_code == 204, path
            allowed = {m.strip() for m in answer.headers["allow"].split(",")}
            documented = {m.upper() for m in METHODS if m in item}
            assert allowed == documented | {"OPTIONS"}, path


def test_readme_error_catalog_lists_the_documented_codes(doc: dict[str, Any]) -> None:
    documented: dict[int, set[str]] = {}
    for path, method, _ in operations(doc):
        for status, codes in codes_of(doc, path, method).items():
            documented.setdefault(status, set()).update(codes)
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    catalog_text = readme.split("## Error catalog", 1)[1].split("\n## ", 1)[0]
    catalog = {
        int(row[0]): set(re.findall(r"`([A-Z_]+)`", row[1]))
        for row in re.findall(r"^\| (\d{3}) \| (.*) \|$", catalog_text, re.M)
    }
    # What the README lists beyond the document is the error table's business
    # (tests/unit/test_readme_error_catalog.py): codes declared before a route answers them.
    for status, codes in documented.items():
        assert codes <= catalog.get(status, set()), f"README lacks {status}: {codes}"
