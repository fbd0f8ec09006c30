# Parley: `make run` builds a release from data/raw/, `make test` runs the tests, `make lint`
# runs the linter and the type checker, `make dev` starts the Dagster UI, `make check` checks
# that the Dagster definitions load.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock

# The Dagster instance `make dev` shows and `make run` records its builds in (absolute, as
# Dagster requires). Tests and benchmarks use throwaway instances instead.
INSTANCE := DAGSTER_HOME=$(CURDIR)/dagster_home

.PHONY: install run public test lint dev check bench lock clean

install: $(STAMP)

# Every dependency comes from the lock file, so a fresh clone gets the versions CI tested;
# Parley itself is installed editable on top, without resolving anything again.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(INSTANCE) $(BIN)/parley build --raw data/raw --out data/out

# A release to share: no article text but the quotes (see README, text profiles).
public: $(STAMP)
	$(BIN)/parley build --raw data/raw --out data/public --text public

test: $(STAMP)
	$(BIN)/python -m pytest -q

# ruff and mypy read their settings from pyproject.toml (mypy its files too).
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/mypy

# `dg dev` rather than `dagster dev`, which Dagster 1.13 says is superseded at every start.
dev: $(STAMP)
	$(INSTANCE) $(BIN)/dg dev -h 127.0.0.1 -p 3000

check: $(STAMP)
	$(INSTANCE) $(BIN)/dg check defs

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# Re-resolve pyproject.toml's pins in a scratch environment and write every version down.
lock:
	rm -rf .tmp-lock && $(PYTHON) -m venv .tmp-lock
	.tmp-lock/bin/python -m pip install --quiet --upgrade pip
	.tmp-lock/bin/python -m pip install --quiet '.[test]'
	{ echo "# Every dependency of Parley and its tests, pinned: \`make install\` installs exactly these,"; \
	  echo "# then Parley itself without dependencies. Regenerate with \`make lock\` after changing"; \
	  echo "# pyproject.toml."; \
	  .tmp-lock/bin/python -m pip freeze --all | grep -v -i -E '^(pip|parley)=='; } > $(LOCK)
	rm -rf .tmp-lock

clean:
	rm -rf $(VENV) data/out
