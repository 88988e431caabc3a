# Every target sets up .venv itself, so a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench eval snapshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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
	$(BIN)/python -m bench

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
