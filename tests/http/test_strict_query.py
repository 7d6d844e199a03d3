"""Query parameters are read as written: no "null" for absent, no number for an instant, and
a single-valued parameter only once."""

from __future__ import annotations

from typing import Any

import pytest

from tests.http.helpers import ADMIN, auth, new_tenant


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("status=null", "status"),
        ("status=initiated&status=failed", "status"),
        ("persona_id=null", "persona_id"),
        ("created_after=0.5", "created_after"),
        ("created_before=null", "created_before"),
        ("limit=5&limit=6", "limit"),
    ],
)
async def test_lenient_values_are_refused_naming_the_parameter(
    client: Any, query: str, field: str
) -> None:
    tenant = await new_tenant(client)
    answer = await client.get(f"/api/v1/interview/sessions?{query}", headers=auth(tenant))
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "INVALID_INPUT"
    assert [p["field"] for p in error["details"]["fields"]] == [field]


async def test_exact_values_and_repeated_lists_are_accepted(client: Any) -> None:
    tenant = await new_tenant(client)
    query = (
        "status=initiated&tag=a&tag=b&created_after=2026-01-01T00:00:00Z"
        f"&persona_id={tenant['persona_id']}&limit=5&candidate_ref=null"
    )
    answer = await client.get(f"/api/v1/interview/sessions?{query}", headers=auth(tenant))
    assert answer.status_code == 200
    personas = await client.get("/api/v1/interview/personas?status=active", headers=auth(tenant))
    assert [p["id"] for p in personas.json()["data"]] == [tenant["persona_id"]]


@pytest.mark.parametrize(
    ("query", "field"),
    [("active=null", "active"), ("active=1", "active"), ("limit=5.0", "limit")],
)
async def test_integers_and_booleans_only_in_their_text_forms(
    client: Any, query: str, field: str
) -> None:
    answer = await client.get(f"/api/v1/admin/clients?{query}", headers=ADMIN)
    assert answer.status_code == 400
    assert [p["field"] for p in answer.json()["error"]["details"]["fields"]] == [field]
    assert (await client.get("/api/v1/admin/clients?active=true&limit=5", headers=ADMIN)).is_success
