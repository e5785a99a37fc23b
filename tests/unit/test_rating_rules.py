"""Rating rules: levels, tags, the 差评 reason rule, who may rate, on-site codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from models.errors import Refusal
from models.ratings.rules import (
    REASON_MAX_CHARS,
    TAGS_BY_LEVEL,
    Level,
    check_can_rate,
    check_on_site_code,
    is_bad,
    tags_for,
    validate_rating,
)

T0 = datetime(2024, 5, 6, 2, 0, tzinfo=UTC)


def refused(code: str, fn, *args, **kwargs) -> Refusal:
    with pytest.raises(Refusal) as info:
        fn(*args, **kwargs)
    assert info.value.code == code
    return info.value


def test_levels_carry_the_gb_labels():
    assert [(int(lvl), lvl.label) for lvl in sorted(Level, reverse=True)] == [
        (5, "非常满意"),
        (4, "满意"),
        (3, "基本满意"),
        (2, "不满意"),
        (1, "非常不满意"),
    ]


@pytest.mark.parametrize(
    ("level", "bad"), [(1, True), (2, True), (3, False), (4, False), (5, False)]
)
def test_only_levels_one_and_two_are_bad(level, bad):
    assert is_bad(level) is bad


def test_is_bad_rejects_a_level_outside_the_scale():
    with pytest.raises(ValueError):
        is_bad(6)


def test_every_level_offers_tags_and_bad_levels_offer_the_bad_ones():
    assert all(TAGS_BY_LEVEL[lvl] for lvl in Level)
    for tag in ("多次跑腿", "材料繁琐", "态度生硬", "超时办理", "政策解释不清", "系统卡顿"):
        assert tag in TAGS_BY_LEVEL[Level.VERY_DISSATISFIED]
        assert tag not in TAGS_BY_LEVEL[Level.VERY_SATISFIED]
    for tag in ("办事效率高", "服务态度好", "一次办成", "材料精简"):
        assert tag in TAGS_BY_LEVEL[Level.SATISFIED]


def test_channel_specific_tags_are_offered_on_their_channel_only():
    assert "系统卡顿" in tags_for(1, "ONLINE")
    assert "系统卡顿" not in tags_for(1, "ON_SITE")
    assert "排队时间长" in tags_for(2, "ON_SITE")
    assert "排队时间长" not in tags_for(2, "ONLINE")


def test_good_rating_with_tags_is_accepted_and_normalised():
    rating = validate_rating(
        5, ["一次办成", "服务态度好", "一次办成"], "  很快  ", channel="ONLINE"
    )
    assert rating.level is Level.VERY_SATISFIED
    assert rating.tags == ("一次办成", "服务态度好")  # the double tap is dropped
    assert rating.reason == "很快"
    assert rating.bad is False


def test_good_rating_needs_neither_tag_nor_reason():
    assert validate_rating(4, [], None, channel="ON_SITE").reason is None


def test_bad_rating_with_only_a_tag_is_accepted():
    rating = validate_rating(2, ["多次跑腿"], None, channel="ONLINE")
    assert rating.bad and rating.tags == ("多次跑腿",)


def test_bad_rating_with_only_a_reason_is_accepted():
    rating = validate_rating(1, [], "窗口让我跑了三次", channel="ON_SITE")
    assert rating.bad and rating.reason == "窗口让我跑了三次"


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_bad_rating_with_neither_tag_nor_reason_is_refused(reason):
    err = refused("BAD_RATING_NEEDS_REASON", validate_rating, 1, [], reason, channel="ONLINE")
    assert err.field == "reason"


@pytest.mark.parametrize("level", [0, 6, -1, True, "5", 4.0, None])
def test_level_outside_one_to_five_is_refused(level):
    err = refused("INVALID_LEVEL", validate_rating, level, [], None, channel="ONLINE")
    assert err.field == "level"


def test_tag_not_offered_for_the_level_is_refused_with_its_index():
    err = refused(
        "UNKNOWN_TAG", validate_rating, 5, ["一次办成", "多次跑腿"], None, channel="ONLINE"
    )
    assert err.field == "tags[1]"


def test_tag_of_the_other_channel_is_refused():
    err = refused("UNKNOWN_TAG", validate_rating, 1, ["排队时间长"], None, channel="ONLINE")
    assert err.field == "tags[0]"


def test_custom_catalogue_replaces_the_default():
    catalogue = {Level(lvl): ("自定义标签",) for lvl in range(1, 6)}
    assert validate_rating(1, ["自定义标签"], None, channel="ONLINE", catalogue=catalogue)
    refused(
        "UNKNOWN_TAG", validate_rating, 1, ["多次跑腿"], None, channel="ONLINE", catalogue=catalogue
    )


def test_reason_of_exactly_the_limit_is_accepted_and_one_more_is_refused():
    assert validate_rating(1, [], "慢" * REASON_MAX_CHARS, channel="ONLINE")
    err = refused(
        "REASON_TOO_LONG", validate_rating, 1, [], "慢" * (REASON_MAX_CHARS + 1), channel="ONLINE"
    )
    assert err.field == "reason"


def test_unknown_channel_is_a_programming_error():
    with pytest.raises(ValueError):
        validate_rating(5, [], None, channel="KIOSK")  # type: ignore[arg-type]


def test_concluded_application_may_be_rated_once_by_its_applicant():
    check_can_rate(application_concluded=True, rater_is_applicant=True, already_rated=False)


def test_rating_before_conclusion_is_refused():
    refused("NOT_CONCLUDED", check_can_rate, False, True, False)


def test_rating_by_someone_else_is_refused_without_revealing_progress():
    # Not concluded either, but the stranger is told only that they are not the applicant.
    refused("NOT_APPLICANT", check_can_rate, False, False, False)


def test_second_rating_of_the_same_application_is_refused():
    refused("ALREADY_RATED", check_can_rate, True, True, True)


def test_fresh_unused_on_site_code_is_accepted():
    check_on_site_code(T0, False, T0 + timedelta(minutes=29), timedelta(minutes=30))


def test_used_on_site_code_is_refused():
    refused("CODE_USED", check_on_site_code, T0, True, T0, timedelta(minutes=30))


def test_on_site_code_expires_when_its_ttl_runs_out():
    refused(
        "CODE_EXPIRED",
        check_on_site_code,
        T0,
        False,
        T0 + timedelta(minutes=30),
        timedelta(minutes=30),
    )


def test_on_site_code_check_needs_aware_datetimes():
    with pytest.raises(ValueError):
        check_on_site_code(T0.replace(tzinfo=None), False, T0, timedelta(minutes=30))
