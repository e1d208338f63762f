# Two commands: `make run` sets up and serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test setup lint bench docs

# Development: setup and run switch debug mode on (the settings default to production).
setup run: export DEBUG ?= true

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_fixtures
	$(PY) manage.py import_seeds
	$(PY) manage.py ensure_admin
	$(PY) manage.py translation_models install --from-index ar en --if-missing --optional
	$(PY) manage.py translation_models install --from-index en ar --if-missing --optional

# The development server and a background job worker, both stopped by Ctrl-C.
run: setup
	$(PY) manage.py serve $(HOST)

test: $(VENV)/.installed-test
	bash scripts/install-chromium.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -n 2 --dist loadfile

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: $(VENV)/.installed-test
	bash scripts/install-chromium.sh
	for script in benchmarks/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

# The documentation site, served with live reload at 127.0.0.1:8001 (built into var/site/ by make test).
docs: $(VENV)/.installed-test
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve -a 127.0.0.1:8001
