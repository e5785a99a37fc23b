"""Files the inspection screens refer to by hash: a CSV to import, evidence photos."""

from __future__ import annotations

import json

from tests.api.test_uploads import png, upload
from tests.helpers import gql, staff_token
from tests.inspections.support import (
    FOOD_POOL,
    IMPORT,
    csv_rows,
    current_food_form,
    drawn_plan,
    import_subjects,
    industry,
    plan_tasks,
    record_input,
    record_payload,
    subject_rows,
    sync,
)


async def test_subjects_import_from_an_uploaded_csv(client):
    admin = await staff_token(client, "admin.xihu")
    rows = subject_rows(2, industry())
    response = await upload(client, admin, csv_rows(rows).encode(), "IMPORT_CSV", "名录.csv",
                            "text/csv")
    stored = response.json()["data"]["fileUpload"]
    assert stored["errors"] == [], stored
    data = await gql(client, IMPORT, {"input": {"fileSha256": stored["file"]["sha256"]}},
                     token=admin)
    assert data["inspectionSubjectsImport"]["created"] == 2
    both = await gql(client, IMPORT, {"input": {"csv": "x", "fileSha256": "0" * 64}},
                     token=admin)
    assert both["inspectionSubjectsImport"]["errors"][0]["code"] == "REQUIRED"
    missing = await gql(client, IMPORT, {"input": {"fileSha256": "0" * 64}}, token=admin)
    assert missing["inspectionSubjectsImport"]["errors"][0]["code"] == "FILE_NOT_FOUND"


async def test_evidence_shows_whether_the_photo_has_been_uploaded(client):
    admin = await staff_token(client, "admin.xihu")
    trade = industry()
    await import_subjects(client, admin, subject_rows(1, trade))
    plan_id = await drawn_plan(client, admin, trade, count=1, inspectorsPerSubject=FOOD_POOL)
    task = (await plan_tasks(client, admin, plan_id))[0]
    token = await staff_token(client, "inspector.xihu.6")
    photo = (await upload(client, token, png(task["id"].encode()), "EVIDENCE_PHOTO")
             ).json()["data"]["fileUpload"]["file"]["sha256"]
    form = await current_food_form(client)
    payload = record_payload(task["id"], form)
    payload["evidence"][0]["sha256"] = photo  # the signature stays offline for now
    payload["forms"][0]["answers"]["site_photos"] = [photo]
    assert (await sync(client, token, [record_input(payload)]))[0]["outcome"] == "ACCEPTED"
    record = (await gql(client, "query($id: ID!) { node(id: $id) { ... on InspectionTask {"
                        " record { evidence { sha256 kind uploaded } } } } }",
                        {"id": task["id"]}, token=token))["node"]["record"]
    assert {e["kind"]: e["uploaded"] for e in record["evidence"]} == {
        "PHOTO": True, "SIGNATURE": False}
    assert json.dumps(record)  # plain JSON for the device
