# Every target sets up .venv itself, so a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench bench-corpus-large eval snapshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,corpus]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/triangulate seeds

lint: $(STAMP)
	$(BIN)/ruff check tui tests bench
	$(BIN)/ruff format --check tui tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

test: lint typecheck unit

bench: $(STAMP)
	# Byte-code for every module first, as a wheel's install writes it: with
	# PYTHONDONTWRITEBYTECODE set, each fresh process would compile the sources (~260 ms).
	$(BIN)/python -m compileall -q tui bench
	$(BIN)/python -m bench
	$(BIN)/python -m bench.corpus --sizes 1000

# Corpus mode at 10,000 articles as well: about 8 minutes on 2 cores, so not part of `make bench`.
bench-corpus-large: $(STAMP)
	$(BIN)/python -m bench.corpus --sizes 10000

# The dev set (../shared/devset) and its scorer live beside the checkout when they are there.
DEVSET := ../shared/devset
SCORER := ../shared/eval/score_groups.py

eval: $(STAMP)
	$(BIN)/python -m tui.evaluation
	@if [ -f $(SCORER) ] && [ -d $(DEVSET) ]; then \
		echo; echo "Dev set ($(DEVSET)), scored by $(SCORER):"; \
		TRIANGULATE_NO_CACHE=1 $(BIN)/python $(SCORER) $(DEVSET) --bin $(BIN)/triangulate; \
	else echo "eval: $(DEVSET) not found; dev-set figures skipped"; fi

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/snapshots --snapshot-update -q

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
