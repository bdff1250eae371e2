# SWV Uren — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PGSTAMP := $(VENV)/.postgresql
DEMO   := demo.sqlite

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml scripts/setup.sh
	@sh scripts/setup.sh "$(PYTHON)" "$(VENV)"
	@touch $(STAMP)

# The tests start their own PostgreSQL server: its programs, not needed to run the app.
$(PGSTAMP): $(STAMP) scripts/setup.sh
	@sh scripts/setup.sh "$(PYTHON)" "$(VENV)" --postgresql
	@touch $(PGSTAMP)

run: $(STAMP)
	@test -f $(DEMO) || $(VENV)/bin/swv-uren --db $(DEMO) demo
	$(VENV)/bin/swv-uren --db $(DEMO)

test: $(STAMP) $(PGSTAMP)
	$(VENV)/bin/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen SWV_UREN_REQUIRE_POSTGRESQL=1 $(PY) -m pytest -n 2

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info
