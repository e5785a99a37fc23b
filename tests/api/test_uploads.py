"""File uploads over GraphQL multipart: types, sizes, truncation, deduplication."""

from __future__ import annotations

import json
import os
import zlib

from tests.helpers import staff_token

UPLOAD = """mutation($file: Upload!, $purpose: FilePurpose!) {
  fileUpload(file: $file, purpose: $purpose) { file { sha256 size contentType }
    errors { code field message } } }"""


def png(payload: bytes = b"") -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")
    header = (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    raw = zlib.compress(b"\x00\x00" + payload)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw)
            + chunk(b"IEND", b""))


async def upload(client, token, data: bytes, purpose="MATERIAL", name="a.png",
                 content_type="image/png", headers=None):
    operations = {"query": UPLOAD, "variables": {"file": None, "purpose": purpose}}
    return await client.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, data, content_type)},
        headers={"Authorization": f"Bearer {token}", "GraphQL-Require-Preflight": "1",
                 **(headers or {})})


async def test_upload_stores_once_by_content(client):
    token = await staff_token(client, "clerk.xihu")
    first = (await upload(client, token, png(b"one"))).json()["data"]["fileUpload"]
    again = (await upload(client, token, png(b"one"), name="copy.png")).json()["data"]["fileUpload"]
    assert first["errors"] == [] and first["file"]["contentType"] == "image/png"
    assert again["file"]["sha256"] == first["file"]["sha256"]


async def test_wrong_type_truncated_empty_and_mismatched_files_are_refused(client):
    token = await staff_token(client, "clerk.xihu")
    cases = [
        (b"MZ\x90\x00" + b"\x00" * 100, "MATERIAL", "image/png", "FILE_TYPE_NOT_ALLOWED"),
        (png(b"cut")[:-8], "MATERIAL", "image/png", "FILE_TRUNCATED"),
        (b"", "MATERIAL", "image/png", "FILE_EMPTY"),
        (b"%PDF-1.7\n...\n%%EOF\n", "EVIDENCE_PHOTO", "application/pdf", "FILE_TYPE_NOT_ALLOWED"),
        (png(b"x"), "MATERIAL", "application/pdf", "FILE_TYPE_MISMATCH"),
    ]
    for data, purpose, content_type, code in cases:
        body = (await upload(client, token, data, purpose, content_type=content_type)).json()
        payload = body["data"]["fileUpload"]
        assert payload["file"] is None
        assert [e["code"] for e in payload["errors"]] == [code], (code, payload)


async def test_oversized_file_is_413_and_nothing_is_kept(make_app, client, tmp_path):
    token = await staff_token(client, "clerk.xihu")
    data = png(os.urandom(5000))  # random bytes do not compress below the cap
    async with make_app(max_file_bytes=1000, file_store_dir=str(tmp_path)) as small:
        response = await upload(small, token, data)
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert not any(tmp_path.rglob("*")), "nothing may be written for a refused upload"


async def test_upload_without_preflight_header_or_sign_in_is_refused(client):
    token = await staff_token(client, "clerk.xihu")
    operations = {"query": UPLOAD, "variables": {"file": None, "purpose": "MATERIAL"}}
    response = await client.post(
        "/graphql", data={"operations": json.dumps(operations),
                          "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("a.png", png(), "image/png")}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    anonymous = await client.post(
        "/graphql", data={"operations": json.dumps(operations),
                          "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("a.png", png(), "image/png")}, headers={"GraphQL-Require-Preflight": "1"})
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bad_map_paths_are_400(client):
    token = await staff_token(client, "clerk.xihu")
    operations = {"query": UPLOAD, "variables": {"file": None, "purpose": "MATERIAL"}}
    response = await client.post(
        "/graphql", data={"operations": json.dumps(operations),
                          "map": json.dumps({"0": ["variables.nope.deeper"]})},
        files={"0": ("a.png", png(), "image/png")},
        headers={"Authorization": f"Bearer {token}", "GraphQL-Require-Preflight": "1"})
    assert response.status_code == 400
