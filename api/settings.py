"""Settings: the only code that reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Tortoise apps. The core app ("models": regions, accounts) keeps its migrations
# in models/migrations/; every other domain is an app of its own, found by
# convention (models/<domain>/tables.py + models/<domain>/migrations/), so each
# domain's migrations evolve independently. Foreign keys cross apps by label,
# e.g. "models.Department".
CORE_MODULES = ["models.regions.tables", "models.accounts.tables"]


def discover_apps() -> dict[str, dict]:
    apps = {"models": {"models": list(CORE_MODULES), "default_connection": "default",
                       "migrations": "models.migrations"}}
    for package in sorted((ROOT / "models").iterdir()):
        if ((package / "tables.py").is_file() and (package / "migrations").is_dir()
                and f"models.{package.name}.tables" not in CORE_MODULES):
            apps[package.name] = {"models": [f"models.{package.name}.tables"],
                                  "default_connection": "default",
                                  "migrations": f"models.{package.name}.migrations"}
    return apps

DEV_SECRET = "dev-only-secret-do-not-use-in-production"  # noqa: S105 - refused in prod


class SettingsError(RuntimeError):
    """Configuration that must not be served (raised at start-up)."""


@dataclass(frozen=True)
class Settings:
    env: str = "dev"  # dev | test | prod
    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str = f"sqlite://{ROOT / 'var' / 'gateway.sqlite3'}"
    redis_url: str = ""  # empty: in-process fakeredis (embedded default)
    secret_key: str = DEV_SECRET
    pii_secret: str = DEV_SECRET
    jwt_issuer: str = "zhengwu-gateway"
    jwt_audience: str = "zhengwu-gateway-api"
    allowed_origins: tuple[str, ...] = ("http://127.0.0.1:8000", "http://localhost:8000")
    trusted_documents_path: str = ""  # set: only registered documents run
    file_store_dir: str = str(ROOT / "var" / "files")
    log_level: str = "INFO"
    # Protection limits (see README "Limits")
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 50 * 1024 * 1024  # a whole multipart request
    max_file_bytes: int = 20 * 1024 * 1024  # one file
    max_upload_files: int = 10
    max_depth: int = 12
    max_aliases: int = 15
    max_tokens: int = 2000
    max_mutations: int = 5
    max_list_input: int = 100
    max_cost: int = 5000
    rate_budget: int = 20000  # cost points per client and window
    rate_window_seconds: int = 60
    apq_ttl_seconds: int = 7 * 24 * 3600
    apq_max_bytes: int = 64 * 1024
    response_cache_seconds: int = 60  # public anonymous GET answers; 0 turns it off
    graphiql: bool = True
    introspection: bool = True
    db_pool_max: int = 10
    redis_pool_max: int = 50
    # Sign-in (accounts): the host platform's identity provider and SMS codes
    idp_url: str = "http://127.0.0.1:8001"
    idp_app_id: str = "zhengwu-gateway"
    idp_app_secret: str = "dev-idp-app-secret"  # noqa: S105 - development value
    idp_timeout_seconds: int = 5
    sms_daily_limit: int = 10  # codes per phone number per day
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_prod(self) -> bool:
        return self.env == "prod"

    @property
    def uses_fake_redis(self) -> bool:
        return not self.redis_url

    def tortoise_config(self) -> dict:
        return tortoise_config(self.database_url, self.db_pool_max)

    def check(self) -> None:
        """Refuse to serve production with development keys or embedded services."""
        if not self.is_prod:
            return
        problems = []
        if self.secret_key == DEV_SECRET or len(self.secret_key) < 32:
            problems.append("SECRET_KEY must be set to a random value of at least 32 characters")
        if self.pii_secret == DEV_SECRET or len(self.pii_secret) < 32:
            problems.append("PII_SECRET must be set to a random value of at least 32 characters")
        if self.database_url.startswith("sqlite"):
            problems.append("DATABASE_URL must point to PostgreSQL in production")
        if not self.redis_url:
            problems.append("REDIS_URL must point to Redis in production")
        if problems:
            raise SettingsError("; ".join(problems))


def tortoise_config(database_url: str, pool_max: int = 10) -> dict:
    url = database_url
    if url.startswith(("postgres://", "postgresql://", "asyncpg://")) and "maxsize" not in url:
        sep = "&" if "?" in url else "?"
        url = f"{url}{sep}maxsize={pool_max}"
    return {
        "connections": {"default": url},
        "apps": discover_apps(),
        "use_tz": True,
        "timezone": "UTC",
    }


_INT_FIELDS = {f.name for f in fields(Settings) if f.type in ("int", int)}
_BOOL_FIELDS = {f.name for f in fields(Settings) if f.type in ("bool", bool)}


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    env = dict(os.environ if environ is None else environ)
    values: dict[str, object] = {}
    for f in fields(Settings):
        key = f.name.upper()
        if f.name == "env":
            key = "APP_ENV"
        if key not in env or f.name == "extra":
            continue
        raw = env[key].strip()
        if f.name in _INT_FIELDS:
            values[f.name] = int(raw)
        elif f.name in _BOOL_FIELDS:
            values[f.name] = raw.lower() in ("1", "true", "yes", "on")
        elif f.name == "allowed_origins":
            values[f.name] = tuple(o.strip() for o in raw.split(",") if o.strip())
        else:
            values[f.name] = raw
    settings = Settings(**values)
    if settings.is_prod:
        # GraphiQL and introspection are development aids; production turns them
        # off unless explicitly re-enabled.
        settings = replace(
            settings,
            graphiql="GRAPHIQL" in env and values.get("graphiql", False) is True,
            introspection="INTROSPECTION" in env and values.get("introspection", False) is True,
        )
    return settings


# Used by the `tortoise` migration CLI: `tortoise -c api.settings.TORTOISE_ORM ...`
TORTOISE_ORM = from_env().tortoise_config()
