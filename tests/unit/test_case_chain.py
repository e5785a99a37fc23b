"""Case event hash chain: canonical JSON, tamper/reorder/deletion detection, Merkle anchors."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest

from models.cases.chain import (
    GENESIS,
    canonical_json,
    event_hash,
    jsonable,
    merkle_root,
    verify_chain,
)
from models.cases.facts import DecisionOutcome, Penalty, Stage
from models.cases.payloads import Decision

EVENTS: list[dict[str, Any]] = [
    {"action": "FILE_CASE", "on": "2025-06-02", "by": "负责人甲"},
    {"action": "START_INVESTIGATION", "on": "2025-06-03", "officers": ["E1", "E2"]},
    {"action": "NOTIFY", "on": "2025-06-10", "penalty": {"fine_fen": 500000}},
    {"action": "DECIDE", "on": "2025-06-20", "outcome": "PENALTY"},
    {"action": "SERVE", "on": "2025-06-21", "method": "DIRECT"},
]


def chain(payloads: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    rows, prev = [], GENESIS
    for payload in payloads:
        prev = event_hash(prev, payload)
        rows.append((payload, prev))
    return rows


GOOD = chain(EVENTS)


# --- canonical JSON -------------------------------------------------------------


def test_canonical_json_sorts_keys_drops_whitespace_and_keeps_chinese() -> None:
    assert canonical_json({"b": [1, {"d": None, "c": True}], "a": "罚款"}) == (
        '{"a":"罚款","b":[1,{"c":true,"d":null}]}'.encode()
    )


def test_canonical_json_is_independent_of_insertion_order() -> None:
    assert canonical_json({"x": 1, "y": 2}) == canonical_json({"y": 2, "x": 1})


@pytest.mark.parametrize(
    "bad",
    [{"fine": 1.5}, {1: "int key"}, {"on": date(2025, 6, 2)}, {"tags": {"a"}}, [float("nan")]],
)
def test_canonical_json_refuses_values_that_would_not_hash_the_same_everywhere(bad) -> None:
    with pytest.raises(TypeError):
        canonical_json(bad)


def test_jsonable_turns_payloads_into_plain_json() -> None:
    decision = Decision(DecisionOutcome.PENALTY, Penalty(fine_fen=100), decided_collectively=True)
    plain = jsonable({"stage": Stage.DECIDED, "on": date(2025, 6, 2), "payload": decision})
    assert canonical_json(plain) == canonical_json(
        {
            "stage": "DECIDED",
            "on": "2025-06-02",
            "payload": {
                "outcome": "PENALTY",
                "decided_collectively": True,
                "penalty": {
                    "fine_fen": 100,
                    "warning": False,
                    "confiscation_fen": 0,
                    "licence_revocation": False,
                    "closure": False,
                    "restriction": False,
                },
            },
        }
    )


# --- event hash -------------------------------------------------------------------


def test_event_hash_is_sha256_of_previous_hash_and_canonical_payload() -> None:
    payload = {"b": 2, "a": "线索"}
    expected = hashlib.sha256(GENESIS.encode() + canonical_json(payload)).hexdigest()
    assert event_hash(GENESIS, payload) == expected
    assert GENESIS == "0" * 64


def test_event_hash_depends_on_the_previous_hash() -> None:
    other = "f" * 64
    assert event_hash(GENESIS, EVENTS[0]) != event_hash(other, EVENTS[0])


@pytest.mark.parametrize("prev", ["", "0" * 63, "G" * 64, "A" * 64])
def test_event_hash_rejects_a_malformed_previous_hash(prev: str) -> None:
    with pytest.raises(ValueError):
        event_hash(prev, EVENTS[0])


# --- verification ---------------------------------------------------------------------


def test_intact_chain_verifies_and_reports_its_head() -> None:
    result = verify_chain(GOOD)
    assert (result.ok, result.first_bad_index, result.head) == (True, None, GOOD[-1][1])
    assert verify_chain(GOOD, expected_head=GOOD[-1][1]).ok


def test_empty_chain_verifies_at_genesis() -> None:
    assert verify_chain([]) == verify_chain([], expected_head=GENESIS)
    assert verify_chain([]).head == GENESIS


@pytest.mark.parametrize("index", [0, 2, 4])
def test_edited_payload_is_found_at_its_index(index: int) -> None:
    rows = list(GOOD)
    payload, stored = rows[index]
    rows[index] = ({**payload, "on": "2025-01-01"}, stored)
    result = verify_chain(rows)
    assert (result.ok, result.first_bad_index) == (False, index)
    assert result.head == (GOOD[index - 1][1] if index else GENESIS)


@pytest.mark.parametrize("index", [0, 2, 4])
def test_rewritten_chain_from_an_edit_onward_still_fails_at_the_edit(index: int) -> None:
    # A forger who recomputes every later hash still cannot keep the stored ones.
    forged = [*EVENTS[:index], {**EVENTS[index], "on": "2025-01-01"}, *EVENTS[index + 1 :]]
    rows = [(payload, GOOD[i][1]) for i, payload in enumerate(forged)]
    assert verify_chain(rows).first_bad_index == index
    # …and if they store the recomputed hashes, only the anchored head gives them away.
    recomputed = chain(forged)
    assert verify_chain(recomputed).ok
    assert verify_chain(recomputed, expected_head=GOOD[-1][1]).first_bad_index == len(EVENTS)


def test_edited_stored_hash_is_found() -> None:
    rows = list(GOOD)
    rows[3] = (rows[3][0], "a" * 64)
    assert verify_chain(rows).first_bad_index == 3


@pytest.mark.parametrize(("i", "j"), [(0, 1), (1, 3), (3, 4)])
def test_reordered_events_are_found_at_the_first_moved_one(i: int, j: int) -> None:
    rows = list(GOOD)
    rows[i], rows[j] = rows[j], rows[i]
    assert verify_chain(rows).first_bad_index == i


@pytest.mark.parametrize("index", [0, 2])
def test_deleted_event_is_found_where_the_gap_is(index: int) -> None:
    rows = GOOD[:index] + GOOD[index + 1 :]
    assert verify_chain(rows).first_bad_index == index


def test_deleted_last_event_is_found_only_against_the_anchored_head() -> None:
    truncated = GOOD[:-1]
    assert verify_chain(truncated).ok
    result = verify_chain(truncated, expected_head=GOOD[-1][1])
    assert (result.ok, result.first_bad_index, result.head) == (False, 4, GOOD[-2][1])


# --- Merkle anchors --------------------------------------------------------------------

HEADS = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(5)]


def _leaf(h: str) -> bytes:
    return hashlib.sha256(b"\x00" + bytes.fromhex(h)).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def test_merkle_root_follows_rfc_6962() -> None:
    a, b, c = (_leaf(h) for h in HEADS[:3])
    assert merkle_root(HEADS[:1]) == a.hex()
    assert merkle_root(HEADS[:2]) == _node(a, b).hex()
    assert merkle_root(HEADS[:3]) == _node(_node(a, b), c).hex()


def test_merkle_root_of_nothing_is_the_hash_of_nothing() -> None:
    assert merkle_root([]) == hashlib.sha256(b"").hexdigest()


def test_merkle_root_changes_with_any_head_its_order_or_a_duplicate() -> None:
    root = merkle_root(HEADS)
    assert merkle_root([*HEADS[:4], "0" * 64]) != root
    assert merkle_root([HEADS[1], HEADS[0], *HEADS[2:]]) != root
    # Bitcoin-style trees duplicate an odd last node; this one must not collide.
    assert merkle_root([*HEADS, HEADS[-1]]) != root
    assert merkle_root(HEADS[:4]) != root


def test_merkle_root_rejects_malformed_heads() -> None:
    with pytest.raises(ValueError):
        merkle_root([HEADS[0], "xyz"])
