"""Pure account rules: refresh-token states, codes, scopes, names, device ids."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from models.accounts import otp_rules
from models.accounts.rules import (
    activation_rate,
    check_device_id,
    check_known_scopes,
    check_real_name,
    check_scopes,
    format_activation_code,
    normalise_activation_code,
    refresh_state,
)
from models.errors import Refusal


@pytest.mark.parametrize("used,revoked,expired,retry",
                         list(itertools.product([False, True], repeat=4)))
def test_refresh_state_reuse_wins_over_everything_but_a_prompt_retry(used, revoked, expired,
                                                                     retry):
    state = refresh_state(used=used, revoked=revoked, expired=expired, retry=retry)
    if used:
        assert state == ("RETRY" if retry and not (revoked or expired) else "REUSED")
    elif revoked:
        assert state == "REVOKED"
    elif expired:
        assert state == "EXPIRED"
    else:
        assert state == "VALID"


def test_activation_codes_are_shown_grouped_and_typed_loosely():
    assert format_activation_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    assert normalise_activation_code(" abcd-efgh jkmn ") == "ABCDEFGHJKMN"
    assert normalise_activation_code("---") == ""


def test_scopes_granted_are_a_subset_of_those_registered():
    assert check_scopes(None, ["progress:read", "catalogue:read"]) == [
        "catalogue:read", "progress:read"]
    assert check_scopes(["catalogue:read"], ["catalogue:read", "progress:read"]) == [
        "catalogue:read"]
    with pytest.raises(Refusal) as refused:
        check_scopes(["ratings:read"], ["catalogue:read"])
    assert refused.value.code == "INVALID_SCOPE"
    with pytest.raises(Refusal):
        check_known_scopes(["admin:all"])
    with pytest.raises(Refusal):
        check_known_scopes([])


def test_the_daily_sms_cap_counts_beijing_days():
    # 2026-01-01 16:30 UTC is already 2 January in Beijing
    late = datetime(2026, 1, 1, 16, 30, tzinfo=UTC).timestamp()
    assert otp_rules.day_key(late) == "20260102"


def test_sms_codes_are_six_digits():
    code = otp_rules.new_code()
    assert len(code) == 6 and code.isdigit()
    assert otp_rules.normalise_code(" 012345 ") == "012345"
    for bad in ("12345", "1234567", "12345a", "１２３４５６", ""):
        assert otp_rules.normalise_code(bad) is None
    assert code in otp_rules.message(code) and "5 分钟" in otp_rules.message(code)


def test_real_names_and_device_ids():
    assert check_real_name("  欧阳  娜娜 ") == "欧阳 娜娜"
    for bad in ("张", "张3", "", "x" * 33):
        with pytest.raises(Refusal):
            check_real_name(bad)
    assert check_device_id(" HH-12345678 ") == "HH-12345678"
    for bad in ("short", "x" * 129, "HH-1234\n5678"):
        with pytest.raises(Refusal):
            check_device_id(bad)


def test_activation_rate():
    assert activation_rate(0, 0) is None
    assert activation_rate(3, 2) == 0.6667
