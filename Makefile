# The two set-up commands of the README, and what they build on.
#   make demo   set up, ingest the sample corpus into ./newsgraph.db, list what was stored
#   make test   set up (with the test tools) and run the linter and the test suite

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: models demo serve test lint bench bench-extractors lock lock-bench clean browser screenshots atlas

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

demo: $(VENV)/.installed atlas
	$(BIN)/newsgraph ingest examples/corpus --db newsgraph.db
	$(BIN)/newsgraph articles --db newsgraph.db

# The web pages and the API over the demo store, at http://127.0.0.1:8000/.
serve: $(VENV)/.installed atlas
	test -f newsgraph.db || $(BIN)/newsgraph ingest examples/corpus --db newsgraph.db
	$(BIN)/newsgraph serve --db newsgraph.db

# The README's screenshots, as the browser tests take them.
screenshots: $(VENV)/.installed browser
	NEWSGRAPH_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_browser.py

test: $(VENV)/.installed browser atlas lint
	$(BIN)/python -m pytest -q

# The browser tests drive Debian's Chromium (never a test tool's own download): installed here
# when missing and the machine lets us; without it those tests are skipped (CI requires them).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser:
	@test -x /usr/bin/chromedriver || { $(SUDO) apt-get install -y -qq chromium chromium-driver \
		|| { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver; }; } \
		|| echo "make: could not install Debian's chromium; browser tests will be skipped"

# The /map page's country outlines: Natural Earth's 1:110m countries in the npm package
# world-atlas, fetched once with npm (Debian's, installed when missing and the machine lets us)
# pinned by the tarball's hash, into the venv, where newsgraph.settings.atlas_path looks.
# Without it the map draws its events on a graticule.
ATLAS_VERSION := 2.0.2
ATLAS_SHA256 := 032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97
ATLAS := $(VENV)/share/world-atlas/countries-110m.json
atlas: $(VENV)/.installed
	@test -f $(ATLAS) || command -v npm >/dev/null || $(SUDO) apt-get install -y -qq npm \
		|| echo "make: no npm, and Debian's could not be installed"
	@test -f $(ATLAS) || { mkdir -p $(dir $(ATLAS)) && cd $(dir $(ATLAS)) \
		&& npm pack --silent world-atlas@$(ATLAS_VERSION) >/dev/null \
		&& echo "$(ATLAS_SHA256)  world-atlas-$(ATLAS_VERSION).tgz" | sha256sum --check --quiet \
		&& tar -xzf world-atlas-$(ATLAS_VERSION).tgz --strip-components=1 \
			package/countries-110m.json package/LICENSE \
		&& rm world-atlas-$(ATLAS_VERSION).tgz; } \
		|| echo "make: could not fetch world-atlas with npm; /map will draw no country outlines"

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks examples tools

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/corpus.py
	$(BIN)/python benchmarks/ingest_throughput.py

# Rebuild every learned model in src/newsgraph/models/ from ../shared (newsgraph.train.MODELS),
# deterministically; each model's card says what it reads and scores.
models: $(VENV)/.installed
	for name in $$($(BIN)/python -c "from newsgraph.train import MODELS; print(*MODELS)"); do \
		$(BIN)/newsgraph train $$name || exit 1; done

# Regenerate the hashed lock file after changing dependencies in pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev --extra parquet --extra dask \
		-o requirements.lock pyproject.toml

# The `bench` extra (the extractors benchmarks/extractors.py compares ours with) in a hashed lock
# of its own, so it never enters requirements.lock. `--constraint requirements.lock` holds every
# package the two locks share at the runtime's version. pip-compile reads pyproject.toml's
# runtime dependencies along with any extra, so they are in this lock too, at those versions.
lock-bench: $(VENV)/.installed requirements.lock
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra bench \
		--constraint requirements.lock -o requirements-bench.lock pyproject.toml

# newsgraph's cleaner against those extractors on the content-extraction gold sets, in the
# project's venv; results in benchmarks/out/extractors.json.
bench-extractors: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-bench.lock
	$(BIN)/python benchmarks/extractors.py

clean:
	rm -rf $(VENV) newsgraph.db newsgraph.db-wal newsgraph.db-shm
