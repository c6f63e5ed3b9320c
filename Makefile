# Dorsi — two commands matter: `make run` and `make test`. Everything else is a helper.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint pytest test-postgres bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Migrate, load the exercise library, start the web app and its task worker (SQLite by default).
# `make run HTTPS=1` (or DORSI_LOCAL_HTTPS=1): HTTPS on the local network with a certificate Dorsi
# makes itself, for phones (their tilt sensor works on https pages only); prints the URL.
run: install
	DORSI_LOCAL_HTTPS=$(if $(HTTPS),1,$(DORSI_LOCAL_HTTPS)) $(BIN)/python -m dorsi.web.run

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

# Coverage counts the CLI runs in subprocesses too; the gate only goes up (see pyproject).
COVERAGE_GATE := 95
pytest: install
	rm -f .coverage .coverage.*
	$(BIN)/pytest --cov=dorsi --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_GATE)

test: lint pytest

# The database-backed suites on PostgreSQL (DATABASE_URL=postgres://...); .ci/run calls it when one answers.
test-postgres: install
	DATABASE_URL=$(DATABASE_URL) $(BIN)/pytest tests/services tests/web tests/cli tests/e2e

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
