"""Directories: subject import (all or nothing), items, versioned forms, inspectors."""

from __future__ import annotations

import uuid

from models.inspections.tables import InspectionSubject
from tests.helpers import gql, staff_token
from tests.inspections.support import (
    IMPORT,
    credit_code,
    csv_rows,
    import_subjects,
    industry,
    subject_rows,
)

SUBJECTS = """query($q: String) { inspectionSubjects(search: $q, first: 50) { totalCount
  nodes { id creditCode name legalRepresentative phoneMasked industry riskGrade creditGrade
    inspectionsThisYear region { code name } } } }"""


async def test_import_stores_every_row_and_masks_the_phone(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    rows = subject_rows(3, trade)
    payload = await import_subjects(client, admin, rows)
    assert payload == {**payload, "valid": True, "created": 3, "updated": 0, "errors": []}
    assert [r["line"] for r in payload["rows"]] == [2, 3, 4]
    found = (await gql(client, SUBJECTS, {"q": rows[0]["code"]}, token=admin)
             )["inspectionSubjects"]["nodes"][0]
    assert found == {**found, "creditCode": rows[0]["code"], "phoneMasked": "138****8000",
                     "riskGrade": "LOW", "creditGrade": "B", "inspectionsThisYear": 0,
                     "region": {"code": "330106", "name": "西湖区"}}
    stored = await InspectionSubject.get(credit_code=rows[0]["code"])
    assert stored.phone_enc and "13800138000" not in stored.phone_enc  # encrypted at rest


async def test_one_bad_row_imports_nothing_and_every_row_is_reported(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    good = subject_rows(2, trade)
    bad_checksum = {**subject_rows(1, trade)[0]}
    bad_checksum["code"] = bad_checksum["code"][:17] + ("0" if bad_checksum["code"][17] != "0"
                                                        else "1")
    other_county = subject_rows(1, trade, region="330212")[0]
    bad_grades = {**subject_rows(1, trade)[0], "risk": "极高", "credit": "E", "phone": "123"}
    missing = {**subject_rows(1, trade)[0], "name": ""}
    duplicate = {**good[0]}
    rows = [*good, bad_checksum, other_county, bad_grades, missing, duplicate]
    data = await gql(client, IMPORT, {"input": {"csv": csv_rows(rows)}}, token=admin)
    payload = data["inspectionSubjectsImport"]
    assert payload["stored"] is False and payload["valid"] is False and payload["created"] == 0
    assert [r["valid"] for r in payload["rows"]] == [True, True, False, False, False, False,
                                                    False]
    codes = [sorted(e["code"] for e in r["errors"]) for r in payload["rows"]]
    assert codes[2:] == [["INVALID_CREDIT_CODE_CHECKSUM"], ["INVALID_REGION"],
                         ["INVALID_GRADE", "INVALID_GRADE", "INVALID_PHONE"], ["REQUIRED"],
                         ["DUPLICATE_IN_FILE"]]
    assert payload["rows"][3]["errors"][0]["field"] == ["input", "csv", "5", "region"]
    assert not await InspectionSubject.filter(credit_code__in=[r["code"] for r in good]).exists()


async def test_dry_run_checks_without_storing_and_a_reimport_updates(client):
    admin = await staff_token(client, "admin.xihu")
    rows = subject_rows(2, industry())
    dry = await gql(client, IMPORT, {"input": {"csv": csv_rows(rows), "dryRun": True}},
                    token=admin)
    assert dry["inspectionSubjectsImport"]["valid"] is True
    assert dry["inspectionSubjectsImport"]["stored"] is False
    await import_subjects(client, admin, rows)
    rows[0]["credit"] = "D"
    again = await import_subjects(client, admin, rows + subject_rows(1, industry()))
    assert (again["created"], again["updated"]) == (1, 2)
    assert (await InspectionSubject.get(credit_code=rows[0]["code"])).credit_grade == "D"


async def test_import_refuses_a_file_without_the_columns(client):
    admin = await staff_token(client, "admin.xihu")
    data = await gql(client, IMPORT, {"input": {"csv": "名称,地址\n某公司,某地\n"}},
                     token=admin)
    payload = data["inspectionSubjectsImport"]
    assert payload["stored"] is False and payload["errors"][0]["code"] == "MISSING_COLUMNS"
    assert "统一社会信用代码" in payload["errors"][0]["message"]


async def test_subjects_outside_the_department_area_are_invisible(client):
    admin = await staff_token(client, "admin.xihu")
    other = await staff_token(client, "admin.shangcheng")
    rows = subject_rows(1, industry())
    await import_subjects(client, admin, rows)
    theirs = (await gql(client, SUBJECTS, {"q": rows[0]["code"]}, token=other))
    assert theirs["inspectionSubjects"]["nodes"] == []
    node_id = (await gql(client, SUBJECTS, {"q": rows[0]["code"]}, token=admin)
               )["inspectionSubjects"]["nodes"][0]["id"]
    assert (await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": node_id},
                      token=other))["node"] is None
    # the province-wide supervisor sees it
    sysadmin = await staff_token(client, "sysadmin")
    seen = (await gql(client, SUBJECTS, {"q": rows[0]["code"]}, token=sysadmin))
    assert len(seen["inspectionSubjects"]["nodes"]) == 1


ITEM = """mutation($input: InspectionItemCreateInput!) { inspectionItemCreate(input: $input) {
  item { id code name legalBasis currentForm { id } department { code } }
  errors { code field } } }"""
FORM = """mutation($input: InspectionFormPublishInput!) { inspectionFormPublish(input: $input) {
  form { id version title fields { key type required unit minimum } item { code } }
  errors { code field message } } }"""


async def test_items_need_a_legal_basis_and_forms_are_versioned(client):
    admin = await staff_token(client, "admin.xihu")
    code = f"T-{uuid.uuid4().hex[:8]}"
    item = {"code": code, "name": "测试事项", "legalBasis": "《测试条例》第一条",
            "enforcementField": "食品安全"}
    created = (await gql(client, ITEM, {"input": item}, token=admin))["inspectionItemCreate"]
    assert created["item"]["department"]["code"] == "330106-market"
    assert created["item"]["currentForm"] is None
    taken = (await gql(client, ITEM, {"input": item}, token=admin))["inspectionItemCreate"]
    assert taken["errors"] == [{"code": "ITEM_CODE_TAKEN", "field": ["input", "code"]}]
    no_basis = {**item, "code": f"{code}b", "legalBasis": " "}
    refused = (await gql(client, ITEM, {"input": no_basis}, token=admin))["inspectionItemCreate"]
    assert refused["errors"] == [{"code": "REQUIRED", "field": ["input", "legalBasis"]}]

    fields = [{"key": "temp", "label": "温度", "type": "NUMBER", "unit": "℃", "minimum": "-5"},
              {"key": "ok", "label": "是否合格", "type": "YES_NO"}]
    versions = []
    for title in ("第一版", "第二版"):
        form = (await gql(client, FORM, {"input": {"itemId": created["item"]["id"],
                                                   "title": title, "fields": fields}},
                          token=admin))["inspectionFormPublish"]
        assert form["errors"] == []
        versions.append(form["form"])
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["fields"][0] == {"key": "temp", "type": "NUMBER", "required": True,
                                        "unit": "℃", "minimum": "-5"}
    items = await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionItem {"
                      " currentForm { version } forms { version } } } }",
                      {"id": created["item"]["id"]})
    assert items["node"] == {"currentForm": {"version": 2},
                             "forms": [{"version": 1}, {"version": 2}]}

    broken = [{"key": "Bad Key", "label": "x", "type": "CHOICE", "options": ["只有一个"]}]
    bad = (await gql(client, FORM, {"input": {"itemId": created["item"]["id"], "title": "坏",
                                              "fields": broken}}, token=admin)
           )["inspectionFormPublish"]
    assert bad["form"] is None and bad["errors"][0]["code"] == "INVALID_FORM"
    assert bad["errors"][0]["field"] == ["input", "fields", "0"]


async def test_the_item_list_is_public(client):
    data = await gql(client, "{ inspectionItems(first: 100) { nodes { code legalBasis"
                     " currentForm { version } } } }")
    codes = {n["code"]: n for n in data["inspectionItems"]["nodes"]}
    assert codes["330106-SJ-001"]["currentForm"] == {"version": 2}
    assert codes["330106-SJ-005"]["currentForm"] is None
    assert all(n["legalBasis"] for n in codes.values())


async def test_inspector_directory_lists_badges_and_fields(client):
    admin = await staff_token(client, "admin.xihu")
    data = await gql(client, "{ inspectionInspectors { displayName badgeNumber"
                     " enforcementFields department { code } } }", token=admin)
    inspectors = data["inspectionInspectors"]
    badges = [i["badgeNumber"] for i in inspectors]
    assert "33010620001" in badges and "33010620008" in badges
    assert {i["department"]["code"] for i in inspectors} == {"330106-market"}
    # the seeded inspectors (other tests may add colleagues of their own)
    seeded = [i for i in inspectors if (i["badgeNumber"] or "").startswith("3301062000")]
    assert len(seeded) == 8 and all(i["enforcementFields"] for i in seeded)


async def test_a_valid_credit_code_is_normalised_to_upper_case(client):
    admin = await staff_token(client, "admin.xihu")
    row = subject_rows(1, industry())[0]
    code = credit_code()
    row["code"] = code.lower()
    await import_subjects(client, admin, [row])
    assert await InspectionSubject.exists(credit_code=code)
