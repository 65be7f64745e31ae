# KoKoMa – the single entry point. `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PYTEST_ARGS ?= -n 2
PORT ?= 8000
# Links in e-mails point to the server `make run` starts, unless the environment names another
# address (e.g. the one behind a proxy); settings.py refuses a value that is not scheme://host.
KOKOMA_BASE_URL ?= http://$(HOST):$(PORT)
export KOKOMA_BASE_URL
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

.PHONY: run test test-fast lint install system-deps assets messages demo-data serve clean bench bench-finder bench-dialogue

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

install: $(STAMP) $(NPM_STAMP)

system-deps:
	bash scripts/system-deps.sh $(SYSTEM_DEPS)

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

assets: install messages
	$(PY) manage.py collectstatic --noinput -v0

demo-data: assets
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py import_municipalities data/gemeinden.csv
	$(PY) manage.py load_demo
	$(PY) manage.py schedule_periodic_jobs

run: SYSTEM_DEPS = gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
run: system-deps demo-data
	@$(PY) manage.py demo_logins --url $(KOKOMA_BASE_URL)/
	@# the background worker (e-mail, alerts, digests) runs beside the web server and stops with it
	$(PY) manage.py db_worker --no-reload --interval 5 -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn kokoma.wsgi:application --pythonpath src --bind $(HOST):$(PORT) --workers 2 --access-logfile -

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

test: SYSTEM_DEPS = gettext chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
test: system-deps install messages
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install messages
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench stubs
	$(BIN)/ruff format --check src tests bench stubs
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run -v1

# Benchmark (not a test): timings and query counts at two sizes, reported as ratios (bench/README.md).
bench: $(STAMP)
	$(PY) bench/bench_early_warning.py $(BENCH_ARGS)

# The similar-case finder at 100,000 shared cases (bench/README.md); use PostgreSQL for that size.
bench-finder: $(STAMP)
	$(PY) bench/bench_finder.py $(BENCH_ARGS)

# The opinion map's analysis against red-dwarf and at 100,000 × 1,000 with 10 million votes.
bench-dialogue: $(STAMP)
	$(PY) bench/bench_dialogue.py $(BENCH_ARGS)

clean:
	rm -rf var/static test-artifacts .pytest_cache .mypy_cache
