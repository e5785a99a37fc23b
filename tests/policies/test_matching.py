"""Matching policies to an enterprise: its region and ancestors, industry and size, newest first."""

from __future__ import annotations

from tests.accounts.support import sms_sign_in
from tests.helpers import error_codes, gql, gql_raw, post
from tests.policies.support import MATCHES, PROFILE, SET_PROFILE, enterprise_session


def _fits(policy: dict, region: str, industry: str | None, size: str | None) -> bool:
    chain = {region, region[:4] + "00", region[:2] + "0000"}
    return ((policy["region"] is None or policy["region"]["code"] in chain)
            and (industry is None or not policy["industries"]
                 or industry in policy["industries"])
            and (size is None or not policy["enterpriseSizes"]
                 or size in policy["enterpriseSizes"]))


async def _all(client, token) -> list[dict]:
    found, after = [], None
    while True:
        page = (await gql(client, MATCHES, {"first": 100, "after": after}, token=token))[
            "policyMatches"]
        found += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def test_without_a_profile_the_region_comes_from_the_credit_code(client, app):
    token = await enterprise_session(client, app, region="330106")
    profile = (await gql(client, PROFILE, token=token))["policyProfile"]
    assert profile == {"industry": None, "size": None, "declared": False,
                       "region": {"code": "330106"}}
    matches = await _all(client, token)
    assert matches and all(_fits(p, "330106", None, None) for p in matches)
    assert all(p["status"] == "PUBLISHED" for p in matches)
    dates = [p["issuedOn"] for p in matches]
    assert dates == sorted(dates, reverse=True)


async def test_a_small_software_company_in_xihu_gets_what_fits_it(client, app):
    token = await enterprise_session(client, app, region="330106")
    set_ = (await gql(client, SET_PROFILE, {"input": {
        "regionCode": "330106", "industry": "INFORMATION_TECHNOLOGY", "size": "SMALL"}},
        token=token))["policyProfileSet"]
    assert set_["errors"] == [] and set_["profile"]["declared"] is True
    matches = await _all(client, token)
    titles = [p["title"] for p in matches]
    assert all(_fits(p, "330106", "INFORMATION_TECHNOLOGY", "SMALL") for p in matches)
    assert "杭州市高新技术企业认定奖励办法" in titles
    assert "浙江省首台（套）装备认定和奖励办法" not in titles  # manufacturing only
    assert not any(t.startswith("宁波市") for t in titles)  # another city
    assert any(p["level"] == "NATIONAL" for p in matches)
    through = [m for p in matches for m in p["applyThrough"]]
    assert any(m["basicCode"] == "JF0200007000" and m["name"] == "失业保险稳岗返还"
               for m in through)


async def test_a_micro_restaurant_in_yinzhou_gets_catering_relief(client, app):
    token = await enterprise_session(client, app, region="330212")
    await gql(client, SET_PROFILE, {"input": {"regionCode": "330212",
                                              "industry": "ACCOMMODATION_CATERING",
                                              "size": "MICRO"}}, token=token)
    titles = [p["title"] for p in await _all(client, token)]
    assert "浙江省住宿餐饮业纾困帮扶若干措施" in titles
    assert not any(t.startswith("杭州市") for t in titles)
    assert "浙江省制造业企业技术改造项目补助办法" not in titles


async def test_matching_is_for_enterprise_sessions(client, app):
    assert error_codes(await gql_raw(client, MATCHES, {"first": 5})) == ["UNAUTHENTICATED"]
    person = await sms_sign_in(client, app)
    assert error_codes(await gql_raw(client, MATCHES, {"first": 5},
                                     token=person["accessToken"])) == ["FORBIDDEN"]
    refused = await gql_raw(client, SET_PROFILE, {"input": {
        "regionCode": "330106", "industry": "FINANCE", "size": "LARGE"}},
        token=person["accessToken"])
    assert error_codes(refused) == ["FORBIDDEN"]
    token = await enterprise_session(client, app)
    bad = (await gql(client, SET_PROFILE, {"input": {"regionCode": "999999",
                                                     "industry": "FINANCE", "size": "LARGE"}},
                     token=token))["policyProfileSet"]
    assert bad["errors"][0] == {"code": "REGION_NOT_FOUND", "field": ["input", "regionCode"]}


async def test_the_matching_screen_runs_a_fixed_number_of_statements(client, app):
    token = await enterprise_session(client, app)
    response = await post(client, MATCHES, {"first": 20}, token=token)
    assert "errors" not in response.json()
    assert int(response.headers["x-sql-count"]) <= 8, response.headers["x-sql-count"]
