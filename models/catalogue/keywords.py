"""Writing the search keyword table for matters (done when a matter is created or renamed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tortoise.transactions import in_transaction

from models.catalogue.search_terms import keyword_classes, pinyin_syllables
from models.catalogue.tables import Matter, MatterKeyword


def keyword_rows(matter_id: object, name: str, aliases: Sequence[str] = ()) -> list[MatterKeyword]:
    return [MatterKeyword(keyword=keyword, matter_id=matter_id, rank_class=kind)
            for keyword, kind in sorted(keyword_classes(name, aliases).items())]


def name_pinyin(name: str) -> str:
    return " ".join(pinyin_syllables(name))


async def index_matters(matters: Iterable[Matter], batch_size: int = 2000) -> int:
    """Replace the keywords of ``matters``; returns how many were written."""
    matters = list(matters)
    rows = [row for m in matters for row in keyword_rows(m.id, m.name, m.aliases)]
    async with in_transaction():
        await MatterKeyword.filter(matter_id__in=[m.id for m in matters]).delete()
        await MatterKeyword.bulk_create(rows, batch_size=batch_size)
    return len(rows)
