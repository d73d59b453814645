# Kaizen: `make run` starts everything on embedded defaults; `make test` runs the suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run stop status test lint lock schema topology bench eval fuzz install migrate seed clean scim-check chaos

$(STAMP): pyproject.toml uv.lock scripts/install.sh scripts/install-locked.sh
	scripts/install.sh
	touch $(STAMP)

install: $(STAMP)
	@PYTHONWARNINGS=ignore $(PY) -m admin.cli keys ensure  # service-token keys, var/keys

# Re-resolves uv.lock after a change to pyproject.toml's dependencies, then installs it.
lock:
	$(VENV)/bin/uv lock
	$(MAKE) install

run: install
	scripts/rabbit.sh start
	scripts/portal.sh build
	scripts/stack.sh start

stop:
	scripts/stack.sh stop
	scripts/rabbit.sh stop-ours

status:
	scripts/stack.sh status

migrate: install
	$(PY) -m shared.migrate

seed: install
	$(PY) -m scripts.seed

test: install
	scripts/portal.sh build
	scripts/test.sh

lint: install
	scripts/checks.sh

schema: install
	$(PY) -m gateway.export_schema gateway/schema.graphql

# shared/contracts/consumers.json from the event handlers (a unit test keeps them equal).
topology: install
	$(PY) -m admin.cli events topology

# The fault suite at full size: 1,000 ideas per scenario (KAIZEN_CHAOS_IDEAS), on SQLite and
# PostgreSQL, each on a stack of its own; make test runs the same tests with 40. Prints one
# line per scenario, collected in var/chaos-figures.txt.
chaos: install
	mkdir -p var && rm -f var/chaos-figures.txt
	KAIZEN_CHAOS_IDEAS=$${KAIZEN_CHAOS_IDEAS:-1000} KAIZEN_CHAOS_FIGURES=$(CURDIR)/var/chaos-figures.txt \
	  HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PYTHONWARNINGS=ignore::DeprecationWarning \
	  $(VENV)/bin/pytest tests/chaos -q --timeout 3600 $(ARGS); status=$$?; \
	  echo; cat var/chaos-figures.txt 2>/dev/null; exit $$status

# The SCIM compliance checker (scim2-tester) against /scim/v2 of a stack of its own; prints
# its summary. Against a deployment: $(PY) -m scripts.scim_check URL/scim/v2 kzscim_...
scim-check: install
	scripts/rabbit.sh start
	KAIZEN_SERVICES=career $(VENV)/bin/pytest tests/e2e/test_scim_compliance.py -q -s -p no:cacheprovider

bench: install
	scripts/rabbit.sh start
	scripts/portal.sh build  # bench_portal loads portal/dist from the gateway
	$(PY) -m benchmarks $(ONLY)

# Generated GraphQL operations against a throwaway stack (scripts/fuzz.py): EXAMPLES per root
# field and mode, for an employee and an admin; 0 responses with status 5xx, 0 internal errors.
EXAMPLES ?= 4
fuzz: install
	scripts/rabbit.sh start
	$(PY) -m scripts.fuzz --examples $(EXAMPLES)

eval: install
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 KAIZEN_EVAL_FEEDBACK=$(FEEDBACK) \
	  $(PY) -m services.insights.evaluation

clean: stop
	rm -rf var
