"""Tests for classifying offline inspection records on upload."""

from __future__ import annotations

import hashlib

import pytest

from models.inspections.sync_rules import (
    IncomingRecord,
    ServerRecord,
    SyncOutcome,
    classify,
    content_hash,
)

CLIENT_ID = "3f2b6c1e-8a4d-4e0b-9c6a-2d7f1e5b9a10"
PAYLOAD = {"subject": "S001", "answers": {"licence_shown": True, "temperature": "4.5"}}
EDITED = {"subject": "S001", "answers": {"licence_shown": False, "temperature": "4.5"}}


def record(payload: dict, base: int | None, client_id: str = CLIENT_ID) -> IncomingRecord:
    return IncomingRecord(client_id, content_hash(payload), base, payload)


@pytest.mark.parametrize(
    ("incoming", "server", "outcome", "version", "reason"),
    [
        (record(PAYLOAD, None), None, SyncOutcome.ACCEPTED, 1, None),
        (record(PAYLOAD, 2), None, SyncOutcome.INVALID, None, "UNKNOWN_BASE_VERSION"),
        (record(PAYLOAD, None), (content_hash(PAYLOAD), 1), SyncOutcome.DUPLICATE, 1, None),
        (record(PAYLOAD, 1), (content_hash(PAYLOAD), 3), SyncOutcome.DUPLICATE, 3, None),
        (record(EDITED, 3), (content_hash(PAYLOAD), 3), SyncOutcome.ACCEPTED, 4, None),
        (record(EDITED, 2), (content_hash(PAYLOAD), 3), SyncOutcome.CONFLICT, 3, "STALE_BASE"),
        (record(EDITED, None), (content_hash(PAYLOAD), 1), SyncOutcome.CONFLICT, 1, "STALE_BASE"),
        (
            record(EDITED, 5),
            (content_hash(PAYLOAD), 3),
            SyncOutcome.INVALID,
            None,
            "BASE_VERSION_AHEAD",
        ),
        (record(PAYLOAD, None, "not-a-uuid"), None, SyncOutcome.INVALID, None, "BAD_CLIENT_ID"),
        (
            record(PAYLOAD, 0),
            (content_hash(PAYLOAD), 1),
            SyncOutcome.INVALID,
            None,
            "BAD_BASE_VERSION",
        ),
        (
            IncomingRecord(CLIENT_ID, content_hash(PAYLOAD), None, EDITED),
            None,
            SyncOutcome.INVALID,
            None,
            "HASH_MISMATCH",
        ),
        (
            IncomingRecord(CLIENT_ID, "0" * 64, None, {"reading": 4.5}),
            None,
            SyncOutcome.INVALID,
            None,
            "BAD_PAYLOAD",
        ),
    ],
    ids=[
        "new-record",
        "base-for-unknown-record",
        "retried-create",
        "same-content-late",
        "edit-on-latest",
        "edit-on-old-version",
        "create-collides-with-other-content",
        "base-ahead-of-server",
        "bad-uuid",
        "zero-base",
        "hash-mismatch",
        "float-in-payload",
    ],
)
def test_sync_classification_table(
    incoming: IncomingRecord,
    server: tuple[str, int] | None,
    outcome: SyncOutcome,
    version: int | None,
    reason: str | None,
) -> None:
    decision = classify(incoming, server)
    assert (decision.outcome, decision.version, decision.reason) == (outcome, version, reason)
    if outcome in (SyncOutcome.INVALID, SyncOutcome.CONFLICT):
        assert decision.message_zh


def test_server_record_may_be_the_named_tuple() -> None:
    decision = classify(record(EDITED, 1), ServerRecord(content_hash(PAYLOAD), 1))
    assert (decision.outcome, decision.version) == (SyncOutcome.ACCEPTED, 2)


def test_hashes_compare_case_insensitively() -> None:
    incoming = IncomingRecord(CLIENT_ID, content_hash(PAYLOAD).upper(), None, PAYLOAD)
    stored = (content_hash(PAYLOAD).upper(), 1)
    assert classify(incoming, stored).outcome is SyncOutcome.DUPLICATE


def test_content_hash_ignores_key_order() -> None:
    assert content_hash({"a": 1, "b": [1, "二"]}) == content_hash({"b": [1, "二"], "a": 1})


def test_content_hash_is_sha256_of_compact_jcs_text() -> None:
    payload = {"b": None, "a": [True, -3, "检查\n"]}
    text = '{"a":[true,-3,"检查\\n"],"b":null}'
    assert content_hash(payload) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_content_hash_orders_keys_by_utf16_code_units_as_jcs_does() -> None:
    # U+1F600 is a surrogate pair (D83D …) in UTF-16, so it sorts before U+FF21.
    text = '{"\U0001f600":1,"\uff21":2}'
    assert (
        content_hash({"\uff21": 2, "\U0001f600": 1})
        == hashlib.sha256(text.encode("utf-8")).hexdigest()
    )


@pytest.mark.parametrize(
    "payload",
    [{"x": 1.5}, {"x": 2**53}, {1: "a"}, {"x": {1, 2}}, {"x": "\ud800"}, ["not", "object"]],
    ids=["float", "big-int", "int-key", "set", "lone-surrogate", "top-level-list"],
)
def test_content_hash_refuses_values_without_a_portable_form(payload: object) -> None:
    with pytest.raises(ValueError):
        content_hash(payload)  # type: ignore[arg-type]
