"""The benchmark: the service against two ceilings, one machine, one run.

    make bench            (or: .venv/bin/python bench/run.py [--duration 10] [--quick])
    .venv/bin/python bench/run.py --baseline REV [--rounds 2] [--quick]

``--baseline`` measures a revision and the working tree in one run instead: both serve the
same requests, alternately, round after round; it prints the medians, the ratios and the
database round trips per endpoint of both (bench/baseline.py).

Needs a PostgreSQL server the role of ``ZENHIRE_BENCH_ADMIN_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) can create databases on; installs wrk from
Debian's packages when it is missing. Prints every figure, then the ratios to ceiling (b).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import baseline  # noqa: E402
import seed  # noqa: E402
from baseline import Tree  # noqa: E402

from zenhire.domain.signatures import signature_header  # noqa: E402

ADMIN_URL = os.environ.get(
    "ZENHIRE_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
DB_NAME = "zenhire_bench"  # --database NAME
CURRENT = baseline.current(DB_NAME)  # the working tree; main() sets it again for --database
PORT = int(os.environ.get("ZENHIRE_BENCH_PORT", "18741"))
# The server refuses secrets under 32 characters.
S2S_SECRET = "bench-s2s-3c8f1a6d9b2e5c0f7a4d1b8e6c3f0a9d"
ADMIN_TOKEN = "bench-admin-7d2a9c4f1e8b5d0a3c6f9e2b7d4a1c8e"
THREADS = 2
SEP = "\x1f"
API = "/api/v1/interview"


def bench_url(db: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{db}"


def server_env(workers: int, tree: Tree | None = None) -> dict[str, str]:
    tree = tree or CURRENT
    return {
        **tree.env(),
        "ZENHIRE_DATABASE_URL": bench_url(tree.db),
        "ZENHIRE_PORT": str(PORT),
        "ZENHIRE_HOST": "127.0.0.1",
        "ZENHIRE_WORKERS": str(workers),
        "ZENHIRE_S2S_SECRETS": S2S_SECRET,
        "ZENHIRE_ADMIN_TOKEN": ADMIN_TOKEN,
        "ZENHIRE_LOG_FORMAT": "json",
    }


# --- processes and CPU ------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each process still alive."""
    out: dict[int, float] = {}
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[p] = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    return out


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two readings by the processes alive at the second one."""
    return sum(v - before.get(p, 0.0) for p, v in after.items())


def postgres_pids() -> list[int]:
    pids = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            if comm.read_text().strip() == "postgres":
                pids.append(int(comm.parent.name))
        except OSError:
            pass
    return pids


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


@dataclass
class Server:
    process: subprocess.Popen[bytes]

    @property
    def workers(self) -> list[int]:
        """The processes that serve requests (the server itself when it has no children)."""
        kids = [p for p in tree(self.process.pid) if p != self.process.pid]
        py = [p for p in kids if "python" in Path(f"/proc/{p}/cmdline").read_text()]
        return py or [self.process.pid]


@contextmanager
def serving(
    cmd: list[str], workers: int, ready_path: str, tree: Tree | None = None
) -> Iterator[Server]:
    log = open(os.devnull, "wb")  # noqa: SIM115
    errors = tempfile.TemporaryFile()  # noqa: SIM115  # a pipe nobody reads would block the server
    proc = subprocess.Popen(cmd, env=server_env(workers, tree), stdout=log, stderr=errors)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                errors.seek(0)
                raise RuntimeError(errors.read().decode(errors="replace"))
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{ready_path}", timeout=1):
                    break
            except Exception:  # not up yet (connection refused, 404, 405)
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        if workers > 1:  # every worker must be up before the clock starts
            time.sleep(2)
        yield Server(proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -1
        log.close()
        if code != 0:  # a clean stop exits 0; anything else deserves a look
            errors.seek(0)
            tail = errors.read()[-2000:].decode(errors="replace")
            print(f"  server exited {code}: {tail}", flush=True)
        errors.close()


CEILING = [sys.executable, str(ROOT / "bench/ceilings.py")]


# --- load -------------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    connections: int
    workers: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    wraps: int
    cpu_server: float  # CPU seconds per 1,000 requests
    cpu_postgres: float
    cpu_wrk: float
    extra: dict[str, Any] = field(default_factory=dict)


def write_requests(lines: list[tuple[str, str, dict[str, str], bytes]]) -> str:
    fd, path = tempfile.mkstemp(prefix="zh-bench-", suffix=".req")
    with os.fdopen(fd, "w") as f:
        for method, target, headers, body in lines:
            hdrs = SEP.join(f"{k}: {v}" for k, v in headers.items())
            f.write(f"{method}\t{target}\t{hdrs}\t{body.decode()}\n")
    return path


def wrk(path: str, connections: int, seconds: float) -> tuple[dict[str, Any], float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [
            "wrk",
            f"-t{THREADS}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench/lua/replay.lua"),
            f"http://127.0.0.1:{PORT}",
            "--",
            path,
            str(THREADS),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    line = next(x for x in out.splitlines() if x.startswith("@@RESULT "))
    return json.loads(line[len("@@RESULT ") :]), used


def measure(
    name: str, server: Server, path: str, connections: int, seconds: float, workers: int
) -> Figure:
    pg0, srv0 = cpu_seconds(postgres_pids()), cpu_seconds(tree(server.process.pid))
    result, wrk_cpu = wrk(path, connections, seconds)
    pg1, srv1 = cpu_seconds(postgres_pids()), cpu_seconds(tree(server.process.pid))
    n = max(result["requests"], 1)
    errors = sum(
        result[k]
        for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    figure = Figure(
        name=name,
        connections=connections,
        workers=workers,
        rps=result["requests"] / (result["duration_us"] / 1e6),
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        errors=errors,
        wraps=result["wraps"],
        cpu_server=cpu_used(srv0, srv1) * 1000 / n,
        cpu_postgres=cpu_used(pg0, pg1) * 1000 / n,
        cpu_wrk=wrk_cpu * 1000 / n,
    )
    print(
        f"  {name:<14} c={connections:<4} w={workers} {figure.rps:8.0f} req/s  "
        f"p50 {figure.p50_ms:6.1f} ms  p99 {figure.p99_ms:6.1f} ms  errors {errors}  "
        f"wraps {figure.wraps}  cpu/1k req: server {figure.cpu_server:.2f}s "
        f"pg {figure.cpu_postgres:.2f}s wrk {figure.cpu_wrk:.2f}s",
        flush=True,
    )
    return figure


# --- request files ----------------------------------------------------------------------


def signed(path: str, body: dict[str, Any]) -> tuple[str, dict[str, str], bytes]:
    """Signed as a current backend signs (v1 and v2): v2 binds the path, so the equal
    completion bodies sent to many sessions are not taken for replays of one another."""
    raw = json.dumps(body, separators=(",", ":")).encode()
    header = signature_header(S2S_SECRET, int(time.time()), raw, method="POST", path=path)
    return path, {"Content-Type": "application/json", "X-Interview-Signature": header}, raw


def start_requests(ts: list[seed.Tenant], n: int = 2000) -> str:
    body = b'{"consent_mode":"explicit"}'
    return write_requests(
        [
            (
                "POST",
                f"{API}/personas/{t.personas[i % len(t.personas)]}/sessions",
                {"X-API-Key": t.key, "Content-Type": "application/json"},
                body,
            )
            for i in range(n)
            for t in [ts[i % len(ts)]]
        ]
    )


def verify_requests(tokens: list[tuple[int, str]]) -> str:
    return write_requests(
        [("POST", *signed(f"{API}/s2s/verify", {"token": raw})) for _, raw in tokens]
    )


def complete_requests(ids: list[uuid.UUID]) -> str:
    body = {"status": "completed", "delivery_id": "bench-1", "duration_sec": 600}
    return write_requests(
        [("POST", *signed(f"{API}/s2s/sessions/{sid}/complete", body)) for sid in ids]
    )


def get_requests(ts: list[seed.Tenant], sample: list[tuple[int, uuid.UUID]]) -> str:
    return write_requests(
        [("GET", f"{API}/sessions/{sid}", {"X-API-Key": ts[t].key}, b"") for t, sid in sample]
    )


def list_requests(ts: list[seed.Tenant], n: int = 2000) -> str:
    lines = []
    for i in range(n):
        t = ts[i % len(ts)]
        after = (datetime.now(UTC) - timedelta(days=10 + i % 60)).strftime("%Y-%m-%dT%H:%M:%SZ")
        persona = t.personas[i % len(t.personas)]
        target = (
            f"{API}/sessions?status=completed&persona_id={persona}&created_after={after}&limit=20"
        )
        lines.append(("GET", target, {"X-API-Key": t.key}, b""))
    return write_requests(lines)


# --- phases -----------------------------------------------------------------------------


class Bench:
    def __init__(
        self, seconds: float, levels: list[int], memory_requests: int, tree: Tree | None = None
    ) -> None:
        self.tree = tree or CURRENT
        self.seed = self.tree.seed()  # the tree's own: it writes rows in the tree's schema
        self.seconds = seconds
        self.levels = levels
        self.memory_requests = memory_requests
        self.figures: list[Figure] = []
        self.notes: dict[str, Any] = {}

    async def conn(self) -> asyncpg.Connection:
        return await asyncpg.connect(bench_url(self.tree.db))

    async def prepare(self, reuse: bool) -> None:
        saved = ROOT / f"bench/results/seed-{self.tree.db}.json"
        if reuse and saved.exists():
            data = json.loads(saved.read_text())
            self.tenants = [
                self.seed.Tenant(
                    uuid.UUID(t["client_id"]), t["key"], [uuid.UUID(p) for p in t["personas"]]
                )
                for t in data["tenants"]
            ]
            self.sample = [(i, uuid.UUID(s)) for i, s in data["sample"]]
            self.migrate()  # the code may have gained a migration since
            return
        admin = await asyncpg.connect(ADMIN_URL)
        await admin.execute(f"DROP DATABASE IF EXISTS {self.tree.db} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {self.tree.db}")
        await admin.close()
        self.migrate()
        conn = await self.conn()
        t0 = time.monotonic()
        self.tenants = await self.seed.tenants(conn, 100, 5)
        await self.seed.history(conn, 10_000)
        self.sample = await self.seed.sample_sessions(conn, self.tenants, 20_000)
        total = await conn.fetchval("SELECT count(*) FROM sessions")
        await conn.close()
        print(
            f"seeded {total:,} sessions of {len(self.tenants)} clients "
            f"in {time.monotonic() - t0:.0f} s",
            flush=True,
        )
        self.notes["seeded_sessions"] = total
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(
            json.dumps(
                {
                    "tenants": [
                        {
                            "client_id": str(t.client_id),
                            "key": t.key,
                            "personas": [str(p) for p in t.personas],
                        }
                        for t in self.tenants
                    ],
                    "sample": [[i, str(s)] for i, s in self.sample],
                }
            )
        )

    def migrate(self) -> None:
        subprocess.run(
            self.tree.command("migrate"),
            env=server_env(1, self.tree),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    async def end_live(self) -> None:
        """Finish the interviews earlier runs left live, so every admission run counts the
        same (near empty) set: real clients have caps of a few interviews, not thousands."""
        conn = await self.conn()
        await conn.execute(
            "UPDATE sessions SET status = 'completed', ended_at = now(), completed_at = now()"
            " WHERE status = 'active'"
        )
        await conn.close()

    async def pending(self, n: int) -> list[tuple[int, str]]:
        await self.end_live()
        conn = await self.conn()
        tokens = await self.seed.pending_links(conn, self.tenants, n)
        await conn.execute("ANALYZE sessions")
        await conn.close()
        return tokens

    async def live(self, n: int, deadline_in: timedelta) -> list[uuid.UUID]:
        await self.end_live()
        conn = await self.conn()
        ids = await self.seed.live_interviews(conn, self.tenants, n, deadline_in=deadline_in)
        await conn.execute("ANALYZE sessions")
        await conn.close()
        return ids

    def budget(self, rps: float) -> int:
        """One-time requests to prepare for a run: twice what the run can send, or more."""
        return max(5_000, int(rps * self.seconds * 2))

    async def service(self, workers: int, levels: list[int], names: set[str]) -> None:
        start, get, lst = (
            start_requests(self.tenants),
            get_requests(self.tenants, self.sample),
            list_requests(self.tenants),
        )
        serve = self.tree.command("serve")
        with serving(serve, workers, "/api/v1/health/ready", self.tree) as server:
            wrk(get, 32, 2)  # warm the pool and the statement caches
            for c in levels:
                rate = 0.0
                for name in ("start", "verify", "complete", "get", "list"):
                    if name not in names:
                        continue
                    if name == "start":
                        wrk(start, c, 1)
                        f = measure("start session", server, start, c, self.seconds, workers)
                        rate = f.rps
                    elif name == "verify":
                        tokens = await self.pending(self.budget(rate) + 2_000)
                        wrk(verify_requests(tokens[:2_000]), c, 1)
                        f = measure(
                            "verify (admit)",
                            server,
                            verify_requests(tokens[2_000:]),
                            c,
                            self.seconds,
                            workers,
                        )
                        f.extra["now_active"] = await self.admitted(tokens[2_000:])
                        print(
                            f"  check: {f.extra['now_active']:,} of the run's links are now"
                            f" active; wrk counted {f.errors} non-2xx",
                            flush=True,
                        )
                    elif name == "complete":
                        ids = await self.live(self.budget(rate) + 2_000, timedelta(hours=1))
                        wrk(complete_requests(ids[:2_000]), c, 1)
                        f = measure(
                            "complete",
                            server,
                            complete_requests(ids[2_000:]),
                            c,
                            self.seconds,
                            workers,
                        )
                    elif name == "get":
                        f = measure("get session", server, get, c, self.seconds, workers)
                    else:
                        wrk(lst, c, 1)
                        f = measure("list sessions", server, lst, c, self.seconds, workers)
                    self.figures.append(f)

    async def admitted(self, tokens: list[tuple[int, str]]) -> int:
        """How many of the run's links are active now (must equal the 2xx count)."""
        import hashlib

        conn = await self.conn()
        digests = [hashlib.sha256(raw.encode()).digest() for _, raw in tokens]
        n: int = await conn.fetchval(
            "SELECT count(*) FROM sessions WHERE token_digest = ANY($1::bytea[])"
            " AND status = 'active'",
            digests,
        )
        await conn.close()
        return n

    def ceilings(
        self, levels: list[int], workers: int = 1, which: tuple[str, ...] = ("bare", "naive")
    ) -> None:
        start = start_requests(self.tenants)
        labels = {"bare": "ceiling (a)", "naive": "ceiling (b)"}
        for name in which:
            with serving([*CEILING, name], workers, "/ready") as server:
                wrk(start, 32, 2)
                for c in levels:
                    self.figures.append(
                        measure(labels[name], server, start, c, self.seconds, workers)
                    )

    async def memory(self) -> None:
        """RSS of one worker after 100,000 and after 300,000 mixed requests."""
        mixed_lines = []
        for i in range(3_000):
            t = self.tenants[i % len(self.tenants)]
            j, sid = self.sample[i % len(self.sample)]
            tj = self.tenants[j]
            mixed_lines.append(
                (
                    "POST",
                    f"{API}/personas/{t.personas[0]}/sessions",
                    {"X-API-Key": t.key, "Content-Type": "application/json"},
                    b'{"consent_mode":"explicit","tags":["m"]}',
                )
            )
            mixed_lines.append(("GET", f"{API}/sessions/{sid}", {"X-API-Key": tj.key}, b""))
            mixed_lines.append(
                ("GET", f"{API}/sessions?status=completed&limit=20", {"X-API-Key": t.key}, b"")
            )
        path = write_requests(mixed_lines)
        marks = sorted({self.memory_requests // 3, self.memory_requests})
        seen: dict[int, float] = {}
        total = 0
        with serving(self.tree.command("serve"), 1, "/api/v1/health/ready", self.tree) as server:
            worker = server.workers[0]
            start_rss = rss_mib(worker)
            while len(seen) < len(marks):
                result, _ = wrk(path, 32, 5)
                total += result["requests"]
                for m in marks:
                    if total >= m and m not in seen:
                        seen[m] = rss_mib(worker)
                        print(
                            f"  memory: {total:,} requests, worker RSS {seen[m]:.1f} MiB",
                            flush=True,
                        )
        first, last = seen[marks[0]], seen[marks[-1]]
        self.notes["memory"] = {
            "at_start_mib": round(start_rss, 1),
            "requests": total,
            "rss_mib": {str(k): round(v, 1) for k, v in seen.items()},
            "change_percent": round((last - first) / first * 100, 1),
        }

    async def close_expired(self, n: int = 100_000) -> None:
        t0 = time.monotonic()  # the command with nothing to close: start-up and one empty sweep
        subprocess.run(
            self.tree.command("close-expired"),
            env=server_env(1, self.tree),
            check=True,
            capture_output=True,
        )
        idle = time.monotonic() - t0
        await self.live(n, timedelta(minutes=-1))
        t0 = time.monotonic()
        out = subprocess.run(
            self.tree.command("close-expired"),
            env=server_env(1, self.tree),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        elapsed = time.monotonic() - t0
        conn = await self.conn()
        left = await conn.fetchval(
            "SELECT count(*) FROM sessions WHERE status = 'active' AND deadline_at <= now()"
        )
        await conn.close()
        report = json.loads(out.strip().splitlines()[-1])
        print(
            f"  close-expired: {n:,} overdue → {elapsed:.1f} s (the same command with nothing"
            f" to close: {idle:.1f} s), report {report}, left overdue {left}",
            flush=True,
        )
        self.notes["close_expired"] = {
            "overdue": n,
            "seconds": round(elapsed, 2),
            "seconds_with_nothing_to_close": round(idle, 2),
            "report": report,
            "left_overdue": left,
        }


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    print("installing wrk from Debian's packages", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def report(bench: Bench, started: datetime) -> None:
    by = {(f.name, f.connections, f.workers): f for f in bench.figures}
    print(
        f"\n## Results — {started:%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}, {bench.seconds:.0f} s per run\n"
    )
    print(
        "| endpoint | conns | workers | req/s | p50 ms | p99 ms | errors | "
        "CPU s/1k req: server / postgres / wrk |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for f in bench.figures:
        print(
            f"| {f.name} | {f.connections} | {f.workers} | {f.rps:.0f} | {f.p50_ms:.1f} | "
            f"{f.p99_ms:.1f} | {f.errors} | {f.cpu_server:.2f} / {f.cpu_postgres:.2f} / "
            f"{f.cpu_wrk:.2f} |"
        )
    print("\n| endpoint | conns | workers | service / ceiling (b) | service / ceiling (a) |")
    print("|---|---|---|---|---|")
    for f in bench.figures:
        if f.name.startswith("ceiling"):
            continue
        b = by.get(("ceiling (b)", f.connections, f.workers))
        a = by.get(("ceiling (a)", f.connections, f.workers))
        if b:
            versus_a = f"{f.rps / a.rps:.2f}" if a else "–"
            print(
                f"| {f.name} | {f.connections} | {f.workers} | {f.rps / b.rps:.2f} | {versus_a} |"
            )
    print("\n" + json.dumps(bench.notes, indent=2, default=str))
    out = ROOT / "bench/results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(
        json.dumps(
            {
                "started": started.isoformat(),
                "node": platform.node(),
                "figures": [asdict(f) for f in bench.figures],
                "notes": bench.notes,
            },
            indent=2,
            default=str,
        )
    )


async def compare(
    revision: str, rounds: int, seconds: float, levels: list[int], reuse: bool
) -> None:
    """``revision`` against the working tree: the service's endpoints on both, alternately
    (the order flips every round, so neither always runs on the warmer machine), then the
    database round trips of both. Each tree serves its own database, seeded alike."""
    started = datetime.now(UTC)
    names = {"start", "verify", "complete", "get", "list"}
    with baseline.baseline(revision, f"{CURRENT.db}_baseline") as base:
        trees = [base, CURRENT]
        benches = [Bench(seconds, levels, 0, tree) for tree in trees]
        for bench in benches:
            print(f"{bench.tree.label}: database {bench.tree.db}", flush=True)
            await bench.prepare(reuse)
        for r in range(rounds):
            for bench in benches if r % 2 == 0 else benches[::-1]:
                print(f"round {r + 1}/{rounds}, {bench.tree.label}, 1 worker", flush=True)
                await bench.service(1, levels, names)
        print(
            f"\n## {base.label} against the working tree — {started:%Y-%m-%d %H:%M} UTC, "
            f"{platform.node()}, {os.cpu_count()} CPUs, {rounds} rounds of {seconds:.0f} s, "
            "medians over the rounds; ratio = working tree / baseline"
        )
        summary = baseline.print_ratios(trees, {b.tree.label: b.figures for b in benches})
        print("\nDatabase round trips per request (bench/roundtrips.py of each tree)")
        url = os.environ.get("ZENHIRE_TEST_DATABASE_URL", ADMIN_URL)
        counted = [baseline.round_trips(tree, url) for tree in trees]
        baseline.print_round_trips(trees, counted)
    out = ROOT / "bench/results"
    out.mkdir(exist_ok=True)
    (out / "compare.json").write_text(
        json.dumps(
            {
                "started": started.isoformat(),
                "node": platform.node(),
                "baseline": base.label,
                "throughput": summary,
                "round_trips": {t.label: rows for t, rows in zip(trees, counted, strict=True)},
                "figures": {b.tree.label: [asdict(f) for f in b.figures] for b in benches},
            },
            indent=2,
            default=str,
        )
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measured run")
    parser.add_argument("--quick", action="store_true", help="32 connections, short memory run")
    parser.add_argument("--reuse", action="store_true", help="keep the last run's database")
    parser.add_argument("--only", default="", help="comma-separated phases to run")
    parser.add_argument("--database", default=DB_NAME, help="the bench database's name")
    parser.add_argument("--baseline", metavar="REV", help="compare REV with the working tree")
    parser.add_argument("--rounds", type=int, default=2, help="with --baseline: rounds per tree")
    args = parser.parse_args()
    global CURRENT
    CURRENT = baseline.current(args.database)
    levels = [32] if args.quick else [32, 128]
    if args.baseline:
        ensure_wrk()
        await compare(args.baseline, args.rounds, args.duration, levels, args.reuse)
        return
    phases = (
        set(args.only.split(","))
        if args.only
        else {"service", "ceilings", "workers", "memory", "close-expired", "webhooks"}
    )
    ensure_wrk()
    started = datetime.now(UTC)
    bench = Bench(args.duration, levels, 60_000 if args.quick else 300_000)
    await bench.prepare(args.reuse)
    all_names = {"start", "verify", "complete", "get", "list"}
    if "service" in phases:
        print("service, 1 worker", flush=True)
        await bench.service(1, levels, all_names)
    if "ceilings" in phases:
        print("ceilings", flush=True)
        bench.ceilings(levels)
    if "workers" in phases:
        print("service and ceiling (b), 2 workers", flush=True)
        await bench.service(2, [32], all_names)
        bench.ceilings([32], workers=2, which=("naive",))
    if "memory" in phases:
        print("memory", flush=True)
        await bench.memory()
    if "close-expired" in phases:
        print("close-expired", flush=True)
        await bench.close_expired()
    if "webhooks" in phases:
        print("webhooks: deliveries per second, 2 processes (bench/webhooks.py)", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench/webhooks.py")], check=True)
    report(bench, started)


if __name__ == "__main__":
    asyncio.run(main())
