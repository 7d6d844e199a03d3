"""Console pages with real data: p95 render time of the overview and the sessions list.

Seeds 1,000,000 sessions (bench/seed.py: 100 clients x 10,000, spread over 90 days) into a
database of its own, serves it with one worker, signs a client's owner in through the
console's own forms, then times sequential page loads (a person clicking, not a load test):
the overview (its 30-day chart included), the sessions list, and the list with filters.
Writes bench/results/console.json. Needs a local PostgreSQL (ZENHIRE_BENCH_ADMIN_URL).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import seed  # noqa: E402

ADMIN_URL = os.environ.get(
    "ZENHIRE_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
DB = "zenhire_bench_console"
PORT = int(os.environ.get("ZENHIRE_BENCH_PORT", "18741")) + 1
ADMIN_TOKEN = "bench-admin-7d2a9c4f1e8b5d0a3c6f9e2b7d4a1c8e"
S2S_SECRET = "bench-s2s-3c8f1a6d9b2e5c0f7a4d1b8e6c3f0a9d"
PASSWORD = "bench console passphrase"
ROUNDS = 200
BUDGET_MS = 150.0
ZENHIRE = str(Path(sys.executable).with_name("zenhire"))
CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def db_url() -> str:
    return ADMIN_URL.rpartition("/")[0] + "/" + DB


def env() -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    return {
        **keep,
        "ZENHIRE_DATABASE_URL": db_url(),
        "ZENHIRE_PORT": str(PORT),
        "ZENHIRE_S2S_SECRETS": S2S_SECRET,
        "ZENHIRE_ADMIN_TOKEN": ADMIN_TOKEN,
        "ZENHIRE_LOG_FORMAT": "json",
        "ZENHIRE_CONSOLE_SECURE_COOKIES": "false",
    }


async def prepare() -> list[seed.Tenant]:
    admin = await asyncpg.connect(ADMIN_URL)
    await admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    await admin.execute(f"CREATE DATABASE {DB}")
    await admin.close()
    subprocess.run([ZENHIRE, "migrate"], env=env(), check=True, stdout=subprocess.DEVNULL)
    conn = await asyncpg.connect(db_url())
    try:
        started = time.perf_counter()
        tenants = await seed.tenants(conn, 100, 5)
        await seed.history(conn, 10_000)
        total = await conn.fetchval("SELECT count(*) FROM sessions")
        print(f"seeded {total:,} sessions in {time.perf_counter() - started:.0f} s")
        return tenants
    finally:
        await conn.close()


def sign_in(http: httpx.Client, client_id: str) -> None:
    """Invite an owner (admin API), set the password and sign in through the forms."""
    invited = http.post(
        f"/api/v1/admin/clients/{client_id}/users",
        json={"email": "bench-owner@example.com", "role": "owner"},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    path = "/console/invite/" + invited.json()["invite_url"].rsplit("/", 1)[1]
    token = CSRF.search(http.get(path).text).group(1)  # type: ignore[union-attr]
    http.post(path, data={"csrf": token, "password": PASSWORD, "confirm": PASSWORD})
    token = CSRF.search(http.get("/console/login").text).group(1)  # type: ignore[union-attr]
    answer = http.post(
        "/console/login",
        data={"csrf": token, "email": "bench-owner@example.com", "password": PASSWORD},
    )
    if answer.status_code != 303:
        raise SystemExit(f"sign-in failed: {answer.status_code}")


def timed(http: httpx.Client, path: str) -> dict[str, float]:
    for _ in range(10):  # warm-up: connections, prepared statements, caches
        http.get(path)
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        answer = http.get(path)
        samples.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"{path}: {answer.status_code}")
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
        "max_ms": round(samples[-1], 1),
    }


def main() -> int:
    tenants = asyncio.run(prepare())
    server = subprocess.Popen(
        [ZENHIRE, "serve"], env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=30) as http:
            sign_in(http, str(tenants[0].client_id))
            today = datetime.now(UTC).date()
            persona = tenants[0].personas[2]
            pages = {
                "overview": "/console/",
                "sessions": "/console/sessions",
                "sessions, filtered": (
                    f"/console/sessions?status=completed&tag=batch-3&persona_id={persona}"
                    f"&from={today - timedelta(days=60)}&to={today - timedelta(days=30)}"
                ),
                "sessions, candidate ref": "/console/sessions?candidate_ref=cand-1500",
            }
            results = {name: timed(http, path) for name, path in pages.items()}
    finally:
        server.terminate()
        server.wait(timeout=60)
    report = {
        "sessions_seeded": 1_000_000,
        "rounds": ROUNDS,
        "budget_p95_ms": BUDGET_MS,
        "pages": results,
    }
    out = ROOT / "bench/results/console.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"console pages over 1,000,000 sessions, {ROUNDS} sequential loads each:")
    for name, figures in results.items():
        verdict = "ok" if figures["p95_ms"] < BUDGET_MS else f"OVER {BUDGET_MS:.0f} ms"
        print(
            f"  {name:<26} p50 {figures['p50_ms']:>7.1f} ms   p95 {figures['p95_ms']:>7.1f} ms"
            f"   ({verdict})"
        )
    return 0 if all(f["p95_ms"] < BUDGET_MS for f in results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
