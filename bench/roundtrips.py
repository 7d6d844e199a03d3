"""Database round trips per endpoint (statements + BEGIN + COMMIT), over a real Postgres.

Usage: ZENHIRE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
       .venv/bin/python bench/roundtrips.py
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litestar.testing import AsyncTestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from tests.harness import ADMIN_TOKEN, S2S_SECRET, World
from tests.pg import throwaway_database

from zenhire.domain.signatures import signature_header
from zenhire.entrypoints.http.app import create_app

counter = {"n": 0}


@event.listens_for(Engine, "before_cursor_execute")
def _statement(*_: Any) -> None:
    counter["n"] += 1


@event.listens_for(Engine, "begin")
def _begin(*_: Any) -> None:
    counter["n"] += 1


@event.listens_for(Engine, "commit")
def _commit(*_: Any) -> None:
    counter["n"] += 1


async def measure(label: str, call: Any) -> Any:
    counter["n"] = 0
    response = await call
    print(f"| {label} | {response.status_code} | {counter['n']} |")
    return response


def signed(body: dict[str, Any]) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    header = signature_header(S2S_SECRET, int(time.time()), raw)
    return {"content": raw, "headers": {"X-Interview-Signature": header}}


async def main() -> None:
    os.environ.setdefault("CI", "")
    async with throwaway_database() as url:
        world = World(database_url=url)
        app = create_app(world.settings, *world.providers()[1:])
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        async with AsyncTestClient(app) as c:
            world.clock.set(__import__("datetime").datetime.now(__import__("datetime").UTC))
            client = (
                await c.post(
                    "/api/v1/admin/clients", json={"name": "b", "credits": 100}, headers=admin
                )
            ).json()
            key = (
                await c.post(
                    f"/api/v1/admin/clients/{client['id']}/api-keys", json={}, headers=admin
                )
            ).json()["key"]
            h = {"X-API-Key": key}
            print("| endpoint | status | round trips |\n|---|---|---|")
            p = (
                await measure(
                    "POST /personas",
                    c.post(
                        "/api/v1/interview/personas",
                        json={"role_name": "r", "language": "en"},
                        headers=h,
                    ),
                )
            ).json()
            s = (
                await measure(
                    "POST /personas/{id}/sessions",
                    c.post(
                        f"/api/v1/interview/personas/{p['id']}/sessions",
                        json={"consent_mode": "explicit"},
                        headers=h,
                    ),
                )
            ).json()
            token = s["candidate_link"].split("#t=")[1]
            await measure(
                "POST /s2s/verify (admit)",
                c.post("/api/v1/interview/s2s/verify", **signed({"token": token})),
            )
            await measure(
                "POST /s2s/verify (reconnect)",
                c.post("/api/v1/interview/s2s/verify", **signed({"token": token})),
            )
            await measure(
                "POST /s2s/sessions/{id}/complete",
                c.post(
                    f"/api/v1/interview/s2s/sessions/{s['id']}/complete",
                    **signed({"status": "completed", "delivery_id": "d", "duration_sec": 61}),
                ),
            )
            await measure(
                "POST /s2s/sessions/{id}/complete (replay)",
                c.post(
                    f"/api/v1/interview/s2s/sessions/{s['id']}/complete",
                    **signed({"status": "completed", "delivery_id": "d", "duration_sec": 61}),
                ),
            )
            await measure(
                "GET /sessions/{id}", c.get(f"/api/v1/interview/sessions/{s['id']}", headers=h)
            )
            await measure(
                "GET /sessions?status&tag&metadata",
                c.get("/api/v1/interview/sessions?status=completed&tag=x&metadata.k=v", headers=h),
            )
            await measure(
                "GET /sessions/{id}/events",
                c.get(f"/api/v1/interview/sessions/{s['id']}/events", headers=h),
            )
            await measure("GET /credits", c.get("/api/v1/credits", headers=h))
        await world.close()


if __name__ == "__main__":
    asyncio.run(main())
