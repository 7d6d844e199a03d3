"""HTTP test helpers: signed S2S calls and tenant set-up through the admin API."""

from __future__ import annotations

import json
import time
from typing import Any

from litestar.testing import AsyncTestClient

from tests.harness import ADMIN_TOKEN, S2S_SECRET
from zenhire.domain.signatures import signature_header

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
Client = AsyncTestClient  # type: ignore[type-arg]


async def signed_post(
    client: Any,
    path: str,
    body: dict[str, Any] | bytes,
    *,
    secret: str = S2S_SECRET,
    at: int | None = None,
    header: str | None = None,
    v2: bool = True,
) -> Any:
    """POST ``body`` signed as a current backend signs (``v1`` and ``v2``; ``v2=False``: the
    original ``v1`` only), or with ``header`` as given."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    t = int(time.time()) if at is None else at
    target = {"method": "POST", "path": path.partition("?")[0]} if v2 else {}
    sig = header if header is not None else signature_header(secret, t, raw, **target)
    return await client.post(
        path,
        content=raw,
        headers={"X-Interview-Signature": sig, "Content-Type": "application/json"},
    )


async def verify(client: Any, token: str) -> Any:
    return await signed_post(client, "/api/v1/interview/s2s/verify", {"token": token})


async def complete(client: Any, session_id: str, **body: Any) -> Any:
    body.setdefault("status", "completed")
    body.setdefault("delivery_id", "d-1")
    return await signed_post(client, f"/api/v1/interview/s2s/sessions/{session_id}/complete", body)


async def new_tenant(client: Any, credits: int = 100, **extra: Any) -> dict[str, str]:
    """A client with a key and a persona, made through the HTTP admin and integrator APIs."""
    c = (
        await client.post(
            "/api/v1/admin/clients",
            json={"name": "Acme", "credits": credits, **extra},
            headers=ADMIN,
        )
    ).json()
    k = (
        await client.post(f"/api/v1/admin/clients/{c['id']}/api-keys", json={}, headers=ADMIN)
    ).json()
    headers = {"X-API-Key": k["key"]}
    p = (
        await client.post(
            "/api/v1/interview/personas",
            json={"role_name": "Engineer", "language": "en"},
            headers=headers,
        )
    ).json()
    return {"client_id": c["id"], "key": k["key"], "key_id": k["id"], "persona_id": p["id"]}


def auth(tenant: dict[str, str]) -> dict[str, str]:
    return {"X-API-Key": tenant["key"]}


async def start(client: Any, tenant: dict[str, str], **body: Any) -> Any:
    body.setdefault("consent_mode", "explicit")
    return await client.post(
        f"/api/v1/interview/personas/{tenant['persona_id']}/sessions",
        json=body,
        headers=auth(tenant),
    )


def token(created: dict[str, Any]) -> str:
    return str(created["candidate_link"].split("#t=", 1)[1])
