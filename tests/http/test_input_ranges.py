"""Numbers and instants beyond what the store holds (api.md §2): 400, never a 500 from the
database; a completion's duration is never refused (billed as bounded). Both stores."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import pytest
from structlog.testing import capture_logs

from tests.http.helpers import ADMIN, auth, complete, new_tenant, start, token, verify
from zenhire.domain import limits

INT4 = 2**31
INT8 = 2**63


@pytest.fixture(autouse=True)
def quiet() -> Iterator[None]:
    """No test here may log above info (a 4xx is the caller's mistake, not an error)."""
    with capture_logs() as logs:
        yield
    assert [e for e in logs if e["log_level"] not in ("debug", "info")] == []


def refused(response: Any, field: str, code: str = "INVALID_INPUT") -> None:
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == code
    if code == "INVALID_INPUT":
        assert [p["field"] for p in error["details"]["fields"]] == [field]


class TestCompletionDuration:
    @pytest.mark.parametrize("duration", [INT4, INT8, 10**30])
    async def test_any_duration_is_recorded_and_billed_as_bounded(
        self, store_client: Any, duration: int
    ) -> None:
        tenant = await new_tenant(store_client, credits=100)
        created = (await start(store_client, tenant)).json()
        await verify(store_client, token(created))
        r = await complete(store_client, created["id"], duration_sec=duration)
        assert r.status_code == 200, r.text
        # Bounded by what the platform observed (api.md §6.3): 0 s here, + 60 s → 1 minute.
        assert r.json()["charged"] == 1
        path = f"/api/v1/interview/sessions/{created['id']}"
        detail = (await store_client.get(path, headers=auth(tenant))).json()
        assert (detail["status"], detail["credit_charged"]) == ("completed", 1)
        assert detail["duration_sec"] == limits.COUNT_MAX
        credits = (await store_client.get("/api/v1/credits", headers=auth(tenant))).json()
        assert credits["balance"] == 99
        again = await complete(store_client, created["id"], duration_sec=duration)
        assert again.json() == r.json()

    async def test_a_failed_report_with_a_huge_duration_is_recorded(
        self, store_client: Any
    ) -> None:
        tenant = await new_tenant(store_client)
        created = (await start(store_client, tenant)).json()
        await verify(store_client, token(created))
        r = await complete(store_client, created["id"], status="failed", duration_sec=INT8)
        assert (r.status_code, r.json()["status"]) == (200, "failed")


class TestAdminNumbers:
    async def test_client_caps_and_credits(self, store_client: Any) -> None:
        def create(**body: Any) -> Any:
            return store_client.post(
                "/api/v1/admin/clients", json={"name": "n", **body}, headers=ADMIN
            )

        refused(await create(max_concurrent_interviews=INT4), "max_concurrent_interviews")
        refused(await create(credits=INT8), "credits")
        refused(await create(credits=limits.BALANCE_MAX + 1), "credits")
        biggest = await create(max_concurrent_interviews=INT4 - 1, credits=limits.BALANCE_MAX)
        assert biggest.status_code == 201, biggest.text
        assert biggest.json()["credits"] == limits.BALANCE_MAX
        path = f"/api/v1/admin/clients/{biggest.json()['id']}"
        r = await store_client.patch(path, json={"max_concurrent_interviews": INT4}, headers=ADMIN)
        refused(r, "max_concurrent_interviews")

    async def test_credit_postings_keep_the_balance_in_range(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client, credits=100)
        path = f"/api/v1/admin/clients/{tenant['client_id']}"

        def post(amount: int) -> Any:
            body = {"amount": amount, "reason": "r"}
            return store_client.post(f"{path}/credits", json=body, headers=ADMIN)

        refused(await post(INT8), "amount")
        refused(await post(-INT8), "amount")
        refused(await post(limits.BALANCE_MAX), "amount")  # 100 + this is over the bound
        assert (await post(limits.BALANCE_MAX - 100)).status_code == 201
        assert (await post(-(2 * limits.BALANCE_MAX - 1))).status_code == 201
        assert (await post(-1)).status_code == 201
        row = (await store_client.get(path, headers=ADMIN)).json()
        assert row["credits"] == -limits.BALANCE_MAX
        refused(await post(-1), "amount")

    async def test_key_rate_limit_and_expiry(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        path = f"/api/v1/admin/clients/{tenant['client_id']}/api-keys"

        def create(**body: Any) -> Any:
            return store_client.post(path, json=body, headers=ADMIN)

        refused(await create(rate_limit_per_minute=INT4), "rate_limit_per_minute")
        assert (await create(rate_limit_per_minute=INT4 - 1)).status_code == 201
        refused(await create(expires_at="9999-12-31T23:59:59-01:00"), "expires_at")
        assert (await create(expires_at="9999-12-31T23:59:59Z")).status_code == 201


def cursor_at(moment: str) -> str:
    raw = json.dumps([moment, str(uuid4())]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class TestInstants:
    @pytest.mark.parametrize(
        ("listing", "name", "value"),
        [
            ("sessions", "created_after", "0001-01-01T00:00:00%2B01:00"),
            ("sessions", "created_before", "9999-12-31T23:59:59-01:00"),
            *(
                (listing, "cursor", cursor_at(moment))
                for listing in ("sessions", "personas")
                for moment in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00")
            ),
        ],
    )
    async def test_instants_outside_years_1_to_9999(
        self, store_client: Any, listing: str, name: str, value: str
    ) -> None:
        tenant = await new_tenant(store_client)
        r = await store_client.get(
            f"/api/v1/interview/{listing}?{name}={value}", headers=auth(tenant)
        )
        refused(r, name, code="INVALID_CURSOR" if name == "cursor" else "INVALID_INPUT")

    async def test_filters_at_the_edges_of_the_calendar(self, store_client: Any) -> None:
        tenant = await new_tenant(store_client)
        await start(store_client, tenant)
        query = "created_after=0001-01-01T00:00:00Z&created_before=9999-12-31T23:59:59.999Z"
        r = await store_client.get(f"/api/v1/interview/sessions?{query}", headers=auth(tenant))
        assert (r.status_code, len(r.json()["data"])) == (200, 1)
