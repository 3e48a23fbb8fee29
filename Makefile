# The two set-up commands of the README, and what they build on.
#   make demo   set up, ingest the sample corpus into ./newsgraph.db, list what was stored
#   make test   set up (with the test tools) and run the linter and the test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

demo: $(VENV)/.installed
	$(BIN)/newsgraph ingest examples/corpus --db newsgraph.db
	$(BIN)/newsgraph articles --db newsgraph.db

test: $(VENV)/.installed lint
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks examples

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/corpus.py
	$(BIN)/python benchmarks/ingest_throughput.py

# Regenerate the hashed lock file after changing dependencies in pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev --extra parquet \
		-o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) newsgraph.db newsgraph.db-wal newsgraph.db-shm
