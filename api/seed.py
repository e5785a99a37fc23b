"""Demo data: each domain's loader, in dependency order, into an empty database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from auth.passwords import hash_password


async def _regions() -> str:
    from models.regions.seed import seed_regions

    return f"{await seed_regions()} departments"


async def _staff() -> str:
    from models.accounts.seed import seed_staff

    return f"{await seed_staff(hash_password)} staff accounts"


async def _people() -> str:
    from api.settings import from_env
    from models.accounts.seed import seed_people
    from models.identity.pii import PiiCipher

    return await seed_people(PiiCipher.from_secret(from_env().pii_secret), hash_password)


# (name, loader). Append a domain's loader here; order matters (FKs).
SEEDS: list[tuple[str, Callable[[], Awaitable[str]]]] = [
    ("regions", _regions),
    ("staff", _staff),
    ("people", _people),
]


async def seed_all() -> list[str]:
    return [f"{name}: {await load()}" for name, load in SEEDS]
