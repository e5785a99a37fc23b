"""Credit linkage (信用联动), pure: how a penalty decision moves the subject's credit grade.

Grades run A (best) to D, as in the inspection subject directory, where a worse grade
raises the subject's random-check ratio. The policy (a reasonable default, not law):

- 简易程序 decisions and warnings alone change nothing (minor, not 失信 information);
- a fine or confiscation lowers the grade to at most C;
- a serious penalty (licence measures, closure, 限制从业, or an amount in the hearing
  range) lowers it to D.

A grade is only ever lowered by a decision; a revoked decision restores the grade it
replaced, if nothing else has changed it since.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.cases.facts import HearingThresholds, PartyKind, Penalty, Procedure
from models.cases.guards import hearing_eligible

GRADES = "ABCD"


@dataclass(frozen=True)
class GradeChange:
    previous: str | None
    new: str
    reason: str


def worse(a: str | None, b: str) -> str:
    if a is None or a not in GRADES:
        return b
    return a if GRADES.index(a) >= GRADES.index(b) else b


def grade_after_decision(current: str | None, penalty: Penalty, procedure: Procedure,
                         party_kind: PartyKind, thresholds: HearingThresholds
                         ) -> GradeChange | None:
    """The change a penalty decision causes, or None."""
    if procedure is Procedure.SIMPLE:
        return None
    if hearing_eligible(penalty, party_kind, thresholds):
        target, reason = "D", "受到较重行政处罚"
    elif penalty.fine_fen or penalty.confiscation_fen:
        target, reason = "C", "受到罚款或没收处罚"
    else:
        return None
    new = worse(current, target)
    if new == current:
        return None
    return GradeChange(current, new, reason)
