"""``/metrics`` with several workers reports the totals of all of them (api.md §10.3).

A real ``zenhire serve`` with ``WORKERS=2`` on Postgres: requests and scrapes each go over a
fresh connection, so both workers answer some of each; every scrape must report them all.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.harness import S2S_SECRET
from tests.servers import ZENHIRE, free_port, wait_healthy

pytestmark = pytest.mark.postgres

ROUTE = "/api/v1/health/ready"  # one wait_healthy never calls


def wait_for_workers(log: Path, n: int, timeout: float = 180) -> None:
    """Until ``n`` workers have started (one answering is not enough: requests could then
    all land on it, and any counting would look right)."""
    deadline = time.monotonic() + timeout
    while log.read_text().count("Application startup complete") < n:
        assert time.monotonic() < deadline, f"{n} workers did not start"
        time.sleep(0.1)


@contextmanager
def two_workers(pg_url: str, tmp: Path, **extra: str) -> Iterator[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ZENHIRE_") and k != "PROMETHEUS_MULTIPROC_DIR"
    }
    port = free_port()
    env.update(
        ZENHIRE_DATABASE_URL=pg_url,
        ZENHIRE_S2S_SECRETS=S2S_SECRET,
        ZENHIRE_WORKERS="2",
        ZENHIRE_PORT=str(port),
        ZENHIRE_SWEEP_INTERVAL_SECONDS="3600",
        TMPDIR=str(tmp),
        **extra,
    )
    log = tmp.with_name(f"{tmp.name}-{port}.log")
    with log.open("w") as out:
        proc = subprocess.Popen([ZENHIRE, "serve"], env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_workers(log, 2)
        wait_healthy(url)
        yield url
    finally:
        proc.terminate()
        assert proc.wait(timeout=60) == 0


def answered(url: str, n: int) -> None:
    for _ in range(n):  # a new connection each: the kernel hands them to either worker
        assert httpx.get(url + ROUTE).status_code == 200


def scraped_total(url: str) -> float:
    text = httpx.get(url + "/metrics").text
    return sum(
        s.value
        for family in text_string_to_metric_families(text)
        if family.name == "zenhire_requests"
        for s in family.samples
        if s.name == "zenhire_requests_total" and s.labels["path"] == ROUTE
    )


def test_every_scrape_reports_all_workers(pg_url: str, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with two_workers(pg_url, tmp) as url:
        answered(url, 30)
        assert [scraped_total(url) for _ in range(12)] == [30.0] * 12
        answered(url, 10)
        assert [scraped_total(url) for _ in range(12)] == [40.0] * 12
        # PROMETHEUS_MULTIPROC_DIR was unset: the service made its own directory …
        assert [p.name.startswith("zenhire-metrics-") for p in tmp.iterdir()] == [True]
    assert list(tmp.iterdir()) == []  # … and removed it on exit


def test_a_given_directory_starts_empty(pg_url: str, tmp_path: Path) -> None:
    shared = tmp_path / "metrics"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with two_workers(pg_url, tmp, PROMETHEUS_MULTIPROC_DIR=str(shared)) as url:
        answered(url, 5)
        assert scraped_total(url) == 5.0
    with two_workers(pg_url, tmp, PROMETHEUS_MULTIPROC_DIR=str(shared)) as url:
        answered(url, 3)  # the earlier run's 5 are not added
        assert [scraped_total(url) for _ in range(6)] == [3.0] * 6
