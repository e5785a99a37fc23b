"""Settings: production refuses development keys and embedded services."""

from __future__ import annotations

import pytest

from api.settings import SettingsError, from_env


def test_prod_refuses_to_start_with_dev_keys_and_embedded_services():
    settings = from_env({"APP_ENV": "prod"})
    with pytest.raises(SettingsError) as error:
        settings.check()
    for name in ("SECRET_KEY", "PII_SECRET", "DATABASE_URL", "REDIS_URL"):
        assert name in str(error.value)


def test_prod_with_real_keys_starts_and_hides_graphiql_and_introspection():
    settings = from_env({
        "APP_ENV": "prod", "SECRET_KEY": "k" * 40, "PII_SECRET": "p" * 40,
        "DATABASE_URL": "postgres://u@db/gw", "REDIS_URL": "redis://cache:6379/0"})
    settings.check()
    assert settings.graphiql is False and settings.introspection is False


def test_numbers_and_lists_are_parsed():
    settings = from_env({"PORT": "9001", "ALLOWED_ORIGINS": "https://a.example, https://b.example",
                         "GRAPHIQL": "false"})
    assert settings.port == 9001
    assert settings.allowed_origins == ("https://a.example", "https://b.example")
    assert settings.graphiql is False


async def test_introspection_is_refused_when_disabled(make_app):
    async with make_app(introspection=False) as closed:
        body = (await closed.post("/graphql", json={"query": "{ __schema { types { name } } }"})
                ).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
