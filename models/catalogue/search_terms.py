"""Chinese keyword terms and ranking for matter search on SQLite and PostgreSQL.

Neither database tokenises Chinese, and ``pg_trgm`` cannot index 1–2 character
queries, which are most Chinese queries (医保, 社保). So every searchable name
is expanded once, at write time, into a set of keywords (``index_terms``)
stored in a plain ``(matter_id, keyword)`` table; a query is turned into a few
terms (``query_terms``) and a row matches when **every** term is a prefix of
one of its keywords. Keywords are lowercase and the column orders by code
point (SQLite's default BINARY, PostgreSQL ``COLLATE "C"``), so the prefix
test is a range scan on a plain b-tree index in both databases:
``keyword >= :term AND keyword < :upper`` with ``upper =
prefix_upper_bound(term)`` (no LIKE, whose index use differs between the
two). ``rank`` then orders the candidates in Python.

The keywords of a name are: the name itself; its jieba search-mode tokens;
every 1- and 2-character substring of each Chinese run (so any query made of
2-character pieces of the name matches); pinyin without tones, joined and per
syllable, and joined from every syllable boundary on (so ``zhuzheng`` finds
居住证); pinyin initials from every position (``jzz``); the pinyin of every
jieba token and its initials; and common abbreviations (社会保险 → 社保).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from types import ModuleType

from pypinyin import lazy_pinyin

MAX_QUERY_LENGTH = 64

# Bases of the CJK Unified Ideographs plus Extension A; enough for matter names.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN_OR_DIGIT_RUN = re.compile(r"[a-z0-9]+")
_PIECE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]+")

# Names spell things out; people type the 简称. Index side only: the query
# keeps what the user typed.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "社会保险": ("社保",),
    "社会保障": ("社保",),
    "医疗保险": ("医保",),
    "医疗保障": ("医保",),
    "养老保险": ("养老",),
    "失业保险": ("失业金",),
    "住房公积金": ("公积金",),
    "居民身份证": ("身份证",),
    "机动车驾驶证": ("驾照",),
    "营业执照": ("执照",),
    "统一社会信用代码": ("信用代码",),
}

RANK_EXACT = 0
RANK_PREFIX = 1
RANK_CONTAINS = 2
RANK_PINYIN = 3
RANK_INITIALS = 4
RANK_WORD = 5

_lock = threading.Lock()
_jieba: ModuleType | None = None
_pending_words: set[str] = set()


def _segmenter() -> ModuleType:
    """jieba, loaded on first use: its dictionary takes about a second to build."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba  # deferred: importing alone costs ~0.2 s at start-up

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                for word in sorted(_pending_words):
                    jieba.add_word(word)
                _pending_words.clear()
                _jieba = jieba
    return _jieba


def register_user_words(words: Iterable[str]) -> None:
    """Teach jieba matter and department names so they segment as wholes.

    Before jieba is loaded the words are only remembered, so calling this at
    start-up does not pay the dictionary load.
    """
    cleaned = {_fold(word) for word in words}
    cleaned.discard("")
    with _lock:
        if _jieba is None:
            _pending_words.update(cleaned)
            return
        jieba = _jieba
    for word in sorted(cleaned):
        jieba.add_word(word)


def _fold(text: str) -> str:
    """NFKC (full-width → half-width), lowercase, single spaces, no ends."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def normalize_query(q: str) -> str:
    """The canonical form of a user's query, at most 64 characters."""
    return _fold(q)[:MAX_QUERY_LENGTH].rstrip()


def _syllables(text: str) -> list[str]:
    """Toneless pinyin of the Chinese runs of ``text``; other characters dropped."""
    syllables: list[str] = []
    for run in _CJK_RUN.findall(text):
        syllables.extend(lazy_pinyin(run))
    return syllables


def _suffixes(parts: Sequence[str]) -> set[str]:
    """``parts`` joined from every position on: abc, bc, c."""
    return {"".join(parts[i:]) for i in range(len(parts))}


def _tokens(text: str) -> list[str]:
    found = []
    for token in _segmenter().lcut_for_search(text):
        token = token.strip()
        if token and _PIECE.fullmatch(token):
            found.append(token)
    return found


def _terms_of(text: str) -> set[str]:
    terms = {text.replace(" ", "")}
    for run in _CJK_RUN.findall(text):
        terms.update(run)
        terms.update(run[i : i + 2] for i in range(len(run) - 1))
        syllables = lazy_pinyin(run)
        terms.update(syllables)
        terms.update(_suffixes(syllables))
        terms.update(_suffixes([s[0] for s in syllables]))
    terms.update(_LATIN_OR_DIGIT_RUN.findall(text))
    for token in _tokens(text):
        terms.add(token)
        if _CJK_RUN.fullmatch(token):
            syllables = lazy_pinyin(token)
            terms.add("".join(syllables))
            terms.add("".join(s[0] for s in syllables))
    return terms


def index_terms(name: str, extra: Sequence[str] = ()) -> set[str]:
    """Every keyword under which ``name`` (and its aliases in ``extra``) is found."""
    texts = [_fold(text) for text in (name, *extra)]
    for text in list(texts):
        texts.extend(
            short for long, shorts in _ABBREVIATIONS.items() if long in text for short in shorts
        )
    terms: set[str] = set()
    for text in texts:
        terms |= _terms_of(text)
    return terms


