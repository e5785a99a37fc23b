"""Typed refusals raised by pure domain rules and services.

The GraphQL layer turns a ``Refusal`` into a ``UserError`` (code, field,
message) in a mutation payload; nothing else should be raised for a
business-rule "no".
"""

from __future__ import annotations


class Refusal(Exception):
    """A business rule said no. ``code`` is an UPPER_SNAKE domain code,
    ``field`` a dotted path into the input (or None), ``message`` Chinese and
    user-presentable."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Refusal({self.code!r}, {self.message!r}, field={self.field!r})"
