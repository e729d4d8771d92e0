# The two commands of the quick start: `make run` and `make test`.
# Both create .venv and install the locked dependencies (requirements/*.txt, with hashes).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV_VERSION := 0.13.9
# `make run` uses the embedded defaults whatever the shell has set.
EMBEDDED := env -u DATABASE_URL -u REDIS_URL -u EMAIL_URL DJANGO_SETTINGS_MODULE=adviesraad.settings.local
# mypy checks every rules module and every services module or package (`services.py` or
# `services/`, whichever an app has), the core's and the apps' sub-packages included (not the
# copies a mutation run leaves in mutants/).
MYPY_TARGETS = $(filter-out mutants/%,$(wildcard */rules.py */services.py */services/ \
	*/*/rules.py */*/services.py */*/services/))
PROD_CHECK_ENV := DJANGO_SETTINGS_MODULE=adviesraad.settings.production \
	SECRET_KEY=check-deploy-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH \
	ALLOWED_HOSTS=adviesraad.example.org

.PHONY: setup run test lint check pytest bench lock messages clean mutation

setup: $(STAMP)

$(STAMP): requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv pip sync --quiet --python $(PY) --require-hashes requirements/dev.txt
	touch $(STAMP)

messages: setup
	$(PY) manage.py compilemessages --verbosity 0 --ignore=.venv

run: setup messages
	$(EMBEDDED) $(PY) manage.py migrate --noinput
	$(EMBEDDED) $(PY) manage.py seed_demo
	# The beat schedule (reminders, ballot deadlines) runs in a process of its own next to
	# runserver: there is no Celery beat without Redis (docs/decisions.md). Both stop on Ctrl-C.
	$(EMBEDDED) $(PY) manage.py run_schedule & schedule=$$!; \
	trap 'kill $$schedule 2>/dev/null' EXIT INT TERM; \
	$(EMBEDDED) $(PY) manage.py runserver 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint --quiet
	$(BIN)/mypy $(MYPY_TARGETS)

check: setup messages
	$(PY) manage.py makemigrations --check --dry-run
	$(PROD_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING

pytest: setup messages
	$(BIN)/pytest

test: lint check pytest

# Mutation testing of the rules, the selectors and the services' guards (docs/testing.md):
# `make mutation` runs every target, `make mutation MODULE=adviezen/rules.py` one module,
# package (budget/selectors/) or kind (rules, selectors, guards). At most 2 processes.
MODULE ?=
MUTATION_JOBS ?= 2
mutation: setup messages
	$(PY) bin/mutation.py --max-children $(MUTATION_JOBS) $(MODULE)

bench: setup
	$(PY) bench/run.py

lock: setup
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.txt -q
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.txt -q

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .mypy_cache mutants .mutation
