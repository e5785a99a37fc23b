"""Offline sync of 1,000 inspection records, as a handheld sends them after a day
without network: batches of 100 (the API's input-list limit), then the whole
queue again, as a phone does when the replies were lost (all DUPLICATE, nothing
written twice).

Set-up goes through the API too: 1,000 subjects imported under a unique
industry, a plan drawn over them with every 食品安全 inspector of 西湖区 on
each task, and one record per task from inspector.xihu.1."""

from __future__ import annotations

import statistics
import time

import httpx

from tests.helpers import gql, staff_token
from tests.inspections.support import (
    FOOD_POOL,
    SYNC,
    current_food_form,
    drawn_plan,
    import_subjects,
    industry,
    record_input,
    record_payload,
    subject_rows,
)

TASK_PAGE = """query($id: ID!, $after: String) { inspectionTasks(planId: $id, first: 100,
  after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }"""
BATCH = 100


async def _tasks(client: httpx.AsyncClient, token: str, plan_id: str) -> list[str]:
    ids: list[str] = []
    after = None
    while True:
        page = (await gql(client, TASK_PAGE, {"id": plan_id, "after": after}, token=token)
                )["inspectionTasks"]
        ids += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        after = page["pageInfo"]["endCursor"]


async def _send_all(client: httpx.AsyncClient, token: str, records: list[dict]
                    ) -> tuple[float, list[float], list[int], list[str]]:
    latencies, statements, outcomes = [], [], []
    started = time.perf_counter()
    for start in range(0, len(records), BATCH):
        t0 = time.perf_counter()
        response = await client.post("/graphql", json={
            "query": SYNC, "variables": {"input": {"records": records[start:start + BATCH]}}},
            headers={"Authorization": f"Bearer {token}"})
        latencies.append(time.perf_counter() - t0)
        body = response.json()
        assert "errors" not in body, body["errors"]
        statements.append(int(response.headers.get("x-sql-count", "0")))
        outcomes += [r["outcome"] for r in body["data"]["inspectionRecordsSync"]["results"]]
    return time.perf_counter() - started, latencies, statements, outcomes


def _row(name: str, count: int, elapsed: float, latencies: list[float],
         statements: list[int]) -> dict:
    ordered = sorted(latencies)
    return {"name": name, "rps": round(count / elapsed, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p99_ms": round(ordered[-1] * 1000, 2),  # ten batches: the slowest
            "sql_per_request": round(statistics.mean(statements), 1),
            "records": count, "batch": BATCH, "total_ms": round(elapsed * 1000, 1)}


async def run_sync(server_url: str, records: int = 1000) -> list[dict]:
    async with httpx.AsyncClient(base_url=server_url, timeout=120) as client:
        admin = await staff_token(client, "admin.xihu")
        trade = industry()
        await import_subjects(client, admin, subject_rows(records, trade))
        plan_id = await drawn_plan(client, admin, trade, count=records,
                                   inspectorsPerSubject=FOOD_POOL)
        tasks = await _tasks(client, admin, plan_id)
        assert len(tasks) == records, len(tasks)
        form = await current_food_form(client)
        token = await staff_token(client, "inspector.xihu.1")
        queue = [record_input(record_payload(task, form)) for task in tasks]
        first = await _send_all(client, token, queue)
        assert first[3] == ["ACCEPTED"] * records, set(first[3])
        again = await _send_all(client, token, queue)
        assert again[3] == ["DUPLICATE"] * records, set(again[3])
    return [_row(f"offline_sync_{records}_records", records, *first[:3]),
            _row(f"offline_sync_{records}_records_resent", records, *again[:3])]
