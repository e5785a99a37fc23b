"""一件事: one request fans out into linked applications for several departments."""

from __future__ import annotations

from models.catalogue.tables import LifeEvent
from schema.node import to_global_id
from tests.applications.support import (
    ATTACH,
    gql,
    key,
    new_citizen,
    staff_id,
    staff_token,
    upload_pdf,
)

CREATE = """mutation($input: ApplicationBundleCreateInput!) {
  applicationBundleCreate(input: $input) {
  bundle { id kind name skipped applications { id status matterName department { name }
    materialChecklist { materialId name required deferrable } } }
  errors { code field message } } }"""
SUBMIT = """mutation($input: ApplicationBundleSubmitInput!) {
  applicationBundleSubmit(input: $input) {
  bundle { applications { id status number } } errors { code field message } } }"""


async def test_a_life_event_fans_out_and_is_submitted_all_or_nothing(client, app):
    event = await LifeEvent.get(code="YJS0006")  # 开办餐饮店一件事 (demo catalogue)
    citizen = await new_citizen(client, app)
    request = {"idempotencyKey": key(), "lifeEventId": to_global_id("LifeEvent", event.id),
               "regionCode": "330106"}
    made = (await gql(client, CREATE, {"input": request}, token=citizen.token)
            )["applicationBundleCreate"]
    assert made["errors"] == []
    bundle = made["bundle"]
    again = (await gql(client, CREATE, {"input": request}, token=citizen.token)
             )["applicationBundleCreate"]["bundle"]
    assert again["id"] == bundle["id"]
    apps = bundle["applications"]
    assert [a["matterName"] for a in apps] == [
        "个体工商户设立登记", "食品经营许可", "城镇污水排入排水管网许可",
        "建设项目环境影响登记表备案"]
    assert {a["department"]["name"] for a in apps} == {
        "西湖区市场监督管理局", "西湖区住房和城乡建设局", "西湖区生态环境局"}
    assert len(bundle["skipped"]) == 2 and "消防" in bundle["skipped"][1]

    refused = (await gql(client, SUBMIT, {"input": {"bundleId": bundle["id"]}},
                         token=citizen.token))["applicationBundleSubmit"]
    required = [(i, m) for i, a in enumerate(apps) for m in a["materialChecklist"]
                if m["required"] and not m["deferrable"]]
    assert len(refused["errors"]) == len(required) == 10
    assert refused["errors"][0]["field"][:3] == ["input", "applications", "0"]
    assert refused["errors"][0]["message"].startswith("「个体工商户设立登记」缺少")

    for index, materials in {i: [m for j, m in required if j == i] for i, _ in required}.items():
        items = [{"materialId": m["materialId"], "sha256": await upload_pdf(
            client, citizen.token)} for m in materials]
        attached = (await gql(client, ATTACH, {"input": {"applicationId": apps[index]["id"],
                                                         "materials": items}},
                              token=citizen.token))["applicationMaterialsAttach"]
        assert attached["errors"] == []
    done = (await gql(client, SUBMIT, {"input": {"bundleId": bundle["id"]}},
                      token=citizen.token))["applicationBundleSubmit"]
    assert done["errors"] == []
    assert {a["status"] for a in done["bundle"]["applications"]} == {"SUBMITTED"}
    assert len({a["number"] for a in done["bundle"]["applications"]}) == 4

    clerk = await staff_token(client, "clerk.xihu")
    market = [a for a in apps if a["department"]["name"] == "西湖区市场监督管理局"]
    for application in market:
        seen = (await gql(client, "query($id: ID!) { staffApplication(id: $id) { id } }",
                          {"id": staff_id(application["id"])}, token=clerk))
        assert seen["staffApplication"] is not None


async def test_an_unknown_region_or_life_event_is_refused(client, app):
    event = await LifeEvent.get(code="YJS0006")
    citizen = await new_citizen(client, app)
    for life_event, region, code in ((to_global_id("LifeEvent", event.id), "330103",
                                      "INVALID_REGION"),  # 下城区, abolished in 2021
                                     ("nope", "330106", "NOT_FOUND")):
        payload = (await gql(client, CREATE, {"input": {
            "idempotencyKey": key(), "lifeEventId": life_event, "regionCode": region}},
            token=citizen.token))["applicationBundleCreate"]
        assert [e["code"] for e in payload["errors"]] == [code]
