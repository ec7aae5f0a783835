# The two commands a fresh machine needs: `make generate` and `make test`.
# Each sets up what it uses (a venv in .venv, npm tools in .tools) on first run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.dxgen-installed
TOOLS  := .tools
PRISM  := $(TOOLS)/node_modules/.bin/prism
MERMAID := $(TOOLS)/node_modules/mermaid/dist/mermaid.min.js
SITE   := build/docs-site
# The pinned TypeSpec compiler (generator/typespec/), installed by `npm ci` under here; dxgen and
# the tests find it through this variable.
export DXGEN_TYPESPEC_DIR := $(abspath $(TOOLS)/typespec)
TYPESPEC := $(TOOLS)/typespec/.installed
# The templates compiled ahead of time (generator/targets/precompile.py), as a wheel ships them.
JINJA := generator/_jinja/.compiled

.PHONY: generate check test lint bench corpus setup clean docs-site browser

setup: $(STAMP) $(TYPESPEC) $(JINJA)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(JINJA): $(STAMP) $(shell find templates -name '*.jinja')
	rm -rf generator/_jinja
	$(BIN)/python -m generator.targets.precompile generator/_jinja >/dev/null
	touch $(JINJA)

# Node tools are pinned in tools/package.json and tools/package-lock.json; `npm ci` installs
# exactly the locked tree into .tools/.
$(PRISM): tools/package.json tools/package-lock.json
	mkdir -p $(TOOLS)
	cp tools/package.json tools/package-lock.json $(TOOLS)/
	cd $(TOOLS) && npm ci --silent --no-audit --no-fund >/dev/null
	touch $(PRISM)

# dxgen installs the compiler on first use; here it is done once, up front.
$(TYPESPEC): $(STAMP) generator/typespec/package.json generator/typespec/package-lock.json
	$(BIN)/python -m generator.load.typespec
	touch $(TYPESPEC)

# spec/main.tsp (and the spec/*.tsp it imports) is the source of truth; spec/pachca.yaml is its
# compiled OpenAPI, committed, and recompiled here when a .tsp changed.
spec/pachca.yaml: $(wildcard spec/*.tsp) | $(STAMP) $(TYPESPEC)
	$(BIN)/dxgen compile spec/main.tsp -o spec/pachca.yaml

generate: $(STAMP) $(JINJA) spec/pachca.yaml
	$(BIN)/dxgen generate --strict

check: $(STAMP) $(TYPESPEC)
	$(BIN)/dxgen compile spec/main.tsp -o spec/pachca.yaml --check
	$(BIN)/dxgen generate --strict --check

test: $(STAMP) $(TYPESPEC) $(JINJA) $(PRISM) browser
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check generator tests templates
	$(BIN)/black --check generator tests templates
	$(BIN)/mypy --strict generator

# The docs site: output/docs copied to $(SITE) with mermaid's script (so diagrams draw offline;
# never committed), built by mkdocs-material. `make docs-site DOCS_BUILDER=zensical` builds it
# with Zensical instead.
DOCS_BUILDER ?= mkdocs
docs-site: $(STAMP) $(PRISM)
	rm -rf $(SITE) && mkdir -p build && cp -R output/docs $(SITE)
	mkdir -p $(SITE)/docs/javascripts && cp $(MERMAID) $(SITE)/docs/javascripts/
	cd $(SITE) && NO_MKDOCS_2_WARNING=1 $(abspath $(BIN))/$(DOCS_BUILDER) build --strict
	@echo "site built in $(SITE)/site (serve: $(BIN)/python -m http.server -d $(SITE)/site)"

# The docs browser test drives Debian's chromium with chromium-driver. Installed when apt-get is
# there and we are root; otherwise (or when apt cannot reach its mirror) the test skips, saying why.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  ( timeout 300 apt-get update -qq && DEBIAN_FRONTEND=noninteractive timeout 600 \
	    apt-get install -y -qq --no-install-recommends chromium chromium-driver ) >/dev/null 2>&1 \
	  || echo "make: apt-get could not install chromium; the docs browser test will skip"; \
	else echo "make: chromium is not installed (needs root and apt-get); the docs browser test will skip"; fi

# The full kit phase by phase, against openapi-python-client (pinned, in .bench-cache/ with the
# public specs it fetches), then load + parse, SDK import and CLI start-up. BENCH_FULL=1 adds
# GitHub's, Stripe's and Kubernetes' specs.
bench: $(STAMP) $(JINJA)
	$(BIN)/python -m tests.bench_kit
	$(BIN)/python -m tests.bench
	$(BIN)/python -m tests.bench_sdk
	$(BIN)/python -m tests.bench_cli

# Every real-world spec (ours, ../shared/corpus, the public specs `make bench` fetches): all five
# targets generated, the SDK and CLI installed and imported, ruff, black and mypy --strict over
# both, llms.txt parsed; one table. BENCH_FULL=1 adds GitHub's, Stripe's and Kubernetes' specs.
corpus: $(STAMP) $(JINJA)
	$(BIN)/python -m tests.corpus_table

clean:
	rm -rf $(VENV) $(TOOLS) generator/_jinja .pytest_cache .mypy_cache .ruff_cache
