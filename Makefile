# Two commands do everything on a fresh clone: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
# pytest workers for `make test` and `make test-slow` (pytest-xdist; 0 runs in one process)
TEST_WORKERS ?= 2

.PHONY: run test test-slow bench lint docs baseline clean notebooks lab

$(STAMP): pyproject.toml constraints.txt
	@BOOT=$$(sh tools/find_python.sh) || { \
	  echo "error: Mutasi needs Python >= 3.12 (Mesa 3.5 requires it) and none was found."; \
	  echo "  fix: install Python 3.12 (e.g. 'pyenv install 3.12') or set PYTHON=/path/to/python3.12"; \
	  exit 2; }; \
	echo "creating $(VENV) with $$BOOT"; \
	$$BOOT -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt \
	  -e ".[dev,notebooks,ema]"
	@touch $(STAMP)

run: $(STAMP)
	$(PY) run_sim.py compare default --policies none,balancing,optimal --years 10 --replications 8 --jobs 2

test: $(STAMP)
	@sh tools/ensure_chromium.sh
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope

# the tests marked slow, which `make test` skips: the dashboard's browser soak (five
# sessions stepping and comparing for two minutes, alone on one worker) and the long
# studies (notebooks, sweeps, a Morris study, the Dask executor); CI runs it after `make test`
test-slow: $(STAMP)
	@sh tools/ensure_chromium.sh
	MUTASI_REQUIRE_BROWSER=1 $(PY) -m pytest -m slow -n $(TEST_WORKERS) --dist loadscope

bench: $(STAMP)
	$(PY) run_sim.py bench

baseline: $(STAMP)
	$(PY) tools/make_baseline.py

# the research notebooks, executed (full settings), as HTML in results/notebooks/
notebooks: $(STAMP)
	$(VENV)/bin/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=3600 \
	  --output-dir results/notebooks notebooks/*.ipynb

# open the notebooks in JupyterLab (the .venv's kernel)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

docs: $(STAMP)
	$(PY) tools/update_docs.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) results .pytest_cache .ruff_cache
