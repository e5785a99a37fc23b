"""Drive wrk (Debian's package) and read its latency distribution."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = """
wrk.method = "{method}"
{headers}
{body}
"""


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, *, method: str = "GET", headers: dict[str, str] | None = None,
            body: str | None = None, seconds: int = 10, connections: int = 32,
            threads: int = 2) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed: `apt-get install wrk` (make bench does it)")
    lines = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in (headers or {}).items())
    body_line = f"wrk.body = [==[{body}]==]" if body is not None else ""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "request.lua"
        script.write_text(_SCRIPT.format(method=method, headers=lines, body=body_line))
        out = subprocess.run(
            [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
             "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))

    def parse(p: str) -> float:
        value, unit = re.match(r"([\d.]+)(\w+)", percentiles[p]).groups()
        return _ms(value, unit)

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors:.*?timeout (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    errors += int(socket_errors.group(1)) if socket_errors else 0
    return WrkResult(rps=rps, p50_ms=parse("50"), p99_ms=parse("99"), errors=errors)
