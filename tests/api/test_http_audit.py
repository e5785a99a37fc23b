"""graphql-http's server audits against a live server: no MUST or SHOULD failure."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

AUDIT_DIR = Path(__file__).resolve().parent.parent / "http_audit"


@pytest.mark.live
async def test_graphql_over_http_audits_pass(live_server):
    node = shutil.which("node")
    assert node, "node is needed for the audit (make test installs its packages)"
    assert (AUDIT_DIR / "node_modules" / "graphql-http").is_dir(), "run `make audit-deps`"
    async with live_server() as server:
        process = await asyncio.create_subprocess_exec(
            node, str(AUDIT_DIR / "audit.mjs"), f"{server.url}/graphql",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    results = json.loads(out)["results"]
    assert len(results) > 40
    failures = [f"{r['name']}: {r['reason']}" for r in results
                if r["status"] in ("error", "warn")]
    assert failures == []
