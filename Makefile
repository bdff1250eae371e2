# SWV Uren — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PGSTAMP := $(VENV)/.postgresql
DEMO   := demo.sqlite

BUNDLE_TOOLS := $(VENV)/.bundle-tools

.PHONY: run test lint bench mutate clean bundle bundle-smoke

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
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen SWV_UREN_REQUIRE_POSTGRESQL=1 $(PY) -m pytest -n 2

# The one-folder bundle dist/swv-uren ("SWV Uren" windowed + swv-uren console), then its smoke test with a clean
# environment. Not part of `make test`: it takes longer than the suite's budget allows (see README).
$(BUNDLE_TOOLS): $(STAMP)
	$(PY) -m pip install -q --disable-pip-version-check -e ".[dev,bundle]"
	@touch $(BUNDLE_TOOLS)

bundle: $(BUNDLE_TOOLS)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/swv-uren.spec
	sh scripts/bundle_smoke.sh dist/swv-uren

bundle-smoke:
	sh scripts/bundle_smoke.sh dist/swv-uren

bench: $(STAMP)
	$(PY) -m bench

# Mutation testing of the rules and the booking services (not part of `make test`): mutmut makes mutants of
# models/domain and models/services/{hours,reserve,months,agreements,hour_sheets}.py, runs the tests that reach each one
# (pyproject.toml, [tool.mutmut]), then the score per file is printed. Always from scratch: mutants/ is
# removed first. MUTATE_CHILDREN mutants run at once (the machine is shared: 1 by default).
MUTATE_CHILDREN ?= 1
mutate: $(STAMP)
	@rm -rf mutants && mkdir -p mutants/.tmp
	@start=$$(date +%s); \
	export PYTEST_DEBUG_TEMPROOT="$(CURDIR)/mutants/.tmp"; \
	echo "mutmut: mutants maken en testen (log in mutants/mutmut.log) ..."; \
	QT_QPA_PLATFORM=offscreen SWV_UREN_TEST_TEMPLATES="$(CURDIR)/mutants/.test-templates" \
	  nice -n 10 $(VENV)/bin/mutmut run --max-children $(MUTATE_CHILDREN) >mutants/mutmut.log 2>&1 \
	  || { tail -c 3000 mutants/mutmut.log; exit 1; }; \
	$(PY) scripts/mutation_constants.py; \
	$(PY) scripts/mutation_score.py; \
	echo "klaar in $$(( $$(date +%s) - start )) s"

clean:
	rm -rf $(VENV) build dist *.egg-info mutants
