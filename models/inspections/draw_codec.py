"""Published draw documents: canonical inputs and results, to and from JSON.

What is stored and published is exactly ``canonical_inputs(inputs)``; reading
it back must give inputs whose canonical form is byte-identical, otherwise the
published text is not what was drawn on and verification fails.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from models.errors import Refusal
from models.inspections.draw import (
    ALGORITHM,
    Assignment,
    DrawInputs,
    DrawResult,
    Exclusion,
    Inspector,
    Subject,
    canonical_inputs,
)


def parse_inputs(text: str) -> DrawInputs:
    """The inputs a canonical document describes; ValueError when it is not one."""
    try:
        doc = json.loads(text)
        if doc["algorithm"] != ALGORITHM:
            raise ValueError(f"unknown algorithm {doc['algorithm']!r}")
        inputs = DrawInputs(
            plan_id=doc["plan_id"],
            items=tuple(doc["items"]),
            subjects=tuple(Subject(s["id"], s["credit_grade"], s["risk_grade"], s["region"],
                                   s["inspections_this_year"]) for s in doc["subjects"]),
            inspectors=tuple(Inspector(i["id"], i["department"], tuple(i["fields"]))
                             for i in doc["inspectors"]),
            conflicts=frozenset((c[0], c[1]) for c in doc["conflicts"]),
            yearly_cap=doc["yearly_cap"],
            base_ratio=None if doc["base_ratio"] is None else Decimal(doc["base_ratio"]),
            count=doc["count"],
            grade_multipliers={g: Decimal(m) for g, m in doc["grade_multipliers"].items()},
            inspectors_per_subject=doc["inspectors_per_subject"],
        )
    except (KeyError, TypeError, IndexError, InvalidOperation, Refusal) as error:
        raise ValueError(f"not a canonical draw document: {error}") from error
    if canonical_inputs(inputs) != text.encode("utf-8"):
        raise ValueError("document is not in canonical form")
    return inputs


def result_to_json(result: DrawResult) -> dict[str, Any]:
    return {
        "inputs_digest": result.inputs_digest,
        "assignments": [{"subject": a.subject_id, "inspectors": list(a.inspector_ids)}
                        for a in result.assignments],
        "excluded": [{"subject": e.subject_id, "reason": e.reason} for e in result.excluded],
    }


def result_from_json(doc: dict[str, Any]) -> DrawResult:
    return DrawResult(
        inputs_digest=doc["inputs_digest"],
        assignments=tuple(Assignment(a["subject"], tuple(a["inspectors"]))
                          for a in doc["assignments"]),
        excluded=tuple(Exclusion(e["subject"], e["reason"]) for e in doc["excluded"]),
    )
