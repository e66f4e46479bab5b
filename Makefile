# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export DJANGO_SETTINGS_MODULE ?= memorial.settings.dev

.PHONY: run serve test lint format install install-dev build-deps demo browsers varnish bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# PyICU is built against Debian's ICU, the one PostgreSQL's collations use.
build-deps:
	@bash .ci/ensure-debian-packages libicu-dev pkg-config g++

$(VENV)/.installed: requirements.txt | $(BIN)/python build-deps
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python build-deps
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate, load the demo content, create a development admin, serve.
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --synthetic-people 200
	$(BIN)/python manage.py adopt_translations
	$(BIN)/python manage.py create_dev_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make serve: production (README "Deploying"): checks, static files, migrations, then gunicorn.
serve: export DJANGO_SETTINGS_MODULE = memorial.settings.production
serve: install
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/gunicorn memorial.wsgi:application --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --access-logfile - $(GUNICORN_ARGS)

## make test: install everything the suite needs (Debian's Chromium and Varnish included) and run it all.
test: install-dev browsers varnish
	DJANGO_SETTINGS_MODULE=memorial.settings.test $(BIN)/pytest --numprocesses auto $(PYTEST_ARGS)

browsers:
	@bash .ci/ensure-debian-packages chromium

# The shared cache in front that tests/test_caching_varnish.py runs (deploy/varnish.vcl).
varnish:
	@bash .ci/ensure-debian-packages varnish varnish-modules

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## make messages: refresh and compile the translation catalogues (needs Debian's gettext).
messages: install-dev
	$(BIN)/python manage.py makemessages -l az -l tr -l ru --ignore=.venv --ignore=var --ignore=test-artifacts
	$(BIN)/python manage.py compilemessages --ignore=.venv

## make bench: measure against the hello-view limits (bench/README.md); e.g. BENCH_ARGS="--people 10000"
bench: install-dev
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
