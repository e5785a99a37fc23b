"""Chinese keyword search: normalisation, index/query terms and ranking."""

import pytest

from models.catalogue.search_terms import (
    MAX_QUERY_LENGTH,
    RANK_CONTAINS,
    RANK_EXACT,
    RANK_INITIALS,
    RANK_PINYIN,
    RANK_PREFIX,
    RANK_WORD,
    index_terms,
    normalize_query,
    prefix_upper_bound,
    query_terms,
    rank,
    register_user_words,
)


def _found(name: str, q: str) -> bool:
    """What the database does: every query term is a prefix of some keyword."""
    keywords = index_terms(name)
    terms = query_terms(q)
    return bool(terms) and all(any(k.startswith(t) for k in keywords) for t in terms)


def test_full_width_letters_and_spaces_are_folded() -> None:
    assert normalize_query("  ＪＺＺ　　居住证 ") == "jzz 居住证"


def test_query_is_capped_at_64_characters() -> None:
    assert len(normalize_query("居" * 200)) == MAX_QUERY_LENGTH
    assert query_terms("x" * 200) == ["x" * MAX_QUERY_LENGTH]


def test_empty_or_punctuation_only_query_finds_nothing() -> None:
    assert normalize_query("   ") == ""
    assert query_terms("") == []
    assert query_terms("，。！") == []
    assert rank("居住证申领", "") is None
    assert rank("居住证申领", "，。") is None


def test_index_holds_initials_full_pinyin_and_syllables() -> None:
    terms = index_terms("居住证申领")
    assert {"jzz", "jzzsl", "juzhuzheng", "juzhuzhengshenling", "ju", "zhu", "zheng"} <= terms


def test_index_holds_every_one_and_two_character_piece() -> None:
    terms = index_terms("医保关系转移")
    assert {"医", "保", "医保", "保关", "关系", "转移"} <= terms


def test_index_adds_common_abbreviations() -> None:
    assert "社保" in index_terms("社会保障卡申领")
    assert "医保" in index_terms("基本医疗保险关系转移接续")
    assert "社保" not in index_terms("居住证申领")


def test_extra_aliases_are_indexed_too() -> None:
    assert "浙里办" in index_terms("居住证申领", extra=["浙里办"])
    assert "zlb" in index_terms("居住证申领", extra=["浙里办"])


@pytest.mark.parametrize(
    "q", ["jzz", "ＪＺＺ", "juzhuzheng", "zhuzheng", "居住", "居住证", "居住zheng", "申领 居住证"]
)
def test_queries_people_type_find_residence_permit(q: str) -> None:
    assert _found("居住证申领", q)
    assert rank("居住证申领", q) is not None


@pytest.mark.parametrize(
    ("name", "q"),
    [
        ("社会保障卡申领", "社保"),
        ("基本医疗保险关系转移接续", "医保"),
        ("基本医疗保险关系转移接续", "yibao"),
    ],
)
def test_abbreviations_find_the_full_name(name: str, q: str) -> None:
    assert _found(name, q)
    assert rank(name, q) == RANK_WORD


@pytest.mark.parametrize("q", ["社保", "jzzx", "婚姻", "hunyin", "居住证明"])
def test_unrelated_queries_do_not_match(q: str) -> None:
    assert not _found("居住证申领", q)
    assert rank("居住证申领", q) is None


def test_long_chinese_query_becomes_overlapping_bigrams() -> None:
    assert query_terms("居住证申领") == ["居住", "住证", "证申", "申领"]
    assert query_terms("医保") == ["医保"]
    assert query_terms("居住zheng") == ["居住", "zheng"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("居住证申领", RANK_EXACT),
        ("居住证 申领", RANK_EXACT),
        ("居住证", RANK_PREFIX),
        ("证申领", RANK_CONTAINS),
        ("juzhuzheng", RANK_PINYIN),
        ("zhengshen", RANK_PINYIN),
        ("居住zheng", RANK_PINYIN),
        ("jzz", RANK_INITIALS),
        ("ＪＺＳ", None),
        ("zsl", RANK_INITIALS),
        ("申领 居住证", RANK_WORD),
    ],
)
def test_rank_of_each_kind_of_match(q: str, expected: int | None) -> None:
    assert rank("居住证申领", q) == expected


def test_rank_orders_exact_before_prefix_before_contains_before_pinyin() -> None:
    names = ["办理居住证", "居住证申领", "居住证", "居住登记"]
    ranked = sorted((r, name) for name in names if (r := rank(name, "居住证")) is not None)
    assert [name for _, name in ranked] == ["居住证", "居住证申领", "办理居住证"]
    assert rank("居住登记", "juzhu") == RANK_PINYIN
    assert rank("居住登记", "jzdj") == RANK_INITIALS


def test_every_row_the_keyword_filter_admits_gets_a_rank() -> None:
    names = ["居住证申领", "社会保障卡申领", "基本医疗保险关系转移接续", "机动车驾驶证换证"]
    queries = ["证", "申领", "sl", "jiashi", "社保", "医保 转移", "驾照", "jdcjszhz", "卡"]
    for name in names:
        for q in queries:
            if _found(name, q):
                assert rank(name, q) is not None, (name, q)


def test_registered_user_words_segment_as_whole_words() -> None:
    # Without the user word jieba splits this rare name into pieces.
    word = "浙里办码上办"
    assert word not in index_terms(f"{word}服务")
    register_user_words([word])
    assert word in index_terms(f"{word}服务")


def test_prefix_range_selects_exactly_the_keywords_starting_with_the_term() -> None:
    keywords = sorted(index_terms("居住证申领") | {"jz", "juzhu\U00020000", "jv", "居", "居住证"})
    for term in ("ju", "居住", "jzz", "居"):
        upper = prefix_upper_bound(term)
        in_range = [k for k in keywords if term <= k < upper]
        assert in_range == [k for k in keywords if k.startswith(term)]
