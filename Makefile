# Set-up and checks. Dependencies are pinned with hashes in requirements/*.txt (no lock file
# naming registry hosts is committed); `make lock` regenerates them from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(PYTHON) -m uv
# The suite must execute at least this share of the PostgreSQL adapter's lines (in process).
PG_COVERAGE_MIN := 95

.PHONY: help run test check lock setup setup-dev uv bench
.DEFAULT_GOAL := help

help:  ## list the targets (this text)
	@awk 'BEGIN { FS = ":[^#]*## " } /^[a-z][a-z-]*:.*## / { printf "  make %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

uv:  ## uv itself, installed with pip where missing
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install -q uv

$(BIN)/python: | uv
	$(UV) venv -q --python $(PYTHON) $(VENV)

setup: $(BIN)/python | uv  ## runtime dependencies + the package
	$(UV) pip sync -q --python $(BIN)/python requirements/main.txt
	$(UV) pip install -q --python $(BIN)/python --no-deps -e .

setup-dev: $(BIN)/python | uv  ## runtime + test and lint tools + the package (+ Chromium)
	$(UV) pip sync -q --python $(BIN)/python requirements/dev.txt
	$(UV) pip install -q --python $(BIN)/python --no-deps -e .
	@# The console's browser tests drive the system's Chromium (Playwright's own download is
	@# not used), installed from Debian's packages when missing.
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

run: setup  ## serve (in-memory demo unless ZENHIRE_DATABASE_URL is set)
	$(BIN)/zenhire serve

test: setup-dev  ## the whole suite, then the checks (run even when a test fails)
	@status=0; $(BIN)/pytest --cov=zenhire.adapters.postgres --cov-report=term-missing:skip-covered \
		--cov-fail-under=$(PG_COVERAGE_MIN) || status=$$?; \
	$(MAKE) --no-print-directory check || [ $$status -ne 0 ] || status=1; \
	exit $$status

check:  ## ruff check, ruff format --check, mypy --strict, import-linter
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: setup-dev  ## the benchmark (docs/performance.md; local PostgreSQL, installs wrk); BASELINE=rev: rev against this tree
	$(BIN)/python bench/run.py $(if $(BASELINE),--baseline $(BASELINE))
	$(BIN)/python bench/console_pages.py  # console pages over 1,000,000 sessions, p95 < 150 ms

lock: | uv  ## regenerate requirements/*.txt (pinned, hashed) from pyproject.toml
	$(UV) pip compile -q pyproject.toml --python-version 3.11 --generate-hashes -o requirements/main.txt
	$(UV) pip compile -q pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements/dev.txt
