"""Chain verification and anchors: a Merkle root over every case's chain head, taken
periodically (by a scheduled call to ``caseAnchorCreate``), so that later edits,
reorderings or truncations of a case's events are detectable."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from models.cases.chain import GENESIS, ChainVerification, merkle_root, verify_chain
from models.cases.tables import Anchor, AnchorEntry, Case, CaseEvent


@dataclass(frozen=True)
class Verification:
    ok: bool
    first_bad_index: int | None  # 0-based position in the case's event list
    head: str  # the last hash that verified
    event_count: int
    anchored_seq: int | None  # the event count the latest anchor saw, if any
    anchored_at: datetime | None


async def verify(case: Case) -> Verification:
    """Recompute the chain from the stored payloads. The latest anchor that covers the
    case pins the head at its sequence number: a chain cut short or rewritten after it
    fails there even when it is internally consistent."""
    events = await CaseEvent.filter(case_id=case.id).order_by("seq")
    pairs = [(e.payload, e.hash) for e in events]
    result: ChainVerification = verify_chain(pairs)
    bad = _first_inconsistent(events)
    if bad is not None and (result.ok or bad < (result.first_bad_index or 0)):
        result = ChainVerification(False, bad, events[bad - 1].hash if bad else GENESIS)
    if result.ok and (case.event_count != len(events) or case.chain_head != result.head):
        # the case row remembers how long its chain was: events cut off at the end
        result = ChainVerification(False, len(events), result.head)
    entry = await AnchorEntry.filter(case_id=case.id).order_by("-seq").select_related(
        "anchor").first()
    if entry is not None and result.ok:
        pinned = verify_chain(pairs[:entry.seq], expected_head=entry.head)
        if not pinned.ok:
            result = pinned
    return Verification(result.ok, result.first_bad_index, result.head, len(events),
                        entry.seq if entry else None, entry.anchor.created_at if entry else None)


def _first_inconsistent(events: list[CaseEvent]) -> int | None:
    """Rows whose sequence number or stored previous hash does not fit their place."""
    for i, event in enumerate(events):
        expected_prev = events[i - 1].hash if i else GENESIS
        if event.seq != i + 1 or event.prev_hash != expected_prev:
            return i
    return None


async def create_anchor(now: datetime) -> Anchor:
    """Anchor every case's current head (ordered by case id, so anyone can recompute
    the root from the entries)."""
    async with in_transaction():
        cases = await Case.filter(event_count__gt=0).order_by("id").values_list(
            "id", "event_count", "chain_head")
        cases = sorted(cases, key=lambda c: str(c[0]))
        anchor = await Anchor.create(id=uuid.uuid4(), created_at=now,
                                     root=merkle_root([head for _, _, head in cases]),
                                     case_count=len(cases))
        await AnchorEntry.bulk_create([
            AnchorEntry(id=uuid.uuid4(), anchor_id=anchor.id, case_id=case_id, seq=seq, head=head)
            for case_id, seq, head in cases])
    return anchor
