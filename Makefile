# gongkai — two commands: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= auto  # pytest-xdist: one test process per core (TEST_WORKERS=0 runs in one)

.PHONY: install migrate demo run serve worker test test-pg schemathesis lint bench load clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'

migrate: install
	$(BIN)/gongkai migrate --noinput  # into GONGKAI_DATA_DIR (default ./var/ of this checkout)

demo: migrate
	$(BIN)/gongkai demo

run: demo
	$(BIN)/gongkai collectstatic --noinput -v 0
	@echo "Serving on http://$(HOST):$(PORT)/"
	DEBUG=$${DEBUG:-1} $(BIN)/gongkai runserver $(HOST):$(PORT)

test: install
	GONGKAI_TESTING=1 $(BIN)/pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-pg: install
	GONGKAI_TESTING=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The API against its own OpenAPI document (tests/api/test_schemathesis.py), about 90 s.
schemathesis: install
	SCHEMATHESIS=1 GONGKAI_TESTING=1 $(BIN)/pytest -q tests/api/test_schemathesis.py

# 60 s of 32 connections against gunicorn (bench/load.py), results in bench/results/load.json.
load: install
	$(BIN)/python bench/load.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	GONGKAI_TESTING=1 $(BIN)/mypy $$(cd src && ls -d gongkai/*/domain | sed 's#/#.#g; s#^#-p #')
	$(BIN)/gongkai makemigrations --check --dry-run

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py --backend sqlite
	$(BIN)/python bench/assess.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/pages.py --documents 100000 --out bench/results/pages-100k.json

clean:
	rm -rf $(VENV) var

worker: install  ## background jobs; needs REDIS_URL (make run works without it)
	$(BIN)/gongkai worker --beat

serve: demo  ## the production server (gunicorn, DEBUG off) on plain HTTP for a local trial
	GONGKAI_HTTPS=$${GONGKAI_HTTPS:-0} DJANGO_SETTINGS_MODULE=gongkai.settings_production $(BIN)/gongkai collectstatic --noinput -v 0
	GONGKAI_HTTPS=$${GONGKAI_HTTPS:-0} $(BIN)/gongkai serve --bind $(HOST):$(PORT)
