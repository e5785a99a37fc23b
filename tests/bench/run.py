"""`make bench`: the gateway against a plain strawberry baseline, in the same run.

Starts both with the same uvicorn set-up (one worker each), drives them with wrk
at 32 connections, and writes bench/results.json, bench/results.png and a table.
Uses PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, else the
embedded defaults (a bench database under var/)."""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from tests.bench.operations import Operation, gateway_operations, post
from tests.bench.wrk import WrkResult, run_wrk

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))


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


def measure(server: Server, op: Operation) -> tuple[WrkResult, int | None]:
    with httpx.Client(base_url=server.url) as client:
        response = client.request(op.method, op.path, content=op.body, headers=op.headers)
        response.raise_for_status()
        assert "errors" not in response.json(), (op.name, response.text[:300])
        sql = response.headers.get("x-sql-count")
    run_wrk(server.url + op.path, method=op.method, headers=op.headers, body=op.body,
            seconds=2)  # warm-up
    result = run_wrk(server.url + op.path, method=op.method, headers=op.headers,
                     body=op.body, seconds=SECONDS)
    return result, int(sql) if sql is not None else None


def row(name: str, result: WrkResult, sql: int | None, baseline: float) -> dict:
    return {"name": name, "rps": round(result.rps, 1), "p50_ms": round(result.p50_ms, 2),
            "p99_ms": round(result.p99_ms, 2), "sql_per_request": sql,
            "ratio_to_baseline": round(result.rps / baseline, 2), "errors": result.errors}


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [r["name"] for r in rows]
    ratios = [r["ratio_to_baseline"] for r in rows]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.2))
    ax.barh(names, ratios, color=["#888" if n == "baseline_hello" else "#2b6cb0" for n in names])
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlabel("requests per second, relative to plain strawberry { hello }")
    ax.invert_yaxis()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    env = {"APP_ENV": "dev", "LOG_LEVEL": "WARNING", "RATE_BUDGET": "1000000000",
           "GRAPHIQL": "false"}
    if not os.environ.get("DATABASE_URL"):
        (ROOT / "var").mkdir(exist_ok=True)
        env["DATABASE_URL"] = f"sqlite://{ROOT / 'var' / 'bench.sqlite3'}"
    prepare_database(env)
    baseline_server = Server("tests.bench.baseline:app", {})
    try:
        baseline, _ = measure(baseline_server, post("baseline_hello", "{ hello }"))
    finally:
        baseline_server.stop()
    rows = [row("baseline_hello", baseline, None, baseline.rps)]
    gateway = Server("api.asgi:app", env)
    try:
        with httpx.Client(base_url=gateway.url) as client:
            operations = gateway_operations(client)
        for op in operations:
            result, sql = measure(gateway, op)
            rows.append(row(op.name, result, sql, baseline.rps))
            print(f"  {op.name}: {result.rps:.0f} rps", flush=True)
    finally:
        gateway.stop()
    meta = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
            "database": "postgresql" if env.get("DATABASE_URL", os.environ.get(
                "DATABASE_URL", "")).startswith("postgres") else "sqlite",
            "redis": "redis" if os.environ.get("REDIS_URL") else "fakeredis",
            "connections": 32, "seconds": SECONDS}
    (OUT / "results.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    (OUT / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    chart(rows, OUT / "results.png")
    print(f"\n{meta['date']}  {meta['machine']}  {meta['database']} + {meta['redis']}")
    print(f"{'operation':40} {'rps':>9} {'p50 ms':>8} {'p99 ms':>8} {'sql':>4} {'×base':>6}")
    for r in rows:
        print(f"{r['name']:40} {r['rps']:9.1f} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} "
              f"{r['sql_per_request'] if r['sql_per_request'] is not None else '-':>4} "
              f"{r['ratio_to_baseline']:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
