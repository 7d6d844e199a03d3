"""A slow database link on one process: what it costs the other process's requests.

    .venv/bin/python bench/neighbour_fault.py [--latency-ms 300] [--seconds 20] [--workers 2]

Two ``zenhire serve`` processes share one database; the second reaches it through a TCP
proxy (tests/latency_proxy.py) that delays every chunk by ``--latency-ms`` in each direction.
Both run the same cycles for one client (start a session, verify = admission, complete =
charge; tests/neighbour_load.py); the slow one has its sessions started by the healthy one,
so it spends its time on the client's row, as a loaded neighbour would. First a phase without the fault, then one with it; each
prints the healthy process's latency percentiles over the steps that take the client's row
(verify and complete) and the answers by status, then the slow process's.

Needs a PostgreSQL server on which the role of ``ZENHIRE_BENCH_ADMIN_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) may create databases.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.latency_proxy import LatencyProxy  # noqa: E402
from tests.neighbour_load import Samples, Tenant, drive, new_tenant, percentile  # noqa: E402
from tests.servers import ZENHIRE, zenhire_servers  # noqa: E402

ADMIN_URL = os.environ.get(
    "ZENHIRE_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
DB_NAME = "zenhire_bench_neighbours"
S2S_SECRET = "bench-s2s-5e1c9a7f3b2d8e4a6c0f1b9d7e3a5c2f"


def database_url() -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{DB_NAME}"


async def fresh_database() -> None:
    admin = await asyncpg.connect(ADMIN_URL)
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {DB_NAME}")
    finally:
        await admin.close()


def report(name: str, samples: Samples) -> str:
    locked = [s.seconds * 1000 for s in samples.of("verify", "complete")]
    every = [s.seconds * 1000 for s in samples.items]
    codes = sorted({s.code for s in samples.items if s.code})
    return (
        f"  {name}: {len(samples.of('complete'))} cycles;"
        f" verify+complete p50 {percentile(locked, 50):.0f} ms,"
        f" p90 {percentile(locked, 90):.0f} ms, p99 {percentile(locked, 99):.0f} ms,"
        f" max {max(locked, default=0):.0f} ms; all steps p90 {percentile(every, 90):.0f} ms;"
        f" statuses {dict(sorted(samples.statuses('start', 'verify', 'complete').items()))}"
        + (f"; errors {codes}" if codes else "")
    )


async def phase(
    urls: list[str], tenant: Tenant, seconds: float, workers: tuple[int, int]
) -> tuple[Samples, Samples]:
    healthy, slow = await asyncio.gather(
        drive(urls[0], S2S_SECRET, tenant, workers=workers[0], seconds=seconds),
        drive(urls[1], S2S_SECRET, tenant, workers=workers[1], seconds=seconds, start_at=urls[0]),
    )
    return healthy, slow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-ms", type=float, default=300.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2, help="concurrent cycles, healthy")
    parser.add_argument(
        "--neighbour-workers", type=int, default=8, help="concurrent cycles, slow process"
    )
    args = parser.parse_args()

    asyncio.run(fresh_database())
    url = database_url()
    env = {**os.environ, "ZENHIRE_DATABASE_URL": url}
    subprocess.run([ZENHIRE, "migrate"], env=env, check=True, capture_output=True)
    common = {"s2s_secrets": S2S_SECRET, "sweep_interval_seconds": "3600"}
    with (
        tempfile.TemporaryDirectory() as workdir,
        LatencyProxy.to_database(url) as proxy,
        zenhire_servers(
            Path(workdir),
            {"database_url": url, **common},
            {"database_url": proxy.url(url), **common},
        ) as (healthy, slow),
    ):
        tenant = asyncio.run(new_tenant(healthy.url, healthy.admin_token, credits=10**9, cap=10**6))
        urls = [healthy.url, slow.url]
        workers = (args.workers, args.neighbour_workers)
        print(f"one client; concurrent cycles: healthy {workers[0]}, neighbour {workers[1]}")
        print("no fault:")
        h, s = asyncio.run(phase(urls, tenant, args.seconds / 2, workers))
        print(report("healthy", h))
        print(report("neighbour", s))
        proxy.delay = args.latency_ms / 1000
        print(f"neighbour's database link +{args.latency_ms:.0f} ms each way:")
        h, s = asyncio.run(phase(urls, tenant, args.seconds, workers))
        print(report("healthy", h))
        print(report("neighbour", s))


if __name__ == "__main__":
    main()
