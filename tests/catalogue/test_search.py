"""Search the way Chinese users type: fragments, 1–2 characters, pinyin, initials."""

from __future__ import annotations

import uuid

import pytest

from models.catalogue.keywords import index_matters, name_pinyin
from models.catalogue.search_terms import normalize_query, rank
from models.catalogue.tables import Implementation, Matter
from models.regions.seed import department_id
from tests.catalogue.support import invalidate
from tests.helpers import gql

SEARCH = """query($q: String!, $region: String, $first: Int, $after: String) {
  searchMatters(query: $q, regionCode: $region, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name basicCode } } } }"""


async def _names(client, q: str, region: str | None = None, first: int = 100) -> list[str]:
    data = await gql(client, SEARCH, {"q": q, "region": region, "first": first})
    return [e["node"]["name"] for e in data["searchMatters"]["edges"]]


async def _assert_ranked(client, q: str) -> list[str]:
    """Results come in rank order (exact > prefix > contains > pinyin > initials > other;
    the keyword filter admitted each, through the name or an alias such as 异地医保备案)."""
    names = await _names(client, q)
    ranks = [rank(name, q, admitted=True) for name in names]
    assert ranks == sorted(ranks), list(zip(names, ranks, strict=True))
    return names


@pytest.mark.parametrize(("q", "expected"), [
    ("医保", "基本医疗保险关系转移接续"),
    ("社保", "社会保障卡申领"),
    ("证", "居住证申领"),
    ("驾照", "机动车驾驶证换证"),
])
async def test_one_and_two_character_queries_find_the_matter(client, q, expected):
    names = await _assert_ranked(client, q)
    assert expected in names


async def test_pinyin_initials_find_the_residence_permit_first(client):
    names = await _assert_ranked(client, "jzz")
    assert names[:2] == ["居住证申领", "居住证签注"]


@pytest.mark.parametrize("q", ["juzhuzheng", "zhuzheng", "居住zheng", "jzz居住", "ＪＺＺ",
                               "  居住证  ", "Juzhuzheng"])
async def test_full_pinyin_mixed_and_full_width_queries(client, q):
    names = await _names(client, q)
    assert "居住证申领" in names, q
    if q in ("ＪＺＺ",):
        assert names == await _names(client, "jzz")


async def test_exact_name_beats_prefix_beats_contains(client):
    names = await _assert_ranked(client, "出生登记")
    assert names[0] == "出生登记"
    prefix = await _assert_ranked(client, "社会保障卡")
    assert prefix[0].startswith("社会保障卡")
    contains = [n for n in prefix if not n.startswith("社会保障卡")]
    assert all(prefix.index(n) > prefix.index("社会保障卡申领") for n in contains)


@pytest.mark.parametrize(("q", "expected"), [("居住正", "居住证申领"),
                                             ("身份正换领", "居民身份证换领"),
                                             ("出生登计", "出生登记")])
async def test_a_homophone_slip_is_retried_in_pinyin(client, q, expected):
    """Pinyin input methods put a wrong character of the right sound: 正 for 证."""
    assert expected in (await _names(client, q))[:3]


@pytest.mark.parametrize("q", ["", "   ", "，。！", "\u3000"])
async def test_empty_queries_find_nothing_without_error(client, q):
    data = await gql(client, SEARCH, {"q": q, "region": None, "first": 10})
    assert data["searchMatters"]["totalCount"] == 0
    assert data["searchMatters"]["edges"] == []


async def test_over_long_queries_use_their_first_64_characters(client):
    assert await _names(client, "居住证申领" + "x" * 5000) == []
    pasted = "居住证申领 " + "申领 " * 300
    assert len(normalize_query(pasted)) == 64
    assert "居住证申领" in await _names(client, pasted)


async def test_a_region_limits_results_to_what_it_implements(client):
    assert "居住证申领" not in await _names(client, "居住证", region="330000")  # county matter
    data = await gql(client, """{ searchMatters(query: "居住证", regionCode: "330106", first: 5) {
        nodes { name implementation { code region { code } } } } }""")
    first = data["searchMatters"]["nodes"][0]
    assert first["name"] == "居住证申领"
    assert first["implementation"] == {"code": "GG0400002000330106GAJ",
                                       "region": {"code": "330106"}}


async def test_pages_are_disjoint_and_stable_while_matters_are_added(client, app):
    region = "330881"  # 江山市: nothing else in the suite adds matters here
    everything = await _names(client, "证", region=region)
    assert len(everything) > 30
    pages, after = [], None
    while True:
        page = (await gql(client, SEARCH, {"q": "证", "region": region, "first": 7,
                                           "after": after}))["searchMatters"]
        pages.append(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    paged = [e["node"]["name"] for p in pages for e in p["edges"]]
    assert paged == everything
    # a matter that ranks before the second page arrives: that page does not move
    await _add_matter(f"证明开具测试{uuid.uuid4().hex[:6]}", region)
    await invalidate(app)
    again = (await gql(client, SEARCH, {"q": "证", "region": region, "first": 7,
                                        "after": pages[0]["pageInfo"]["endCursor"]}))
    assert again["searchMatters"]["edges"] == pages[1]["edges"]
    fresh = await _names(client, "证", region=region, first=3)
    assert fresh[0].startswith("证明开具测试")


async def _add_matter(name: str, region: str) -> None:
    """A published matter straight in the tables (as an import would write it)."""
    matter = await Matter.create(
        id=uuid.uuid4(), basic_code=f"TS{uuid.uuid4().int % 10**10:010d}", name=name,
        name_pinyin=name_pinyin(name), matter_type="PUBLIC_SERVICE",
        department_kind="civil_affairs", theme="证明开具", levels=["县级"], legal_basis="测试",
        for_person=True)
    await index_matters([matter])
    await Implementation.create(
        code=f"{matter.basic_code}{region}MZJ", version=1, status="PUBLISHED",
        matter_id=matter.id, region_id=region,
        department_id=department_id(region, "civil_affairs"), legal_limit=1,
        legal_limit_unit="WORKING_DAY", promised_limit=0, promised_limit_unit="WORKING_DAY",
        case_type="INSTANT", handling_form="ONLINE", onsite_visits=0, service_scope="PROVINCE")
