"""Matter search: keyword prefix ranges in one SQL statement, then ranking in Python.

The statement finds the matters whose keywords cover every query term (each
term a prefix range on the code-point ordered keyword index), limited to
matters with a published implementation (in the region, when one is given).
``search_terms.rank`` then orders them exact > prefix > contains > pinyin >
initials > other, ties broken by 基本编码 and id, so that the order is total
and a cursor (rank, code, id) stays valid while rows are added.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.catalogue.rules import Status
from models.catalogue.search_terms import (
    keyword_filter,
    normalize_query,
    query_terms,
    rank,
    spelt_query,
)
from models.catalogue.sql import dialect, fetch
from models.catalogue.tables import Implementation, Matter, MatterKeyword

# A search answers at most this many matters: nobody pages further, and it
# bounds the ranking work of one-letter queries on a large catalogue.
MAX_RESULTS = 1000
# Terms beyond this (a pasted paragraph) are dropped: the first ones already
# narrow the result, and the statement stays small.
MAX_TERMS = 16


@dataclass(frozen=True, order=True)
class Hit:
    rank: int
    basic_code: str
    matter_id: str

    def key(self) -> list[object]:
        return [self.rank, self.basic_code, self.matter_id]


def _statement(terms: list[str], region_code: str | None, fence: str) -> tuple[str, list[object]]:
    """Candidates in cap order, then the implementation check, lazily: the inner
    query is fenced (``fence`` keeps the planner from flattening it) so that the
    EXISTS probe runs only until the cap is reached, not for every candidate."""
    keyword = MatterKeyword._meta.db_table
    matter = Matter._meta.db_table
    implementation = Implementation._meta.db_table
    matches, having, params = keyword_filter(terms)
    params.append(Status.PUBLISHED.value)
    region = ""
    if region_code:
        region = " AND i.region_id = ?"
        params.append(region_code)
    # Only table names and placeholders are interpolated; every value is a parameter.
    sql = (
        "SELECT c.id, c.basic_code, c.name, c.name_pinyin FROM ("  # noqa: S608
        "SELECT m.id, m.basic_code, m.name, m.name_pinyin, s.best FROM ("
        f"SELECT k.matter_id AS mid, MIN(k.rank_class) AS best FROM {keyword} k "
        f"WHERE {matches} GROUP BY k.matter_id {having}"
        f") s JOIN {matter} m ON m.id = s.mid ORDER BY s.best, m.basic_code, m.id {fence}"
        f") c WHERE EXISTS (SELECT 1 FROM {implementation} i WHERE i.matter_id = c.id "
        f"AND i.status = ?{region}) "
        f"ORDER BY c.best, c.basic_code, c.id LIMIT {MAX_RESULTS}"
    )
    return sql, params


async def search(q: str, region_code: str | None = None) -> list[Hit]:
    """Ranked matters for ``q`` (empty for an empty or punctuation-only query).

    A Chinese query that matches nothing is tried once more spelt in pinyin, so
    homophone slips (居住正, 身份正) still find 居住证申领 and 居民身份证换领.
    """
    query = normalize_query(q)
    terms = query_terms(query)[:MAX_TERMS]
    if not terms:
        return []
    hits = await _ranked(query, terms, region_code)
    spelt = spelt_query(query)
    if hits or not spelt or spelt in terms:
        return hits
    return await _ranked(query, [spelt], region_code)


async def _ranked(query: str, terms: list[str], region_code: str | None) -> list[Hit]:
    hits = []
    fence = "OFFSET 0" if dialect() == "postgres" else "LIMIT -1"
    for row in await fetch(*_statement(terms, region_code, fence)):
        syllables = row["name_pinyin"].split() if row["name_pinyin"] else None
        found = rank(row["name"], query, syllables=syllables, admitted=True)
        if found is not None:
            hits.append(Hit(found, row["basic_code"], str(row["id"])))
    hits.sort()
    return hits
