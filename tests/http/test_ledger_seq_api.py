"""The API exposes ledger ``seq`` (api.md §5): on the credits view and on an operator grant."""

from __future__ import annotations

from typing import Any

from tests.http.helpers import ADMIN, auth, new_tenant


async def test_ledger_rows_expose_seq_newest_first(client: Any) -> None:
    tenant = await new_tenant(client, credits=10)
    granted = await client.post(
        f"/api/v1/admin/clients/{tenant['client_id']}/credits",
        json={"amount": 5, "reason": "top-up"},
        headers=ADMIN,
    )
    assert granted.status_code == 201
    assert (granted.json()["seq"], granted.json()["balance_after"]) == (2, 15)
    rows = (await client.get("/api/v1/credits", headers=auth(tenant))).json()
    assert [(r["seq"], r["amount"], r["balance_after"]) for r in rows["recent_transactions"]] == [
        (2, 5, 15),
        (1, 10, 10),
    ]
