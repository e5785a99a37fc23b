"""Command line: migrate, seed, serve, export the schema.

    python -m api.cli migrate | seed | serve | schema [--check]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from api.settings import ROOT, from_env

SCHEMA_PATH = ROOT / "schema" / "schema.graphql"


async def migrate() -> None:
    from tortoise import Tortoise
    from tortoise.migrations.api import migrate as run_migrations

    settings = from_env()
    if settings.database_url.startswith("sqlite://"):
        Path(settings.database_url.removeprefix("sqlite://")).parent.mkdir(
            parents=True, exist_ok=True)
    await run_migrations(config=settings.tortoise_config())
    await Tortoise.close_connections()


async def seed(force: bool = False) -> None:
    """Load the demo data into an empty database (a non-empty one is left alone)."""
    from tortoise import Tortoise

    from api.seed import seed_all
    from models.regions.tables import Region

    await Tortoise.init(config=from_env().tortoise_config())
    try:
        if await Region.exists() and not force:
            print("seed: database already has data; left as it is")
            return
        for line in await seed_all():
            print(f"seed: {line}")
    finally:
        await Tortoise.close_connections()


def export_schema(check: bool) -> int:
    from api.graphql import build_schema

    sdl = build_schema().as_str() + "\n"
    if check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != sdl:
            print("schema/schema.graphql is out of date: run `make schema`", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(sdl, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
    return 0


def serve() -> None:
    import uvicorn

    settings = from_env()
    uvicorn.run("api.asgi:app", host=settings.host, port=settings.port,
                log_config=None, proxy_headers=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate")
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("--force", action="store_true")
    sub.add_parser("serve")
    schema_parser = sub.add_parser("schema")
    schema_parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "migrate":
        asyncio.run(migrate())
    elif args.command == "seed":
        asyncio.run(seed(args.force))
    elif args.command == "serve":
        serve()
    elif args.command == "schema":
        return export_schema(args.check)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
