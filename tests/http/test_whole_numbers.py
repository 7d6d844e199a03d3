"""JSON has one number type: where an integer is due, ``2.0`` is taken as 2 (the document
says ``type: integer``), while ``2.5`` and ``"2"`` are still refused; metadata keeps the type
each value was sent with. On both stores."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.http.helpers import ADMIN, auth, new_tenant, signed_post, start, token, verify


async def test_whole_numbers_with_a_fraction_are_integers(store_client: Any) -> None:
    created = await store_client.post(
        "/api/v1/admin/clients",
        json={"name": "Acme", "credits": 500.0, "max_concurrent_interviews": 3.0},
        headers=ADMIN,
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["credits"], body["max_concurrent_interviews"]) == (500, 3)
    assert isinstance(body["credits"], int)


async def test_a_completion_reporting_a_whole_float_duration_is_charged(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    session = (await start(store_client, tenant)).json()
    assert (await verify(store_client, token(session))).status_code == 200
    path = f"/api/v1/interview/s2s/sessions/{session['id']}/complete"
    raw = json.dumps({"status": "completed", "delivery_id": "d-1", "duration_sec": 60.0})
    done = await signed_post(store_client, path, raw.encode())
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["charged"]) == ("completed", 1)


@pytest.mark.parametrize("credits", [2.5, "5", True])
async def test_other_numbers_and_strings_are_refused(store_client: Any, credits: Any) -> None:
    answer = await store_client.post(
        "/api/v1/admin/clients", json={"name": "Acme", "credits": credits}, headers=ADMIN
    )
    assert answer.status_code == 400
    assert [p["field"] for p in answer.json()["error"]["details"]["fields"]] == ["credits"]


async def test_metadata_keeps_the_type_it_was_sent_with(store_client: Any) -> None:
    tenant = await new_tenant(store_client)
    created = await start(store_client, tenant, metadata={"round": 2.0, "count": 2})
    session = await store_client.get(
        f"/api/v1/interview/sessions/{created.json()['id']}", headers=auth(tenant)
    )
    metadata = session.json()["metadata"]
    assert isinstance(metadata["round"], float)
    assert isinstance(metadata["count"], int)
