"""SQL statements per documented screen stay constant whatever the page size."""

from __future__ import annotations

from models.accounts.seed import DEMO_PASSWORD
from tests.applications.support import (
    STAFF_FIELDS,
    make_staff,
    make_version,
    new_citizen,
    staff_token,
    submitted,
)
from tests.helpers import post

QUEUE_SCREEN = f"""query($first: Int) {{ applicationQueue(first: $first) {{
  totalCount pageInfo {{ hasNextPage endCursor }}
  nodes {{ {STAFF_FIELDS} matterName department {{ name }}
           materialChecklist {{ name state }} }} }} }}"""
MY_SCREEN = """query($first: Int) { myApplications(first: $first) { totalCount nodes {
  id number status statusLabel matterName deadlineFlag deadline { dueOn flag }
  department { name } availableActions
  timeline { label occurredAt departmentName } documents { kind } } } }"""


async def _count(client, query: str, first: int, token: str) -> int:
    response = await post(client, query, {"first": first}, token=token)
    body = response.json()
    assert "errors" not in body, body
    return int(response.headers["X-SQL-Count"])


async def test_work_queue_statements_do_not_grow_with_the_page(client, app):
    region = "330182"  # a department of our own: the queue holds exactly our rows
    version = await make_version(region=region)
    worker = await make_staff(["CLERK"], region=region)
    token = await staff_token(client, worker.username, DEMO_PASSWORD)
    citizen = await new_citizen(client, app)
    for _ in range(6):
        await submitted(client, citizen, version)
    small = await _count(client, QUEUE_SCREEN, 2, token)
    large = await _count(client, QUEUE_SCREEN, 6, token)
    assert small == large
    assert large <= 12, large


async def test_my_applications_statements_do_not_grow_with_the_page(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    for _ in range(5):
        await submitted(client, citizen, version)
    assert await _count(client, MY_SCREEN, 1, citizen.token) == await _count(
        client, MY_SCREEN, 5, citizen.token)
