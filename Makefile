# Every target sets up what it needs on first use (a local virtual environment with the
# package, the spaCy model and a Jupyter kernel) and reuses it afterwards.
# `make help` lists the targets.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.DEFAULT_GOAL := help
.PHONY: help setup reports test test-unit test-notebooks test-matrix lint benchmark lab clean-cache

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (news-helpers)"
	touch $(STAMP)

setup: $(STAMP) ## create .venv with the package, the spaCy model and a Jupyter kernel

reports: $(STAMP) ## render every report from seeds/ into reports/
	$(PY) -m helpers render

test: $(STAMP) ## run every test: unit, doctests, end-to-end and notebook (nbval) tests
	$(PY) -m pytest tests src/helpers --doctest-modules notebooks $(NBVAL)

test-unit: $(STAMP) ## run the unit tests and doctests only
	$(PY) -m pytest tests src/helpers --doctest-modules

test-matrix: $(STAMP) ## render every notebook on every corpus of the matrix (part of make test)
	$(PY) -m pytest tests/test_corpus_matrix.py

test-notebooks: $(STAMP) ## check the notebooks' stored outputs with nbval
	$(PY) -m pytest notebooks $(NBVAL)

lint: $(STAMP) ## ruff over src/, tests/ and benchmarks/
	$(VENV)/bin/ruff check src tests benchmarks

benchmark: $(STAMP) ## run the benchmarks (not part of the tests)
	$(PY) -m benchmarks

# As root (common in containers) JupyterLab refuses to start without --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP) ## start JupyterLab on loopback with a token
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --no-browser $(ALLOW_ROOT) notebooks/

clean-cache: ## forget cached extraction results
	rm -rf .cache
