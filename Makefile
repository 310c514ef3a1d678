# Two commands do everything on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Test processes side by side (pytest-xdist), each running whole files on a database of its own. The
# schema fuzz runs after them in one process: under pytest-xdist schemathesis ran 1 of its 45 operations.
TEST_WORKERS ?= 2
FUZZ_TESTS := tests/cci_portal/api/fuzz
MANAGE := $(PY) manage.py

.PHONY: run serve test fuzz bench faults backup restore setup env browser wrk lint format clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed env
	$(PY) -m cci_portal.catalogs

## The development .env (debug on, a random key), written once
env:
	bin/ensure-env

browser: setup
	VENV_PYTHON=$(PY) bin/ensure-browser
	bin/ensure-checkers

wrk:
	bin/ensure-wrk

## Set up, migrate, load the demo data when the registry is empty, and serve http://127.0.0.1:8000/
run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) setup_roles
	$(MANAGE) load_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

## The production settings locally: migrate, collect the compressed, hashed static files and serve
## them with WhiteNoise under gunicorn at http://127.0.0.1:8000/ (plain http, so no redirect to https
## and cookies not marked secure; everything else as in production)
serve: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) setup_roles
	$(MANAGE) load_demo --if-empty
	DJANGO_DEBUG=false $(MANAGE) collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_HSTS_SECONDS=0 \
		$(PY) -m gunicorn cci_portal.wsgi --config gunicorn.conf.py --bind 127.0.0.1:8000

## Set up, then run every test (on the embedded server, or on $$DATABASE_URL when set) in TEST_WORKERS
## processes (2 by default); the test databases are kept between runs (--reuse-db), and made afresh
## when CI is set (--create-db)
test: setup browser wrk
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest $(if $(CI),--create-db) -n $(TEST_WORKERS) --dist loadfile --ignore=$(FUZZ_TESTS)
	$(PY) -m pytest $(if $(CI),--create-db) $(FUZZ_TESTS)

## Schemathesis against the API's own schema alone, every operation, anonymously and as staff
## (FUZZ_EXAMPLES cases an operation, 100 by default); make test runs it too
fuzz: setup
	$(PY) -m pytest -p no:cacheprovider $(FUZZ_TESTS)

## Load and faults against gunicorn on a private PostgreSQL: steady load, a PostgreSQL restart and a
## killed worker, every acknowledged write checked (ARGS="--small": the scale CI runs)
faults: setup
	$(PY) -m benchmarks.faults $(ARGS)

## Back up the database (embedded, or $$DATABASE_URL) to backups/cci_portal-YYYYMMDD-HHMMSS.dump (UTC),
## a pg_dump custom-format archive with its .sha256 beside it. Writes no .env (a server runs
## manage.py backup with its own environment: docs/operations.md)
backup: $(VENV)/.installed
	$(MANAGE) backup

## Restore a backup: make restore FILE=backups/cci_portal-YYYYMMDD-HHMMSS.dump; REPLACE=1 replaces a
## database that already holds data (all or nothing, in one transaction)
restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/cci_portal-YYYYMMDD-HHMMSS.dump [REPLACE=1]"; exit 2; }
	$(MANAGE) restore $(FILE) $(if $(REPLACE),--replace)

## Build a 100,000-project registry in its own database and measure it against its targets
## (docs/performance.md); ARGS="--growth" adds 1,000 and 10,000, ARGS="--help" lists the options
bench: setup wrk
	$(PY) -m benchmarks.run $(ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var
