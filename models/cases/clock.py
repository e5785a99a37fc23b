"""The case domain's clock: instants in UTC, legal dates in China time (UTC+8, no DST).

Resolvers take the clock from ``services["case_clock"]`` when present (tests put a
fixed one there) and fall back to ``SYSTEM_CLOCK``; rules never read a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(CHINA).date()


@dataclass
class FixedClock:
    """A clock that says what it is told (tests, demo data)."""

    day: date

    def now(self) -> datetime:
        """10:00 China time on ``day``."""
        return datetime.combine(self.day, time(10), CHINA).astimezone(UTC)

    def today(self) -> date:
        return self.day


SYSTEM_CLOCK = SystemClock()
