"""Typed inputs for the case actions that carry data; the others take ``None``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.cases.facts import DecisionOutcome, Penalty, ServiceMethod


@dataclass(frozen=True)
class OnSpotDecision:
    """当场处罚 (Art. 51–52): the party was told the facts and may state a defence there."""

    penalty: Penalty
    party_heard: bool


@dataclass(frozen=True)
class Extension:
    """延长办案期限, approved by the agency head under the sector rule named in ``basis``."""

    days: int
    basis: str


@dataclass(frozen=True)
class LegalReview:
    """法制审核通过; ``reviewer_qualified`` comes from the reviewer's staff record."""

    reviewer_id: str
    reviewer_qualified: bool


@dataclass(frozen=True)
class Notice:
    """行政处罚事先告知书 (Art. 44). ``hearing_request_deadline`` is 5 working days after
    the notice, computed by the service with the calendar (see ``deadlines``)."""

    penalty: Penalty
    hearing_offered: bool
    hearing_request_deadline: date


@dataclass(frozen=True)
class HearingSchedule:
    """听证通知 (Art. 64): when, and who chairs."""

    hearing_on: date
    chair_id: str


@dataclass(frozen=True)
class Decision:
    """处理决定; ``decided_collectively`` when the agency heads discussed it (Art. 57)."""

    outcome: DecisionOutcome
    penalty: Penalty | None = None
    decided_collectively: bool = False


@dataclass(frozen=True)
class Service:
    """送达 (Art. 61)."""

    method: ServiceMethod


@dataclass(frozen=True)
class Payment:
    """A bank or e-payment receipt for the fine and any late fee (Art. 67, 72)."""

    amount_fen: int
    paid_on: date


@dataclass(frozen=True)
class OnSpotCollection:
    """当场收缴 (Art. 68); ``collection_otherwise_hard`` is Art. 68(二)."""

    amount_fen: int
    collection_otherwise_hard: bool = False
