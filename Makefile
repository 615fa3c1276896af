# sphinx-specs: developer commands. Everything starts from nothing but python3.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: help demo test test-quick lint docs tools clean bench bench-ir fuzz gallery catalogs

help:
	@echo "make demo   build the docs/ site (with its example specs) to HTML"
	@echo "make test   install the test extras and run the whole suite"
	@echo "make lint   ruff and mypy"
	@echo "make tools  install the system tools the suite uses (needs root)"
	@echo "make bench N=1000  the benchmark (plain Sphinx vs sphinx-specs vs sphinx-needs)"
	@echo "make bench-ir N=100  the same builds counted in instructions (valgrind cachegrind)"
	@echo "make fuzz   the hardening tests with a long budget"
	@echo "make catalogs  update the translation catalogs from the code and compile them"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the project's metadata changes.
$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[needs,docs]'
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,needs]'
	@touch $@ $(VENV)/.installed-demo

demo: $(VENV)/.installed-demo
	$(BIN)/sphinx-build -q -b html -n --keep-going docs docs/_build/html
	@echo
	@echo "Built. Open file://$(CURDIR)/docs/_build/html/index.html"

docs: $(VENV)/.installed-demo
	$(BIN)/sphinx-build -b html -nW --keep-going docs docs/_build/html

tools:
	bash scripts/ensure-tools

catalogs: $(VENV)/.installed-demo
	$(BIN)/python scripts/update_catalogs.py

test: $(VENV)/.installed-test
	bash scripts/ensure-tools
	bash scripts/run-pytest $(BIN)/python $(PYTEST_ARGS)
	bash scripts/test-compat

# the suite once, without the oldest/newest version runs
test-quick: $(VENV)/.installed-test
	bash scripts/run-pytest $(BIN)/python $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check sphinxcontrib_specs tests
	$(BIN)/ruff format --check sphinxcontrib_specs tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .venv-oldest .venv-newest docs/_build build test-artifacts .pytest_cache .mypy_cache .ruff_cache

N ?= 100
ROUNDS ?= 3
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py --n $(N) --rounds $(ROUNDS) $(BENCH_ARGS)

bench-ir: $(VENV)/.installed-test
	$(BIN)/python benchmarks/ir.py --n $(N) $(BENCH_ARGS)

fuzz: $(VENV)/.installed-test
	SPECS_FUZZ_EXAMPLES=$${SPECS_FUZZ_EXAMPLES:-400} SPECS_EDIT_STEPS=$${SPECS_EDIT_STEPS:-40} \
		$(BIN)/python -m pytest tests/test_hardening.py -p no:cacheprovider

gallery: $(VENV)/.installed-test
	$(BIN)/python scripts/gallery.py
