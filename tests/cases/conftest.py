"""A fixed, movable clock for the case domain (services["case_clock"])."""

from __future__ import annotations

from datetime import date

import pytest

from models.cases.clock import FixedClock


@pytest.fixture
def clock(app, monkeypatch) -> FixedClock:
    fixed = FixedClock(date(2026, 3, 2))  # a Monday with no holiday near it
    monkeypatch.setitem(app.state.services, "case_clock", fixed)
    return fixed
