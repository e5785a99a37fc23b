# Zhengwu Gateway — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
AUDIT  := tests/http_audit/node_modules/.package-lock.json
HOST   ?= 127.0.0.1
PORT   ?= 8000
export HOST PORT

.PHONY: install migrate seed run test lint schema bench audit-deps clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

$(AUDIT): tests/http_audit/package.json tests/http_audit/package-lock.json
	cd tests/http_audit && npm ci --silent --no-audit --no-fund

audit-deps: $(AUDIT)

migrate: install
	$(BIN)/python -m api.cli migrate

seed: migrate
	$(BIN)/python -m api.cli seed

run: seed
	$(BIN)/python -m api.cli serve

test: install audit-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m api.cli schema --check

schema: install
	$(BIN)/python -m api.cli schema

bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m tests.bench.run

clean:
	rm -rf var/ .pytest_cache
