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


async def _catalogue() -> str:
    from models.catalogue.seed import seed_catalogue

    return await seed_catalogue()


async def _cases() -> str:
    from api.settings import from_env
    from models.cases.seed import seed_cases
    from models.identity.pii import PiiCipher

    return await seed_cases(PiiCipher.from_secret(from_env().pii_secret))


async def _consultations() -> str:
    from api.settings import from_env
    from models.consultations.seed import seed_consultations
    from models.identity.pii import PiiCipher

    return await seed_consultations(PiiCipher.from_secret(from_env().pii_secret))


async def _policies() -> str:
    from models.policies.seed import seed_policies

    return await seed_policies()



async def _inspections() -> str:
    from models.inspections.seed import seed_inspections
    from schema.inspections.common import decode_id
    from schema.node import to_global_id

    return await seed_inspections(hash_password, encode=to_global_id, decode=decode_id)


async def _applications() -> str:
    from api.settings import from_env
    from models.applications.seed import seed_applications
    from models.files.store import FileStore
    from models.identity.pii import PiiCipher

    settings = from_env()
    return await seed_applications(PiiCipher.from_secret(settings.pii_secret),
                                   FileStore(settings.file_store_dir))


async def _ratings() -> str:
    from api.settings import from_env
    from models.identity.pii import PiiCipher
    from models.ratings.seed import seed_ratings

    return await seed_ratings(PiiCipher.from_secret(from_env().pii_secret))


# (name, loader). Append a domain's loader here; order matters (FKs).
SEEDS: list[tuple[str, Callable[[], Awaitable[str]]]] = [
    ("regions", _regions),
    ("staff", _staff),
    ("people", _people),
    ("catalogue", _catalogue),
    ("cases", _cases),
    ("consultations", _consultations),
    ("policies", _policies),
    ("inspections", _inspections),
    ("applications", _applications),
    ("ratings", _ratings),
]


async def seed_all() -> list[str]:
    return [f"{name}: {await load()}" for name, load in SEEDS]
