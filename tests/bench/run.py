"""`make bench`: the gateway against a plain strawberry baseline, in the same run.

Starts both with the same uvicorn set-up (one worker each), drives them with wrk
at 32 connections, and writes bench/results.json, bench/results.png and a table.
The baseline is measured three times (first, between the HTTP operations and the
scenario runs, last) and every ratio is to the median: on a shared machine the
same server's throughput moves by tens of per cent from minute to minute.

Besides the per-request operations: offline sync of 1,000 inspection records,
subscription fan-out to 10,000 subscribers (needs REDIS_URL: the update is
published to Redis as another worker would), and cold catalogue searches with a
million implementation rows (needs PostgreSQL; the rows are generated once).
Uses PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, else the
embedded defaults (a bench database under var/). BENCH_SECONDS sets the wrk
duration (default 30: every run opens 32 new connections at once, and their first
requests, slow while the server accepts them all together, must stay under the
1 % that p99 looks at); BENCH_SCENARIOS=0 skips the scenario runs."""

from __future__ import annotations

import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from tests.bench.operations import Operation, gateway_operations, post, staff_token
from tests.bench.wrk import WrkResult, run_wrk

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench"
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app: str, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port",
             str(self.port), "--log-level", "warning", "--no-access-log"],
            cwd=ROOT, env={**os.environ, **env})
        for _ in range(300):
            try:
                httpx.get(f"{self.url}/graphql", params={"query": "{__typename}"}, timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"{app} did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def prepare_database(env: dict[str, str]) -> None:
    for command in ("migrate", "seed"):
        subprocess.run([sys.executable, "-m", "api.cli", command], cwd=ROOT,
                       env={**os.environ, **env}, check=True)


def _sql_of(server: Server, op: Operation) -> int | None:
    with httpx.Client(base_url=server.url) as client:
        response = client.request(op.method, op.path, content=op.body, headers=op.headers)
        response.raise_for_status()
        assert "errors" not in response.json(), (op.name, response.text[:300])
        sql = response.headers.get("x-sql-count")
    return int(sql) if sql is not None else None


def measure(server: Server, op: Operation) -> tuple[WrkResult, tuple[int | None, int | None]]:
    """wrk's figures, and the SQL statements of the first request and of one after
    the run (the steady state, with caches warm)."""
    first = _sql_of(server, op)
    run_wrk(server.url + op.path, method=op.method, headers=op.headers, body=op.body,
            seconds=2)  # warm-up
    result = run_wrk(server.url + op.path, method=op.method, headers=op.headers,
                     body=op.body, seconds=SECONDS)
    return result, (first, _sql_of(server, op))


def row(name: str, result: WrkResult, sql: tuple[int | None, int | None]) -> dict:
    return {"name": name, "rps": round(result.rps, 1), "p50_ms": round(result.p50_ms, 2),
            "p99_ms": round(result.p99_ms, 2), "sql_per_request": sql[1],
            "sql_first_request": sql[0], "errors": result.errors}


def chart(rows: list[dict], path: Path) -> None:
    """Left: throughput of the per-request operations relative to the baseline.
    Right: p50 and p99 latency of everything, scenarios included (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    requests = [r for r in rows if "errors" in r]  # measured with wrk
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 0.42 * len(rows) + 1.6))
    names = [r["name"] for r in requests]
    left.barh(names, [r["ratio_to_baseline"] for r in requests],
              color=["#888" if n == "baseline_hello" else "#2b6cb0" for n in names])
    left.axvline(1.0, color="black", linewidth=0.8)
    left.set_xlabel("requests per second, relative to plain strawberry { hello }")
    left.invert_yaxis()
    labels = [r["name"] for r in rows]
    positions = range(len(rows))
    right.barh([p - 0.2 for p in positions], [r["p50_ms"] for r in rows], height=0.4,
               label="p50", color="#2b6cb0")
    right.barh([p + 0.2 for p in positions], [r["p99_ms"] for r in rows], height=0.4,
               label="p99", color="#e07b39")
    right.set_yticks(list(positions), labels)
    right.set_xscale("log")
    right.set_xlabel("latency, ms (log scale)")
    right.invert_yaxis()
    right.legend(loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def scenarios(gateway: Server, env: dict[str, str], scale: tuple | None) -> list[dict]:
    from tests.bench.fanout import run_fanout
    from tests.bench.scale import run_cold_search
    from tests.bench.sync import run_sync

    rows = asyncio.run(run_sync(gateway.url))
    print("  offline sync: done", flush=True)
    if os.environ.get("REDIS_URL"):
        with httpx.Client(base_url=gateway.url) as client:
            token = staff_token(client, "clerk.xihu")
        rows.append(asyncio.run(run_fanout(gateway.url, os.environ["REDIS_URL"], token)))
        print("  subscription fan-out: done", flush=True)
    else:
        print("  subscription fan-out skipped: it needs REDIS_URL", flush=True)
    if scale is not None:
        _count, terms, counties = scale
        rows.append(asyncio.run(run_cold_search(gateway.url, terms, counties)))
        print("  cold search at one million rows: done", flush=True)
    else:
        print("  search at one million rows skipped: it needs PostgreSQL", flush=True)
    return rows


def main() -> int:
    OUT.mkdir(exist_ok=True)
    env = {"APP_ENV": "dev", "LOG_LEVEL": "WARNING", "RATE_BUDGET": "1000000000",
           "GRAPHIQL": "false"}
    if not os.environ.get("DATABASE_URL"):
        (ROOT / "var").mkdir(exist_ok=True)
        env["DATABASE_URL"] = f"sqlite://{ROOT / 'var' / 'bench.sqlite3'}"
    prepare_database(env)
    run_scenarios = os.environ.get("BENCH_SCENARIOS", "1") != "0"
    scale = None
    if run_scenarios and env.get("DATABASE_URL", os.environ.get("DATABASE_URL", "")
                                 ).startswith("postgres"):
        from api.settings import from_env
        from tests.bench.scale import ensure_rows

        settings = replace(from_env(), database_url=os.environ["DATABASE_URL"])
        scale = asyncio.run(ensure_rows(settings))
        print(f"  catalogue: {scale[0]:,} implementation rows", flush=True)
    baseline_op = post("baseline_hello", "{ hello }")
    baseline_server = Server("tests.bench.baseline:app", {})
    gateway = Server("api.asgi:app", env)
    baselines: list[WrkResult] = []
    rows: list[dict] = []
    try:
        baselines.append(measure(baseline_server, baseline_op)[0])
        with httpx.Client(base_url=gateway.url) as client:
            operations = gateway_operations(client)
        for op in operations:
            result, sql = measure(gateway, op)
            rows.append(row(op.name, result, sql))
            print(f"  {op.name}: {result.rps:.0f} rps", flush=True)
        baselines.append(measure(baseline_server, baseline_op)[0])
        if run_scenarios:
            rows += scenarios(gateway, env, scale)
        baselines.append(measure(baseline_server, baseline_op)[0])
    finally:
        gateway.stop()
        baseline_server.stop()
    base = sorted(baselines, key=lambda b: b.rps)[len(baselines) // 2]  # the median run
    rows.insert(0, row("baseline_hello", base, (None, None)))
    for r in rows:
        r["ratio_to_baseline"] = round(r["rps"] / base.rps, 2)
        r["p99_over_p50"] = round(r["p99_ms"] / r["p50_ms"], 1) if r["p50_ms"] else None
    meta = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
            "database": "postgresql" if env.get("DATABASE_URL", os.environ.get(
                "DATABASE_URL", "")).startswith("postgres") else "sqlite",
            "redis": "redis" if os.environ.get("REDIS_URL") else "fakeredis",
            "connections": 32, "seconds": SECONDS,
            "baseline_runs_rps": [round(b.rps, 1) for b in baselines],
            "baseline_median_rps": round(base.rps, 1)}
    (OUT / "results.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    (OUT / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    chart(rows, OUT / "results.png")
    print(f"\n{meta['date']}  {meta['machine']}  {meta['database']} + {meta['redis']}")
    print(f"baseline runs (rps): {meta['baseline_runs_rps']}; ratios use the median")
    print(f"{'operation':40} {'rps':>9} {'p50 ms':>8} {'p99 ms':>8} {'p99/50':>6} {'sql':>5} "
          f"{'×base':>6}")
    for r in rows:
        sql = r["sql_per_request"]
        print(f"{r['name']:40} {r['rps']:9.1f} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} "
              f"{r['p99_over_p50'] or 0:6.1f} {sql if sql is not None else '-':>5} "
              f"{r['ratio_to_baseline']:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
