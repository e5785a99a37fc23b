"""Zhejiang's packaged GB/T 2260 region table is complete and consistent."""

import re
from collections import Counter
from datetime import date

from models.regions.data_loader import RegionRow, load_zhejiang_regions


def _current() -> list[RegionRow]:
    return [row for row in load_zhejiang_regions() if row.is_current]


def test_current_table_has_one_province_eleven_cities_ninety_counties() -> None:
    levels = Counter(row.level for row in _current())
    assert levels == {"province": 1, "city": 11, "county": 90}


def test_cities_are_the_eleven_prefectures_under_the_province() -> None:
    cities = {row.code: row.name for row in _current() if row.level == "city"}
    assert cities == {
        "330100": "杭州市",
        "330200": "宁波市",
        "330300": "温州市",
        "330400": "嘉兴市",
        "330500": "湖州市",
        "330600": "绍兴市",
        "330700": "金华市",
        "330800": "衢州市",
        "330900": "舟山市",
        "331000": "台州市",
        "331100": "丽水市",
    }
    assert {row.parent_code for row in _current() if row.level == "city"} == {"330000"}


def test_every_county_hangs_under_a_current_city_with_its_code_prefix() -> None:
    by_code = {row.code: row for row in _current()}
    for row in load_zhejiang_regions():
        if row.level != "county":
            continue
        parent = by_code[row.parent_code or ""]
        assert parent.level == "city", row
        assert row.code[:4] == parent.code[:4], row


def test_codes_are_six_digits_in_zhejiang_and_never_repeated() -> None:
    codes = [row.code for row in load_zhejiang_regions()]
    assert all(re.fullmatch(r"33\d{4}", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_province_has_no_parent() -> None:
    (province,) = [row for row in load_zhejiang_regions() if row.level == "province"]
    assert (province.code, province.name, province.parent_code) == ("330000", "浙江省", None)


def test_hangzhou_2021_abolished_districts_end_when_new_ones_start() -> None:
    rows = {row.code: row for row in load_zhejiang_regions()}
    change = date(2021, 4, 9)
    for abolished in ("330103", "330104"):
        assert rows[abolished].valid_to == change
        assert rows[abolished].in_force_on(date(2021, 4, 8))
        assert not rows[abolished].in_force_on(change)
    for created in ("330113", "330114"):
        assert rows[created].valid_from == change
        assert not rows[created].in_force_on(date(2021, 4, 8))
        assert rows[created].in_force_on(change)
    # The re-formed districts kept their codes and names (see data_loader's notes).
    assert (rows["330102"].name, rows["330102"].is_current) == ("上城区", True)
    assert (rows["330105"].name, rows["330105"].is_current) == ("拱墅区", True)


def test_recent_county_level_changes_are_present() -> None:
    names = {row.code: row.name for row in _current()}
    assert names["330383"] == "龙港市"
    assert names["330305"] == "洞头区"
    assert names["330113"] == "临平区"
    assert names["330114"] == "钱塘区"
    assert names["331083"] == "玉环市"


def test_validity_periods_are_ordered() -> None:
    for row in load_zhejiang_regions():
        if row.valid_from and row.valid_to:
            assert row.valid_from < row.valid_to, row


def test_loader_returns_a_copy_callers_may_mutate() -> None:
    first = load_zhejiang_regions()
    first.clear()
    assert len(load_zhejiang_regions()) == 104