# Keyword classes stored beside each keyword (lower is closer to the name);
# search orders candidates by the best class before its result cap.
KEYWORD_NAME = 0  # the whole name or alias
KEYWORD_CHINESE = 1  # a word, character or 2-character piece
KEYWORD_PINYIN = 2  # pinyin syllables, joined from a syllable boundary
KEYWORD_OTHER = 3  # initials, digits, Latin words
MAX_KEYWORD_LENGTH = 96  # longer keywords are cut; queries are at most 64 characters


def keyword_classes(name: str, extra: Sequence[str] = ()) -> dict[str, int]:
    """``index_terms`` with each keyword's class, cut to the stored length.

    A keyword cut to 96 characters still matches every query term (≤ 64) it
    matched before, so cutting loses nothing.
    """
    wholes = {_fold(text).replace(" ", "") for text in (name, *extra)}
    terms = index_terms(name, extra)
    spelt: set[str] = set()
    for term in terms:
        if _CJK_RUN.search(term):
            for run in _CJK_RUN.findall(term):
                spelt |= _suffixes(lazy_pinyin(run))
                spelt.add("".join(lazy_pinyin(run)))
    classes: dict[str, int] = {}
    for term in terms:
        if term in wholes:
            kind = KEYWORD_NAME
        elif _CJK_RUN.search(term):
            kind = KEYWORD_CHINESE
        elif term in spelt:
            kind = KEYWORD_PINYIN
        else:
            kind = KEYWORD_OTHER
        cut = term[:MAX_KEYWORD_LENGTH]
        classes[cut] = min(kind, classes.get(cut, kind))
    return classes


def pinyin_syllables(name: str) -> list[str]:
    """The toneless syllables ``rank`` needs; store them to rank without pypinyin."""
    return _syllables(_fold(name))


def query_terms(q: str) -> list[str]:
    """Terms to look up, each as a keyword prefix; all must match (AND).

    Chinese runs longer than two characters become overlapping bigrams, so a
    query matches whenever its pieces occur in the name, however jieba would
    have cut it. Latin runs are kept whole: pinyin, initials or digits.
    """
    terms: list[str] = []
    for piece in _PIECE.findall(normalize_query(q)):
        if _CJK_RUN.fullmatch(piece) and len(piece) > 2:
            pieces = [piece[i : i + 2] for i in range(len(piece) - 1)]
        else:
            pieces = [piece]
        terms.extend(p for p in pieces if p not in terms)
    return terms


def prefix_upper_bound(term: str) -> str:
    """Exclusive upper bound of the keywords that start with ``term``."""
    # U+10FFFF sorts after every character in code-point (binary) order.
    return term + "\U0010ffff"


def keyword_filter(terms: list[str]) -> tuple[str, str, list[object]]:
    """SQL over a keyword table aliased ``k``, grouped by the row it indexes:
    (WHERE condition, HAVING clause, parameters in that order). A row matches
    when every term is a prefix of one of its keywords."""
    ranges: list[object] = []
    for term in terms:
        ranges += [term, prefix_upper_bound(term)]
    in_range = "(k.keyword >= ? AND k.keyword < ?)"
    params: list[object] = list(ranges)
    having = ""
    if len(terms) > 1:
        having = "HAVING " + " AND ".join(
            f"SUM(CASE WHEN {in_range} THEN 1 ELSE 0 END) > 0" for _ in terms)
        params += ranges
    return " OR ".join([in_range] * len(terms)), having, params


def _query_pinyin(q: str) -> str:
    """The query spelt in pinyin: Chinese converted, Latin kept, the rest dropped."""
    spelt = []
    for piece in _PIECE.findall(q):
        spelt.append("".join(lazy_pinyin(piece)) if _CJK_RUN.fullmatch(piece) else piece)
    return "".join(spelt)


def spelt_query(q: str) -> str:
    """The normalised query in pinyin (Chinese converted, Latin kept): the term to
    retry with when the characters themselves match nothing, since a wrong
    character of the same sound (居住正 for 居住证) is the usual IME slip."""
    return _query_pinyin(normalize_query(q))[:MAX_KEYWORD_LENGTH]


def rank(name: str, q: str, *, syllables: Sequence[str] | None = None,
         admitted: bool = False) -> int | None:
    """Sort key of ``name`` for query ``q``, lower is better; None if no match.

    exact 0 > prefix 1 > contains 2 > pinyin from a syllable boundary 3 >
    initials 4 > every query term found among the name's keywords 5. The last
    step is the keyword filter itself, so every row the database admits gets a
    rank; earlier steps may also rank homophones the filter would not admit.

    ``syllables`` (from ``pinyin_syllables``, stored with the name) and
    ``admitted`` (the keyword filter already matched this name) skip the two
    expensive steps when ranking many candidates of one query.
    """
    query = normalize_query(q)
    if not _PIECE.search(query):
        return None
    folded = _fold(name)
    # Spaces between Chinese words are separators, not content.
    compact_query, compact_name = query.replace(" ", ""), folded.replace(" ", "")
    if compact_name == compact_query:
        return RANK_EXACT
    if compact_name.startswith(compact_query):
        return RANK_PREFIX
    if compact_query in compact_name:
        return RANK_CONTAINS
    spelt = _query_pinyin(query)
    if syllables is None:
        syllables = _syllables(folded)
    if spelt and any(s.startswith(spelt) for s in _suffixes(syllables)):
        return RANK_PINYIN
    initials = "".join(s[0] for s in syllables)
    if compact_query.isascii() and compact_query.isalpha() and compact_query in initials:
        return RANK_INITIALS
    if admitted:
        return RANK_WORD
    keywords = index_terms(name)
    terms = query_terms(query)
    if terms and all(any(k.startswith(t) for k in keywords) for t in terms):
        return RANK_WORD
    return None
