# The two commands a fresh machine needs: `make generate` and `make test`.
# Each sets up what it uses (a venv in .venv, npm tools in .tools) on first run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.dxgen-installed
TOOLS  := .tools
PRISM  := $(TOOLS)/node_modules/.bin/prism

.PHONY: generate check test lint bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Node tools are pinned in tools/package.json and tools/package-lock.json; `npm ci` installs
# exactly the locked tree into .tools/.
$(PRISM): tools/package.json tools/package-lock.json
	mkdir -p $(TOOLS)
	cp tools/package.json tools/package-lock.json $(TOOLS)/
	cd $(TOOLS) && npm ci --silent --no-audit --no-fund >/dev/null
	touch $(PRISM)

generate: $(STAMP)
	$(BIN)/dxgen generate --strict

check: $(STAMP)
	$(BIN)/dxgen generate --strict --check

test: $(STAMP) $(PRISM)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests templates
	$(BIN)/black --check generator tests templates
	$(BIN)/mypy --strict generator

bench: $(STAMP)
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_sdk
	$(BIN)/python -m tests.bench_cli

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
