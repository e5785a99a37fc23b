"""The one failure every mock app stops on."""

from __future__ import annotations


class UnexpectedAnswer(Exception):
    """The server answered what a real app would not expect: the program stops (exit 1)."""
