"""Statistics per department and region, configurable time limits, FAQ upkeep, SQL per screen."""

from __future__ import annotations

from tests.consultations.support import (
    EVALUATE,
    NODE,
    QUEUE,
    REPLY,
    citizen,
    dept,
    run,
    staff,
    submitted,
)
from tests.helpers import error_codes, gql, gql_raw, post, staff_token

STATS = """query($department: ID, $region: String) {
  consultationStats(departmentId: $department, regionCode: $region) {
    overall { total replied averageHandlingDays onTimeRate evaluations satisfactionRate
              badRate score }
    byKind { kind count }
    byDepartment { department { id } figures { total replied } } } }"""
LIMITS = """query($region: String!) { consultationTimeLimits(regionCode: $region) {
  kind workingDays isDefault } }"""
SET_LIMIT = """mutation($input: ConsultationTimeLimitSetInput!) {
  consultationTimeLimitSet(input: $input) { limits { kind workingDays isDefault }
    errors { code field } } }"""
FAQ_CREATE = """mutation($input: ConsultationFaqCreateInput!) {
  consultationFaqCreate(input: $input) { faq { id question keywords region { code } }
    errors { code field } } }"""
FAQS = """query($q: String, $region: String) {
  consultationFaqs(q: $q, regionCode: $region, first: 50) { nodes { id question } } }"""
FAQ_RETIRE = """mutation($input: ConsultationFaqRetireInput!) {
  consultationFaqRetire(input: $input) { faq { id active } errors { code } } }"""

# 萧山区教育局 takes only this module's consultations, so its figures are exact.
REGION, KIND = "330109", "education"


async def test_department_figures_count_volume_timeliness_and_satisfaction(client, app):
    clerk = await staff(client, ["CLERK"], region=REGION, kind=KIND)
    department = dept(REGION, KIND)
    ratings = [5, 4, 2]
    for index, rating in enumerate(ratings):
        token = await citizen(client, app)
        made = await submitted(client, token, kind="COMPLAINT" if index else "SUGGESTION",
                               regionCode=None, departmentId=department,
                               content=f"关于学校课后服务收费的第{index + 1}条意见。")
        await run(client, REPLY, "consultationReply", clerk, id=made["id"],
                  reply="已转学校核实，将按规定整改。")
        await run(client, EVALUATE, "consultationEvaluate", token, id=made["id"], rating=rating)
    admin = await staff(client, ["DEPT_ADMIN"], region=REGION, kind=KIND)
    stats = (await gql(client, STATS, {"department": department}, token=admin))[
        "consultationStats"]
    overall = stats["overall"]
    assert overall["total"] == 3 and overall["replied"] == 3
    assert overall["averageHandlingDays"] == 0 and overall["onTimeRate"] == 1
    assert overall["evaluations"] == 3
    assert abs(overall["satisfactionRate"] - 0.6667) < 1e-9
    assert abs(overall["badRate"] - 0.3333) < 1e-9 and overall["score"] == 3.67
    counts = {k["kind"]: k["count"] for k in stats["byKind"]}
    assert counts["COMPLAINT"] == 2 and counts["SUGGESTION"] == 1
    assert [d["department"]["id"] for d in stats["byDepartment"]] == [department]

    # a supervisor of the city sees it in the region's figures; other departments get null
    hz = await staff_token(client, "supervisor.hz")
    region = (await gql(client, STATS, {"region": REGION}, token=hz))["consultationStats"]
    assert region["overall"]["total"] >= 3
    other = await staff(client, ["DEPT_ADMIN"], region=REGION, kind="hrss")
    assert (await gql(client, STATS, {"department": department}, token=other))[
        "consultationStats"] is None
    assert (await gql(client, STATS, {"region": "330212"}, token=hz))["consultationStats"] \
        is None
    codes = error_codes(await gql_raw(client, STATS, {}, token=clerk))
    assert codes == ["FORBIDDEN"]


