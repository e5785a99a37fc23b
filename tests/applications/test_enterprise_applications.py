"""Applications filed for an enterprise belong to the enterprise: every session acting
for it sees them, the same person's personal session does not."""

from __future__ import annotations

import random

from models.identity.rules import credit_code_check_char
from tests.accounts.support import sms_sign_in
from tests.accounts.test_enterprise_users import LINK, SWITCH
from tests.applications.support import (
    APPLICATION,
    MY_APPLICATIONS,
    STAFF_APPLICATION,
    Citizen,
    gql,
    make_version,
    staff_id,
    staff_token,
    submitted,
)


async def _acting(client, app, clerk: str, credit_code: str) -> tuple[Citizen, Citizen]:
    """(personal session, session acting for the enterprise) of a new linked person."""
    person = await sms_sign_in(client, app)
    link = (await gql(client, LINK, {"input": {"creditCode": credit_code,
                                               "enterpriseName": "测试餐饮有限公司",
                                               "phone": person["phone"], "role": "AGENT"}},
                      token=clerk))["enterpriseLinkCreate"]
    assert link["errors"] == []
    acting = (await gql(client, SWITCH, {"input": {
        "refreshToken": person["refreshToken"],
        "enterpriseId": link["link"]["enterprise"]["id"]}}, token=person["accessToken"])
    )["authEnterpriseSwitch"]
    return (Citizen(person["accessToken"], person["phone"], ""),
            Citizen(acting["accessToken"], person["phone"], ""))


async def test_an_enterprise_application_is_seen_by_its_agents_only(client, app):
    version = await make_version()
    clerk = await staff_token(client, "clerk.xihu")
    first17 = f"91330106MA2{random.randrange(10**6):06d}"
    code = first17 + credit_code_check_char(first17)
    personal, acting = await _acting(client, app, clerk, code)
    _, colleague = await _acting(client, app, clerk, code)

    filed = await submitted(client, acting, version)
    for token, count in ((acting.token, 1), (colleague.token, 1), (personal.token, 0)):
        listed = (await gql(client, MY_APPLICATIONS, {"first": 10}, token=token)
                  )["myApplications"]
        assert listed["totalCount"] == count
    assert (await gql(client, APPLICATION, {"id": filed["id"]}, token=personal.token)
            )["application"] is None
    staff_view = (await gql(client, STAFF_APPLICATION.replace(
        "side availableActions", "side availableActions enterprise { creditCode }"),
        {"id": staff_id(filed["id"])}, token=clerk))["staffApplication"]
    assert staff_view["enterprise"] == {"creditCode": code}
