"""Load for one client from several ``zenhire serve`` processes: the neighbour-fault harness.

Each cycle starts a session, verifies its token (an admission: takes the client's row) and
reports it completed (a charge: takes the client's row again), on one process. Both the
fault test (tests/integration) and the benchmark (bench/neighbour_fault.py) drive the same
cycles, so what the benchmark times is what the test checks.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from zenhire.domain.signatures import signature_header

API = "/api/v1/interview"


@dataclass(frozen=True)
class Tenant:
    client_id: str
    api_key: str
    persona_id: str


@dataclass(frozen=True)
class Sample:
    step: str  # "start", "verify" or "complete"
    status: int  # 0: no answer (transport error)
    seconds: float
    code: str | None = None  # the error code of a 4xx/5xx answer


@dataclass
class Samples:
    items: list[Sample] = field(default_factory=list)

    def of(self, *steps: str) -> list[Sample]:
        return [s for s in self.items if s.step in steps]

    def statuses(self, *steps: str) -> dict[int, int]:
        counts: dict[int, int] = {}
        for s in self.of(*steps):
            counts[s.status] = counts.get(s.status, 0) + 1
        return counts


async def new_tenant(url: str, admin_token: str, *, credits: int, cap: int) -> Tenant:
    """A client (with ``credits`` and a cap of ``cap`` live interviews), a key and a persona."""
    admin = {"Authorization": f"Bearer {admin_token}"}
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        body = {"name": "Neighbours", "credits": credits, "max_concurrent_interviews": cap}
        client = (await http.post("/api/v1/admin/clients", json=body, headers=admin)).json()
        key = (
            await http.post(
                f"/api/v1/admin/clients/{client['id']}/api-keys",
                json={"rate_limit_per_minute": 1_000_000},
                headers=admin,
            )
        ).json()["key"]
        persona = (
            await http.post(
                f"{API}/personas",
                json={"role_name": "Engineer", "language": "en"},
                headers={"X-API-Key": key},
            )
        ).json()
    return Tenant(client["id"], key, persona["id"])


def _signed(secret: str, path: str, body: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body, separators=(",", ":")).encode()
    header = signature_header(secret, int(time.time()), raw, method="POST", path=path)
    return raw, {"Content-Type": "application/json", "X-Interview-Signature": header}


async def _timed(samples: Samples, step: str, call: Any) -> httpx.Response | None:
    began = time.perf_counter()
    try:
        response: httpx.Response = await call
    except httpx.TransportError:
        samples.items.append(Sample(step, 0, time.perf_counter() - began))
        return None
    code = None
    if response.status_code >= 400:
        code = response.json().get("error", {}).get("code")
    samples.items.append(Sample(step, response.status_code, time.perf_counter() - began, code))
    return response


async def cycle(
    http: httpx.AsyncClient,
    starter: httpx.AsyncClient,
    secret: str,
    tenant: Tenant,
    samples: Samples,
    n: int,
) -> None:
    """Start (through ``starter``), verify and complete one session; every answer is
    recorded."""
    started = await _timed(
        samples,
        "start",
        starter.post(
            f"{API}/personas/{tenant.persona_id}/sessions",
            json={"consent_mode": "explicit"},
            headers={"X-API-Key": tenant.api_key},
        ),
    )
    if started is None or started.status_code != 201:
        return
    session = started.json()
    path = f"{API}/s2s/verify"
    raw, headers = _signed(secret, path, {"token": session["candidate_link"].split("#t=")[1]})
    verified = await _timed(samples, "verify", http.post(path, content=raw, headers=headers))
    if verified is None or verified.status_code != 200:
        return
    path = f"{API}/s2s/sessions/{session['id']}/complete"
    body = {"status": "completed", "delivery_id": f"d-{n}", "duration_sec": 61}
    raw, headers = _signed(secret, path, body)
    await _timed(samples, "complete", http.post(path, content=raw, headers=headers))


async def drive(
    url: str,
    secret: str,
    tenant: Tenant,
    *,
    workers: int,
    seconds: float,
    cycles: int = 10**6,
    start_at: str | None = None,
    until: Callable[[], bool] = lambda: False,
) -> Samples:
    """``workers`` concurrent loops of cycles against ``url`` for ``seconds`` (or until
    ``cycles`` cycles in all); returns every answer with its time. ``start_at``: another
    process that starts the sessions, so this one spends its time on the client's row;
    ``until``: stop early once it answers True."""
    samples = Samples()
    deadline = time.monotonic() + seconds
    counter = iter(range(cycles))

    async def loop(http: httpx.AsyncClient, starter: httpx.AsyncClient) -> None:
        for n in counter:
            if time.monotonic() >= deadline or until():
                return
            await cycle(http, starter, secret, tenant, samples, n)

    async with (
        httpx.AsyncClient(base_url=url, timeout=120) as http,
        httpx.AsyncClient(base_url=start_at or url, timeout=120) as starter,
    ):
        await asyncio.gather(*(loop(http, starter) for _ in range(workers)))
    return samples


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]
