"""Access-control helpers other domains reuse, and staff account visibility."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from auth.errors import Forbidden, Unauthenticated
from auth.permissions import (
    StaffScope,
    acts_for_enterprise,
    can_see_account,
    may_see_pii,
    region_prefix,
    require_device,
    require_enterprise,
    scope_for_staff,
)
from auth.viewer import ANONYMOUS, Viewer
from models.accounts.seed import account_id
from schema.node import to_global_id
from tests.accounts.support import make_staff
from tests.helpers import gql, staff_token

NODE = "query($id: ID!) { node(id: $id) { ... on Account { displayName department { code } } } }"

CLERK = Viewer(kind="STAFF", account_id="c1", roles=frozenset({"CLERK"}), department_id="d1",
               region_code="330106")
SUPERVISOR = Viewer(kind="STAFF", account_id="s1", roles=frozenset({"SUPERVISOR"}),
                    department_id="d9", region_code="330100")
SYSADMIN = Viewer(kind="STAFF", account_id="a1", roles=frozenset({"SYSTEM_ADMIN"}))
CITIZEN = Viewer(kind="CITIZEN", account_id="p1", roles=frozenset({"CITIZEN"}))
ACTING = Viewer(kind="CITIZEN", account_id="p2", roles=frozenset({"CITIZEN", "ENTERPRISE_USER"}),
                enterprise_ids=frozenset({"e1"}), acting_enterprise_id="e1",
                enterprise_role="AGENT")


def test_region_prefixes_follow_gb_t_2260():
    assert [region_prefix(c) for c in ("330000", "330100", "330106")] == ["33", "3301", "330106"]


def test_staff_scope_by_role():
    assert scope_for_staff(SYSADMIN).filters() == {}
    assert scope_for_staff(SUPERVISOR).filters() == {"department__region_id__startswith": "3301"}
    assert scope_for_staff(CLERK).filters(department_field="dept") == {"dept": "d1"}
    assert scope_for_staff(CITIZEN).nothing
    assert scope_for_staff(ANONYMOUS).filters() == {"department_id__in": []}


def test_staff_scope_on_one_row():
    assert scope_for_staff(CLERK).allows("d1", "330106")
    assert not scope_for_staff(CLERK).allows("d2", "330106")
    assert scope_for_staff(SUPERVISOR).allows("d2", "330106")
    assert not scope_for_staff(SUPERVISOR).allows("d2", "330212")
    assert not StaffScope().allows("d1", "330106")


def test_account_visibility_matrix():
    staff_d1 = SimpleNamespace(id="x", kind="STAFF", department_id="d1", region_code="330106")
    citizen = SimpleNamespace(id="p1", kind="CITIZEN", department_id=None, region_code=None)
    assert can_see_account(CITIZEN, citizen)  # owner
    assert not can_see_account(ACTING, citizen)
    assert not can_see_account(CLERK, citizen)  # through the records they handle only
    assert can_see_account(SYSADMIN, citizen)
    assert can_see_account(CLERK, staff_d1) and can_see_account(SUPERVISOR, staff_d1)
    assert not can_see_account(CITIZEN, staff_d1)


def test_personal_data_only_for_its_owner():
    assert may_see_pii(CITIZEN, "p1")
    assert not may_see_pii(SYSADMIN, "p1") and not may_see_pii(ANONYMOUS, "p1")


def test_enterprise_helpers():
    assert acts_for_enterprise(ACTING, "e1") and not acts_for_enterprise(ACTING, "e2")
    assert not acts_for_enterprise(ACTING, "e1", roles=["LEGAL_REPRESENTATIVE"])
    require_enterprise(ACTING, "e1")
    with pytest.raises(Forbidden):
        require_enterprise(ACTING, "e1", roles=["LEGAL_REPRESENTATIVE"])
    with pytest.raises(Forbidden):
        require_enterprise(CITIZEN)
    with pytest.raises(Unauthenticated):
        require_enterprise(ANONYMOUS)


def test_handheld_only_operations():
    with pytest.raises(Forbidden):
        require_device(CLERK)
    require_device(Viewer(kind="STAFF", account_id="i", device_id="HH-1"))


async def test_staff_see_colleagues_in_scope_and_nobody_else(client):
    colleague = to_global_id("Account", account_id("inspector.xihu.1"))
    yinzhou = to_global_id("Account", account_id("clerk.yinzhou"))
    clerk = await staff_token(client, "clerk.xihu")
    seen = (await gql(client, NODE, {"id": colleague}, token=clerk))["node"]
    assert seen == {"displayName": "陈执法", "department": {"code": "330106-market"}}
    assert (await gql(client, NODE, {"id": yinzhou}, token=clerk))["node"] is None
    supervisor = await staff_token(client, "supervisor.hz")
    assert (await gql(client, NODE, {"id": colleague}, token=supervisor))["node"] is not None
    assert (await gql(client, NODE, {"id": yinzhou}, token=supervisor))["node"] is None
    assert (await gql(client, NODE, {"id": yinzhou}, token=await staff_token(
        client, "sysadmin")))["node"] is not None


async def test_staff_tokens_carry_department_and_region(client):
    import jwt

    staff = await make_staff(["APPROVER"], region="330212", kind="hrss")
    claims = jwt.decode(await staff_token(client, staff.username),
                        options={"verify_signature": False})
    assert claims["region"] == "330212" and claims["dept"] == str(staff.department_id)
