"""Turning domain refusals into the payload's typed UserErrors."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from models.errors import Refusal
from schema.errors import field_path

E = TypeVar("E")


def user_error(refusal: Refusal, error_type: type[E], codes: type[Enum],
               fallback: str = "INVALID_INPUT") -> E:
    """A per-domain UserError from a Refusal; unknown codes map to ``fallback``
    so that a rule's new code can never break the schema's enum."""
    try:
        code: Any = codes(refusal.code)
    except ValueError:
        code = codes(fallback)
    return error_type(code=code, field=field_path(refusal.field),  # type: ignore[call-arg]
                      message=refusal.message)
