# Factcheck workbench: `make demo` to try it, `make test` to test it.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 found: PATH first, then pyenv's installed versions.
PYTHON ?= $(shell for p in python3 python3.14 python3.13 python3.12 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.*/bin/python3 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: help install train dotenv demo serve test lint format backup restore clean

help:
	@echo "make demo    set up a SQLite workbench with demo users and the seed articles, then serve it"
	@echo "make test    run the test suite (DATABASE_URL picks the database; SQLite by default)"
	@echo "make train   add the training extra (CPU torch) for train_checkworthiness --model neural"
	@echo "make lint    ruff check, ruff format --check and the import contracts (lint-imports)"
	@echo "make backup  back up the database into var/backups (make restore [BACKUP=file] restores)"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is required (Django 6.1 needs it)." >&2; \
		echo "       Install it, or run: make PYTHON=/path/to/python3.12 ..." >&2; exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The training extra (torch, transformers, onnx) for `train_checkworthiness --model neural`.
# Torch's CPU build: on a machine that reaches it, TORCH_INDEX=https://download.pytorch.org/whl/cpu
# (the default PyPI wheel for Linux pulls several GB of CUDA libraries); torch has wheels for
# Python 3.11-3.13, so PYTHON may need to point at one of those.
TORCH_INDEX ?=
train: install
	$(BIN)/python -m pip install --quiet $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX)) -e '.[dev,train]'

# This checkout's .env (DEBUG on, a generated SECRET_KEY), read by every manage.py command;
# written once, never overwritten.
dotenv: install
	@$(BIN)/python -c 'from pathlib import Path; from factcheck.settings.env import local_env_write; \
	print("Wrote .env (DEBUG on, a new SECRET_KEY)" if local_env_write(Path(".env")) else "Keeping .env")'

demo: dotenv
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py create_demo_users
	$(BIN)/python manage.py import_articles seeds/
	@echo "Serving the workbench on http://$(HOST):$(PORT)/ with an import worker (Ctrl-C to stop)"
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: dotenv
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Back up / restore the database DATABASE_URL names (pg_dump / pg_restore for PostgreSQL,
# SQLite's online backup API) into BACKUP_DIR (default var/backups). `make restore` takes
# the newest backup, or BACKUP=file-name. Settings come from the environment and, as for
# every manage.py command, from this checkout's .env.
backup: install
	$(BIN)/python manage.py dbbackup --noinput --compress

restore: install
	$(BIN)/python manage.py dbrestore --noinput --uncompress $(if $(BACKUP),--input-filename $(BACKUP))
	$(BIN)/python manage.py migrate --no-input  # an older backup catches up; cached permissions are forgotten

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var
