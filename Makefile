# Two commands do everything on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test bench setup browser wrk lint format clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) -m cci_portal.catalogs

browser: setup
	VENV_PYTHON=$(PY) bin/ensure-browser

wrk:
	bin/ensure-wrk

## Set up, migrate, load the demo data when the registry is empty, and serve http://127.0.0.1:8000/
run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) setup_roles
	$(MANAGE) load_demo --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

## Set up, then run every test (on the embedded server, or on $$DATABASE_URL when set); the test
## database is kept between runs (--reuse-db), and made afresh when CI is set (--create-db)
test: setup browser wrk
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest $(if $(CI),--create-db)

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