async def test_an_administrator_sets_a_regions_time_limit(client, app):
    region = "330114"  # 钱塘区: only this test changes its limits
    before = {x["kind"]: x for x in (await gql(client, LIMITS, {"region": region}))[
        "consultationTimeLimits"]}
    assert before["CONSULTATION"] == {"kind": "CONSULTATION", "workingDays": 1, "isDefault": True}
    sysadmin = await staff_token(client, "sysadmin")
    bad = (await gql(client, SET_LIMIT, {"input": {"regionCode": region, "kind": "COMPLAINT",
                                                   "workingDays": 0}}, token=sysadmin))
    assert bad["consultationTimeLimitSet"]["errors"][0]["code"] == "INVALID_TIME_LIMIT"
    done = (await gql(client, SET_LIMIT, {"input": {"regionCode": region, "kind": "COMPLAINT",
                                                    "workingDays": 3}}, token=sysadmin))
    limits = {x["kind"]: x for x in done["consultationTimeLimitSet"]["limits"]}
    assert limits["COMPLAINT"] == {"kind": "COMPLAINT", "workingDays": 3, "isDefault": False}
    token = await citizen(client, app)
    made = await submitted(client, token, kind="COMPLAINT", regionCode=region,
                           content="小区附近工地夜间施工噪声扰民。")
    assert made["timeLimitDays"] == 3
    admin = await staff_token(client, "admin.xihu")
    refused = await gql_raw(client, SET_LIMIT, {"input": {"regionCode": region,
                                                          "kind": "HELP", "workingDays": 2}},
                            token=admin)
    assert error_codes(refused) == ["FORBIDDEN"]


async def test_a_department_admin_adds_an_faq_that_answers_at_once(client, app):
    admin = await staff(client, ["DEPT_ADMIN"], kind="transport")
    faq = {"question": "西湖区共享单车乱停放怎么反映？",
           "answer": "可拨打 12345 或在“浙里办”随手拍反映，运营企业须在 2 小时内清理。",
           "keywords": ["共享单车", "乱停"]}
    made = (await gql(client, FAQ_CREATE, {"input": faq}, token=admin))["consultationFaqCreate"]
    assert made["errors"] == [] and made["faq"]["region"]["code"] == "330106"
    listed = (await gql(client, FAQS, {"q": "共享单车", "region": "330106"}))["consultationFaqs"]
    assert made["faq"]["id"] in [f["id"] for f in listed["nodes"]]
    nearby = (await gql(client, FAQS, {"q": "共享单车", "region": "330212"}))["consultationFaqs"]
    assert made["faq"]["id"] not in [f["id"] for f in nearby["nodes"]]
    token = await citizen(client, app)
    asked = await submitted(client, token, content="门口共享单车乱停太多了怎么办？")
    assert asked["answerSource"] == "FAQ" and "12345" in asked["reply"]
    elsewhere = await submitted(client, token, regionCode="330212",
                                content="门口共享单车乱停太多了怎么办？")
    assert elsewhere["answerSource"] != "FAQ"
    retired = (await gql(client, FAQ_RETIRE, {"input": {"id": made["faq"]["id"]}}, token=admin))
    assert retired["consultationFaqRetire"]["faq"]["active"] is False
    later = await submitted(client, token, content="门口共享单车乱停太多了怎么办？")
    assert later["answerSource"] != "FAQ"
    bad = (await gql(client, FAQ_CREATE, {"input": {"question": "问题？", "answer": "答案太短",
                                                    "keywords": []}}, token=admin))
    assert bad["consultationFaqCreate"]["errors"][0]["code"] == "INVALID_FAQ"


async def test_screens_run_a_fixed_number_of_statements(client, app):
    token = await citizen(client, app)
    made = await submitted(client, token, kind="COMPLAINT", content="超市价格标签与结算不一致。")
    clerk = await staff(client, ["CLERK"])
    # the detail screen: consultation, timeline, department(s), region, matter, sender
    detail = await post(client, NODE, {"id": made["id"]}, token=token)
    assert "errors" not in detail.json()
    assert int(detail.headers["x-sql-count"]) <= 7
    # the queue screen: page, count, departments
    queue = await post(client, QUEUE, {"first": 50}, token=clerk)
    assert "errors" not in queue.json()
    assert int(queue.headers["x-sql-count"]) <= 3
