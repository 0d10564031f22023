# Quick start: `make serve` (set up, build the demo site, serve it on
# http://127.0.0.1:8000) and `make test` (set up, lint, run every test).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
# Runtime dependencies as wheels, so tests can install the bundle into a fresh
# venv without the network; with the task tools and pelican-katex, which an
# imported site's requirements.txt pins (tests/test_site_kit.py).
WHEELHOUSE := $(VENV)/wheelhouse
SETUP_STAMP := $(VENV)/.setup-done
# The oldest Pelican the core plugin and the theme support (the newest patch of
# the lower bound of pyproject.toml's range), with the other runtime
# dependencies at their pinned versions, as wheels and Pelican's sdist:
# tests/test_pelican_versions.py builds the compatibility sites with it.
OLDEST_PELICAN := 4.9.1
OLDEST_WHEELHOUSE := $(VENV)/wheelhouse-oldest-pelican
OLDEST_STAMP := $(OLDEST_WHEELHOUSE)/.download-done
# pyproject.toml's dependencies beside Pelican, for the wheelhouses.
RUNTIME_DEPENDENCIES := markdown beautifulsoup4 typogrify babel blinker pyyaml packaging pybtex latexcodec markupsafe
# Test tools from npm (axe-core, the Nu HTML checker), from package-lock.json.
NODE_STAMP := node_modules/.setup-done

.PHONY: setup build serve test lint format clean lock bench bench-scale bench-theme

setup: $(SETUP_STAMP) $(OLDEST_STAMP) $(NODE_STAMP)
	$(BIN)/pybabel -q compile -d theme/translations

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "pelican-scholar needs Python 3.11 or newer as $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(SETUP_STAMP): $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[test,demo]'
	$(BIN)/python -m pip download --quiet --only-binary :all: -c $(CONSTRAINTS) \
		-d $(WHEELHOUSE) pelican $(RUNTIME_DEPENDENCIES) invoke ghp-import pelican-katex \
		pelican-sitemap
	$(BIN)/python -m pip download --quiet --no-binary :all: --no-deps -c $(CONSTRAINTS) -d $(WHEELHOUSE) pelican
	touch $@

# The constraints less their Pelican line, which would clash with the old one.
$(OLDEST_STAMP): $(SETUP_STAMP) Makefile
	mkdir -p $(OLDEST_WHEELHOUSE)
	grep -v '^pelican==' $(CONSTRAINTS) > $(OLDEST_WHEELHOUSE)/constraints.txt
	$(BIN)/python -m pip download --quiet --only-binary :all: -c $(OLDEST_WHEELHOUSE)/constraints.txt \
		-d $(OLDEST_WHEELHOUSE) pelican==$(OLDEST_PELICAN) $(RUNTIME_DEPENDENCIES)
	$(BIN)/python -m pip download --quiet --no-binary :all: --no-deps -d $(OLDEST_WHEELHOUSE) pelican==$(OLDEST_PELICAN)
	touch $@

# The system tools come first: scripts/system-deps installs missing ones when
# run as root, and otherwise stops here, naming them and their install
# command. The rest runs in a sub-make so nothing starts before the check,
# even with -j.
SYSTEM_DEPS := PYTHON=$(PYTHON) scripts/system-deps

build:
	$(SYSTEM_DEPS) build
	@$(MAKE) --no-print-directory setup
	$(BIN)/invoke build

serve: build
	$(BIN)/invoke serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test:
	$(SYSTEM_DEPS) test
	@$(MAKE) --no-print-directory lint
	$(BIN)/pytest

# Benchmarks run in their own venv, with the peer plugins they compare against.
BENCH_VENV := .venv-bench
BENCH_ARGS ?= --posts 1000 --repeats 5

$(BENCH_VENV)/.setup-done: pyproject.toml $(CONSTRAINTS) benchmarks/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -c $(CONSTRAINTS) pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[demo]' -r benchmarks/requirements.txt
	touch $@

bench: $(BENCH_VENV)/.setup-done
	$(BENCH_VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

# Big blogs (issue 7): theme + plugin + TYPOGRIFY and the whole demo
# configuration against plain Pelican, cold, warm and after one edit, with
# peak memory; Hugo on the same posts; the least time a cold build could take
# on this machine's cores.
SCALE_ARGS ?= --posts 1000 --repeats 3 --configs plain,theme-typogrify,demo
bench-scale: $(BENCH_VENV)/.setup-done
	$(BENCH_VENV)/bin/python benchmarks/scale.py $(SCALE_ARGS)
	$(BENCH_VENV)/bin/python benchmarks/hugo_compare.py --posts 1000 --repeats 3
	$(BENCH_VENV)/bin/python benchmarks/cpu_floor.py --posts 1000 --repeats 3

# Lighthouse scores of the demo (>= 95 each); Lighthouse is big, so it lives
# apart from the test tools, in benchmarks/lighthouse/.
benchmarks/lighthouse/node_modules/.setup-done: benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

bench-theme: setup benchmarks/lighthouse/node_modules/.setup-done
	$(BIN)/python benchmarks/lighthouse_audit.py
	$(BIN)/invoke build
	$(BIN)/python benchmarks/page_weight.py output

clean:
	rm -rf output cache dist build .pytest_cache .ruff_cache test-artifacts $(BENCH_VENV)
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +

# Re-pin every dependency to its newest release (then run `make test`).
# pip freeze pins for the Python running it: put back the soupsieve line for
# Python < 3.11.5 (Debian 12) that the constraints file carries.
lock:
	rm -rf /tmp/scholar-lock-venv
	$(PYTHON) -m venv /tmp/scholar-lock-venv
	/tmp/scholar-lock-venv/bin/python -m pip install --quiet --upgrade pip
	/tmp/scholar-lock-venv/bin/python -m pip install --quiet -e '.[test,demo]'
	{ echo "# Pinned versions for the demo site and the tests; regenerate with 'make lock'."; \
	  /tmp/scholar-lock-venv/bin/python -m pip freeze --all --exclude-editable; } > $(CONSTRAINTS)
	rm -rf /tmp/scholar-lock-venv
