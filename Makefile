# Parley: `make run` builds a release from data/raw/, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test dev bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/parley build --raw data/raw --out data/out

test: $(STAMP)
	$(BIN)/python -m pytest -q

dev: $(STAMP)
	DAGSTER_HOME=$(CURDIR)/dagster_home $(BIN)/dagster dev -h 127.0.0.1 -p 3000 -m pipeline.definitions

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) data/out
