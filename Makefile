# The two set-up commands are `make run` (the service's own dependencies) and `make test` (everything, `make install`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml client/pyproject.toml | cksum | cut -d' ' -f1)
ANALYTICS_PYTHON := segment-analytics-python==2.4.0
NODE_LIBRARY := tests/node/node_modules/.package-lock.json
# `make run` needs the service's own dependencies only: no test tools, no client
RUN_STAMP := $(VENV)/.installed-run-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
CLIENT_PACKAGE := client/tracking_plans_client
GENERATE_CLIENT := openapi-python-client generate --path openapi.yaml --config client/config.yaml --meta none --overwrite
# the async client is derived from the hand-written sync one; `make_async FILE` writes it there, formatted
make_async = $(BIN)/python client/make_async.py > $(1) && ruff check --fix --select I --quiet $(1) && ruff format --quiet $(1)

.PHONY: install install-run run test test-fast lint drift openapi client schema bench clean

install: $(STAMP) $(NODE_LIBRARY)

$(STAMP): pyproject.toml client/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable '.[test]' --editable ./client
	# the Python analytics library, for tests only: it pins python-dateutil~=2.2 in its metadata but runs on the 4.0
	# the generated client needs, so it goes in without its pins (its other needs, requests and PyJWT, are in [test])
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(ANALYTICS_PYTHON)
	rm -f $(VENV)/.installed-* && touch $@ && touch $(RUN_STAMP)

# Segment's Node library, for tests only (tests/node); where npm is missing, its tests are skipped and say why
$(NODE_LIBRARY): tests/node/package-lock.json
	if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund --prefix tests/node; \
	else echo "npm not found: the tests of Segment's Node library will be skipped"; fi

install-run: $(RUN_STAMP)

$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable .
	rm -f $(VENV)/.installed-run-* && touch $@

run: install-run
	$(BIN)/python -m api serve

# what CI runs: lint, drift, then every test with property tests searching hard (the `full` Hypothesis profile)
test: install lint drift
	HYPOTHESIS_PROFILE=full $(BIN)/python -m pytest

# the inner loop: property tests searching briefly (the `fast` profile), tests marked slow left out; no lint, no drift
test-fast: install
	HYPOTHESIS_PROFILE=fast $(BIN)/python -m pytest -q -m "not slow"

lint: install
	ruff check api client/tracking_plans tests
	ruff format --check api client/tracking_plans tests
	mypy api client/tracking_plans

# openapi.yaml is generated from the app, and the client from openapi.yaml; both must be up to date
drift: install
	$(BIN)/python -m api openapi | diff -u openapi.yaml - || (echo "openapi.yaml is stale: run make openapi" && false)
	rm -rf .drift && $(GENERATE_CLIENT) --output-path .drift/tracking_plans_client >/dev/null
	diff -ru $(CLIENT_PACKAGE) .drift/tracking_plans_client || (echo "the client is stale: run make client" && false)
	$(call make_async,.drift/aio.py)
	diff -u client/tracking_plans/aio.py .drift/aio.py || (echo "aio.py is stale: run make client" && false)
	rm -rf .drift

openapi: install
	$(BIN)/python -m api openapi > openapi.yaml

client: install
	$(GENERATE_CLIENT) --output-path $(CLIENT_PACKAGE)
	$(call make_async,client/tracking_plans/aio.py)

# api/store/schema.sql is what the migrations produce; a test fails when they drift apart
schema: install
	UPDATE_SCHEMA=1 $(BIN)/python -m pytest -q tests/store/test_migrations.py -k checked_in_schema

# every benchmark runs; make fails if any missed its target
# the read-throughput benchmark drives the server with wrk (Debian's package), installed when missing
bench: install
	command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || \
		echo "wrk could not be installed: the read-throughput benchmark will say so and fail"
	status=0; \
	$(BIN)/python -m tests.bench.rules || status=1; \
	$(BIN)/python -m tests.bench.transformations || status=1; \
	$(BIN)/python -m tests.bench.fql || status=1; \
	$(BIN)/python -m tests.bench.copies || status=1; \
	$(BIN)/python -m tests.bench.config_api || status=1; \
	$(BIN)/python -m tests.bench.validation || status=1; \
	$(BIN)/python -m tests.bench.client || status=1; \
	$(BIN)/python -m tests.bench.ingestion || status=1; \
	$(BIN)/python -m tests.bench.trackplan || status=1; \
	$(BIN)/python -m tests.bench.ui || status=1; \
	$(BIN)/python -m tests.bench.observed || status=1; \
	$(BIN)/python -m tests.bench || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) .data .drift
