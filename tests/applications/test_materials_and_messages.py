"""Materials by content hash (checked, deduplicated, all problems at once) and the
message centre (站内信) with unread counts."""

from __future__ import annotations

from tests.api.test_uploads import upload
from tests.applications.support import (
    ATTACH,
    DRAFT_CREATE,
    gql,
    key,
    make_version,
    new_citizen,
    staff_id,
    staff_token,
    step_ok,
    submitted,
    upload_pdf,
)

REMOVE = """mutation($input: ApplicationMaterialRemoveInput!) {
  applicationMaterialRemove(input: $input) { removed errors { code } } }"""
ATTACHMENTS = """query($id: ID!) { application(id: $id) { attachments { id sha256 materialName }
  materialChecklist { name supplied state } } }"""
MESSAGES = """query($unread: Boolean) { messageUnreadCount
  myMessages(unreadOnly: $unread, first: 50) { totalCount nodes { id title isRead
    application { id status } } } }"""
MARK = """mutation($input: MessageMarkReadInput!) { messageMarkRead(input: $input) {
  marked unreadCount errors { code } } }"""


async def _draft(client, citizen, version) -> str:
    payload = (await gql(client, DRAFT_CREATE, {"input": {
        "idempotencyKey": key(), "implementationId": version.id}}, token=citizen.token)
    )["applicationDraftCreate"]
    return payload["application"]["id"]


async def test_bad_attachments_are_all_reported_and_nothing_is_attached(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    draft = await _draft(client, citizen, version)
    csv = (await upload(client, citizen.token, b"a,b\n1,2\n", purpose="IMPORT_CSV",
                        name="x.csv", content_type="text/csv")).json()["data"]["fileUpload"]
    good = await upload_pdf(client, citizen.token)
    payload = (await gql(client, ATTACH, {"input": {"applicationId": draft, "materials": [
        {"materialId": version.materials[0]["id"], "sha256": good},
        {"materialId": version.materials[1]["id"], "sha256": "0" * 64},
        {"materialId": version.materials[1]["id"], "sha256": csv["file"]["sha256"]},
        {"materialId": "not-a-material", "sha256": good},
    ]}}, token=citizen.token))["applicationMaterialsAttach"]
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("FILE_NOT_FOUND", ["input", "materials", "1", "sha256"]),
        ("FILE_TYPE_NOT_ALLOWED", ["input", "materials", "2", "sha256"]),
        ("UNKNOWN_MATERIAL", ["input", "materials", "3", "materialId"]),
    ]
    seen = (await gql(client, ATTACHMENTS, {"id": draft}, token=citizen.token))["application"]
    assert seen["attachments"] == []


async def test_the_same_file_twice_is_kept_once_and_can_be_removed(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    draft = await _draft(client, citizen, version)
    sha = await upload_pdf(client, citizen.token)
    item = {"materialId": version.materials[0]["id"], "sha256": sha, "filename": "a.pdf"}
    for _ in range(2):
        payload = (await gql(client, ATTACH, {"input": {"applicationId": draft,
                                                        "materials": [item, item]}},
                             token=citizen.token))["applicationMaterialsAttach"]
        assert payload["errors"] == []
    seen = (await gql(client, ATTACHMENTS, {"id": draft}, token=citizen.token))["application"]
    assert [a["sha256"] for a in seen["attachments"]] == [sha]
    assert seen["materialChecklist"][0] == {"name": "申请书", "supplied": 1, "state": "PROVIDED"}
    removed = (await gql(client, REMOVE, {"input": {
        "applicationId": draft, "attachmentId": seen["attachments"][0]["id"]}},
        token=citizen.token))["applicationMaterialRemove"]
    assert removed == {"removed": True, "errors": []}


async def test_submitted_materials_cannot_be_removed(client, app):
    version = await make_version()
    citizen = await new_citizen(client, app)
    application = await submitted(client, citizen, version)
    seen = (await gql(client, ATTACHMENTS, {"id": application["id"]}, token=citizen.token)
            )["application"]
    payload = (await gql(client, REMOVE, {"input": {
        "applicationId": application["id"], "attachmentId": seen["attachments"][0]["id"]}},
        token=citizen.token))["applicationMaterialRemove"]
    assert payload["removed"] is False
    assert [e["code"] for e in payload["errors"]] == ["NOT_EDITABLE"]


async def test_every_step_lands_in_the_message_centre_until_read(client, app):
    version = await make_version()
    citizen, other = await new_citizen(client, app), await new_citizen(client, app)
    clerk = await staff_token(client, "clerk.xihu")
    application = await submitted(client, citizen, version)
    sid = staff_id(application["id"])
    await step_ok(client, clerk, "applicationPreReviewStart", sid)
    await step_ok(client, clerk, "applicationAccept", sid)
    inbox = await gql(client, MESSAGES, {"unread": True}, token=citizen.token)
    assert inbox["messageUnreadCount"] == 3  # submitted, pre-review, accepted
    assert inbox["myMessages"]["nodes"][0]["title"].startswith("办件已受理")
    assert inbox["myMessages"]["nodes"][0]["application"]["status"] == "ACCEPTED"
    first = inbox["myMessages"]["nodes"][0]["id"]

    # someone else cannot mark my messages read
    theirs = (await gql(client, MARK, {"input": {"messageIds": [first]}}, token=other.token)
              )["messageMarkRead"]
    assert theirs["marked"] == 0
    for expected in (1, 0):  # marking again is harmless
        mine = (await gql(client, MARK, {"input": {"messageIds": [first]}},
                          token=citizen.token))["messageMarkRead"]
        assert mine == {"marked": expected, "unreadCount": 2, "errors": []}
    everything = (await gql(client, MARK, {"input": {}}, token=citizen.token))["messageMarkRead"]
    assert everything["unreadCount"] == 0
    node = (await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": first},
                      token=other.token))["node"]
    assert node is None


async def test_handling_staff_read_the_material_files_through_the_application(client, app):
    import base64

    from tests.applications.support import STAFF_APPLICATION, pdf

    version = await make_version()
    citizen = await new_citizen(client, app)
    application = await submitted(client, citizen, version)
    query = STAFF_APPLICATION.replace("attachments { sha256 materialName }",
                                      "attachments { sha256 contentBase64 }")
    clerk = await staff_token(client, "clerk.xihu")
    files = (await gql(client, query, {"id": staff_id(application["id"])}, token=clerk)
             )["staffApplication"]["attachments"]
    content = base64.b64decode(files[0]["contentBase64"])
    assert content.startswith(pdf()[:9]) and content.endswith(b"%%EOF\n")
    elsewhere = await staff_token(client, "clerk.yinzhou")
    assert (await gql(client, query, {"id": staff_id(application["id"])}, token=elsewhere)
            )["staffApplication"] is None
