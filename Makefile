# jixiao — two commands on a fresh machine: `make run` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
EXAMPLE := src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt
VENDOR  := src/jixiao/web/static/vendor
ASSETS  := $(VENDOR)/chart.umd.js $(VENDOR)/htmx.min.js
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: run test bench install assets clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Chart.js and htmx come from npm packages pinned by package-lock.json (no CDN at run time).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(ASSETS): node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/chart.js/dist/chart.umd.js node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/

assets: $(ASSETS)

install: $(STAMP) $(ASSETS)

run: install
	$(BIN)/jixiao ingest $(EXAMPLE) || [ $$? -eq 1 ]  # exit 1: rows a person should check (listed), not a failure
	$(BIN)/jixiao serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q
	$(BIN)/python tests/postgres_pass.py

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis node_modules $(VENDOR)
