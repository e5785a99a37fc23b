"""The project's standing checks: schema drift, migrations, dependency directions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tortoise import Tortoise, connections
from tortoise.migrations.autodetector import MigrationAutodetector

from api.cli import SCHEMA_PATH
from api.graphql import build_schema
from api.settings import ROOT


def test_checked_in_schema_matches_the_code():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == build_schema().as_str() + "\n", (
        "schema/schema.graphql is stale: run `make schema` and commit it")


async def test_migrations_describe_exactly_the_models(app):
    config = app.state.settings.tortoise_config()["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, config).changes()
    assert writers == [], "models changed without a migration: run makemigrations"


async def test_migrated_tables_have_every_model_column(app):
    conn = connections.get("default")
    dialect = conn.capabilities.dialect
    for model in Tortoise.apps["models"].values():
        table = model._meta.db_table
        if dialect == "sqlite":
            rows = (await conn.execute_query(f'PRAGMA table_info("{table}")'))[1]
            columns = {r["name"] for r in rows}
        else:
            rows = (await conn.execute_query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = $1",
                [table]))[1]
            columns = {r["column_name"] for r in rows}
        expected = set(model._meta.fields_db_projection.values())
        assert expected <= columns, (table, expected - columns)


def test_import_directions_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
