"""Policy search with the catalogue's Chinese keyword scheme (models/catalogue/search_terms.py).

Each policy's title (with its 文号 and issuing body as extra names) is
expanded into keywords at write time, and a query's terms must each be a
prefix of one of a policy's keywords: one statement of prefix ranges on a
code-point ordered index, then ranking in Python (exact > prefix > contains >
pinyin > initials > other). 1–2 character queries and pinyin initials work on
SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tortoise import connections
from tortoise.transactions import in_transaction

from models.catalogue.search_terms import (
    keyword_classes,
    keyword_filter,
    normalize_query,
    pinyin_syllables,
    query_terms,
    rank,
)
from models.catalogue.sql import numbered
from models.policies.tables import Policy, PolicyKeyword

MAX_RESULTS = 1000
MAX_TERMS = 16


def keyword_rows(policy: Policy) -> list[PolicyKeyword]:
    extra = [text for text in (policy.document_number, policy.issuing_body) if text]
    return [PolicyKeyword(keyword=keyword, policy_id=policy.id, rank_class=kind)
            for keyword, kind in sorted(keyword_classes(policy.title, extra).items())]


def title_pinyin(title: str) -> str:
    return " ".join(pinyin_syllables(title))[:2048]


async def index_policies(policies: Iterable[Policy], batch_size: int = 2000) -> int:
    """Replace the keywords of ``policies``; returns how many were written."""
    policies = list(policies)
    rows = [row for p in policies for row in keyword_rows(p)]
    async with in_transaction():
        await PolicyKeyword.filter(policy_id__in=[p.id for p in policies]).delete()
        await PolicyKeyword.bulk_create(rows, batch_size=batch_size)
    return len(rows)


@dataclass(frozen=True, order=True)
class Hit:
    rank: int
    newest: int  # minus the issue date's ordinal: newer first among equal ranks
    policy_id: str

    def key(self) -> list[object]:
        return [self.rank, self.newest, self.policy_id]


def _statement(terms: list[str], statuses: list[str]) -> tuple[str, list[object]]:
    keyword, policy = PolicyKeyword._meta.db_table, Policy._meta.db_table
    matches, having, params = keyword_filter(terms)
    params += statuses
    marks = ", ".join("?" for _ in statuses)
    # Only table names and placeholders are interpolated; every value is a parameter.
    sql = (
        f"SELECT p.id, p.title, p.title_pinyin, p.issued_on FROM ("  # noqa: S608
        f"SELECT k.policy_id AS pid, MIN(k.rank_class) AS best FROM {keyword} k "
        f"WHERE {matches} GROUP BY k.policy_id {having}"
        f") s JOIN {policy} p ON p.id = s.pid WHERE p.status IN ({marks}) "
        f"ORDER BY s.best, p.issued_on DESC, p.id LIMIT {MAX_RESULTS}"
    )
    return sql, params


async def search(q: str, statuses: list[str]) -> list[Hit]:
    """Ranked policies for ``q`` among ``statuses`` (empty for an empty query)."""
    query = normalize_query(q)
    terms = query_terms(query)[:MAX_TERMS]
    if not terms:
        return []
    sql, params = _statement(terms, statuses)
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        sql = numbered(sql)
    _count, rows = await conn.execute_query(sql, params)
    hits = []
    for row in rows:
        syllables = row["title_pinyin"].split() if row["title_pinyin"] else None
        found = rank(row["title"], query, syllables=syllables, admitted=True)
        if found is not None:
            issued = row["issued_on"]
            ordinal = issued.toordinal() if hasattr(issued, "toordinal") else _ordinal(issued)
            hits.append(Hit(found, -ordinal, str(row["id"])))
    hits.sort()
    return hits


def _ordinal(value: object) -> int:
    from datetime import date

    return date.fromisoformat(str(value)[:10]).toordinal()
