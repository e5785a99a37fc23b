"""Routing a message (pure): what it asks, which matter it names, which FAQ or department fits.

A consultation is answered automatically only when the answer is certain
enough to stand on its own: the message names one matter and asks about its
materials, time limits, fees or place (the guide answers that), or it
contains every trigger keyword of an FAQ entry. Anything else goes to a
department: the one the sender chose, the matter's implementing department,
or the first routing rule whose keyword the message contains.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    """What a question about a matter asks for (the parts of 办事指南 we can quote)."""

    MATERIALS = "MATERIALS"
    TIME_LIMIT = "TIME_LIMIT"
    FEES = "FEES"
    LOCATION = "LOCATION"


# Phrases people use for each part of the guide; checked as substrings.
INTENT_PHRASES: dict[Intent, tuple[str, ...]] = {
    Intent.MATERIALS: ("材料", "带什么", "带哪些", "准备什么", "准备哪些", "需要什么", "需要哪些",
                       "要什么", "要哪些", "证件", "手续"),
    Intent.TIME_LIMIT: ("多久", "多长时间", "几天", "多少天", "时限", "期限", "多快", "什么时候能"),
    Intent.FEES: ("收费", "费用", "多少钱", "要钱", "交钱", "免费", "付费", "缴费"),
    Intent.LOCATION: ("在哪", "哪里", "地点", "地址", "窗口", "办公时间", "几点", "电话", "网上办",
                      "在线办"),
}
# Words around a matter's name in a question. Verbs that are often part of a
# matter's name (申领, 办理 …) are removed only in a second pass.
_POLITE = (
    "请问", "您好", "你好", "我想", "我要", "想要", "想问", "咨询", "一下", "如何", "怎么", "怎样",
    "需要", "可以", "能否", "能不能", "是否", "应该", "哪些", "什么", "多少", "的话",
    "吗", "呢", "啊", "吧", "还有", "以及",
)
_VERBS = ("办理", "申请", "申领", "办", "的", "了", "要", "去", "在", "和", "及", "与")


def _by_length(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


_FIRST_PASS = _by_length([*(p for ps in INTENT_PHRASES.values() for p in ps), *_POLITE])
_SECOND_PASS = _by_length([*_FIRST_PASS, *_VERBS])
_SPLIT = re.compile(r"[\s,.;:!?、，。；：！？（）()《》“”\"'【】\[\]…—-]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MAX_PHRASE = 24
MAX_PHRASES = 6
MIN_PHRASE = 2


def fold(text: str) -> str:
    """NFKC and lowercase, so full-width and case never decide a match."""
    return unicodedata.normalize("NFKC", text).lower()


def intents(text: str) -> frozenset[Intent]:
    folded = fold(text)
    return frozenset(i for i, phrases in INTENT_PHRASES.items()
                     if any(p in folded for p in phrases))


def _pieces(folded: str, fillers: Sequence[str]) -> list[str]:
    for filler in fillers:
        folded = folded.replace(filler, " ")
    pieces = {p.strip()[:MAX_PHRASE] for p in _SPLIT.split(folded)}
    return sorted((p for p in pieces
                   if len(p) >= MIN_PHRASE and _CJK.search(p) and p not in _VERBS),
                  key=lambda p: (-len(p), p))


def subject_phrases(text: str) -> list[str]:
    """Candidate matter names in a question, in the order to try them: the
    text cut at punctuation and question words (longest piece first), then
    cut at verbs as well (社会保障卡申领 must survive the first pass, 办理食品经营许可
    needs the second)."""
    folded = fold(text)
    found: list[str] = []
    for fillers in (_FIRST_PASS, _SECOND_PASS):
        found.extend(p for p in _pieces(folded, fillers) if p not in found)
    return found[:MAX_PHRASES]


def shortened(phrase: str, max_drop: int = 3) -> list[str]:
    """The phrase and its prefixes down to ``max_drop`` characters shorter
    (食品经营许可证 → 食品经营许可 …): people add 证, 手续 or 业务 to names."""
    return [phrase[:len(phrase) - k] for k in range(max_drop + 1)
            if len(phrase) - k >= MIN_PHRASE]


@dataclass(frozen=True)
class MatterHit:
    """One catalogue search result: lower rank is closer (search_terms.RANK_*)."""

    rank: int
    matter_id: str


def pick_matter(hits: Sequence[MatterHit], exact: int = 0, contains: int = 2) -> str | None:
    """The matter a phrase names, when that is unambiguous: an exact name, or
    the only match that starts with or contains the phrase."""
    if not hits:
        return None
    best = min(hits, key=lambda h: (h.rank, h.matter_id))
    if best.rank == exact:
        return best.matter_id
    tied = [h for h in hits if h.rank == best.rank]
    return best.matter_id if best.rank <= contains and len(tied) == 1 else None


# ---------------------------------------------------------------- FAQ entries

@dataclass(frozen=True)
class FaqEntry:
    id: str
    keywords: tuple[str, ...]  # every one must occur in the message
    region_code: str | None  # None: everywhere
    kind: str | None  # None: any kind of message


def region_chain(code: str) -> list[str]:
    """A GB/T 2260 code and its ancestors, most specific first: 330106 → 330106, 330100, 330000."""
    chain = [code]
    if len(code) == 6 and code[4:] != "00":
        chain.append(code[:4] + "00")
    if len(code) == 6 and code[2:] != "0000":
        chain.append(code[:2] + "0000")
    return chain


def match_faq(text: str, kind: str, region_code: str | None,
              entries: Iterable[FaqEntry]) -> FaqEntry | None:
    """The most specific entry whose keywords all occur in ``text``: more
    keywords first, then longer ones, then the nearer region; ties by id."""
    folded = fold(text)
    chain = region_chain(region_code) if region_code else []
    best: tuple[tuple[int, int, int, str], FaqEntry] | None = None
    for entry in entries:
        if not entry.keywords or (entry.kind is not None and entry.kind != kind):
            continue
        if entry.region_code is not None and entry.region_code not in chain:
            continue
        if not all(fold(k) in folded for k in entry.keywords):
            continue
        nearness = chain.index(entry.region_code) if entry.region_code else len(chain)
        key = (-len(entry.keywords), -sum(len(k) for k in entry.keywords), nearness, entry.id)
        if best is None or key < best[0]:
            best = (key, entry)
    return best[1] if best else None


# ---------------------------------------------------------------- routing table

@dataclass(frozen=True)
class RouteRule:
    """路由规则: messages containing ``keyword`` (of ``kind``, in regions under
    ``region_prefix``; empty means any) go to the department of ``department_kind``."""

    keyword: str
    department_kind: str
    kind: str | None = None
    region_prefix: str = ""
    priority: int = 0


def route(text: str, kind: str, region_code: str, rules: Sequence[RouteRule]) -> RouteRule | None:
    """The best rule for a message: the most specific region, then the
    longest keyword, then the highest priority (first in the table on a tie)."""
    folded = fold(text)
    best: tuple[tuple[int, int, int, int], RouteRule] | None = None
    for position, rule in enumerate(rules):
        if rule.kind is not None and rule.kind != kind:
            continue
        if not region_code.startswith(rule.region_prefix):
            continue
        if fold(rule.keyword) not in folded:
            continue
        key = (-len(rule.region_prefix), -len(rule.keyword), -rule.priority, position)
        if best is None or key < best[0]:
            best = (key, rule)
    return best[1] if best else None
