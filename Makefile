# Build and test the kit. Every path is relative to this directory, so `make -C path/to/kit test`
# works too. A fresh clone needs only a Python >= 3.11 on PATH: `make venv` builds the rest.

VENV  := .venv
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# The interpreter for the venv: the first of these that runs and is >= 3.11. A name on PATH is
# not enough (a pyenv shim exists for versions it will not run), so each is asked to run.
# Override with `make venv BASE_PYTHON=/path/to/python3.x`.
CANDIDATES  := python3.13 python3.12 python3.11 python3
BASE_PYTHON ?=

.DEFAULT_GOAL := test
.PHONY: venv test lab agent lessons docs bench clean

venv: $(STAMP)

$(VENV)/pyvenv.cfg:
	@py="$(BASE_PYTHON)"; \
	if [ -z "$$py" ]; then \
	  for p in $(CANDIDATES); do \
	    if "$$p" -c "import sys; sys.exit(sys.version_info < (3, 11))" >/dev/null 2>&1; then \
	      py="$$p"; break; \
	    fi; \
	  done; \
	fi; \
	if [ -z "$$py" ]; then \
	  echo "No Python >= 3.11 found (tried: $(CANDIDATES)); set BASE_PYTHON=..." >&2; exit 1; \
	fi; \
	echo "Creating $(VENV) with $$py ($$("$$py" -c "import sys; print(sys.version.split()[0])"))"; \
	"$$py" -m venv $(VENV) && $(VENV)/bin/python -m pip install --upgrade pip \
	  || { rm -rf $(VENV); exit 1; }

# Reinstall only when pyproject.toml changed since the last install. The install is editable,
# so edits to the packages need no reinstall.
$(STAMP): $(VENV)/pyvenv.cfg pyproject.toml
	$(VENV)/bin/python -m pip install -e ".[test,lab]"
	touch $@

test: venv
	$(VENV)/bin/ruff check ipo_core widgets tests scripts
	$(VENV)/bin/ruff format --check ipo_core widgets tests scripts
	$(VENV)/bin/mypy ipo_core
	$(VENV)/bin/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg tests ipo_core widgets notebooks

lab: venv
	$(VENV)/bin/python scripts/lab.py

# The lessons as pages without code (Voila), for agents learning on their own; every page has
# a kernel of its own, so a room of trainees can share one server:
#   make agent AGENT_ARGS="--Voila.ip=0.0.0.0 --no-browser"
agent: venv
	$(VENV)/bin/python scripts/lab.py agent $(AGENT_ARGS)

# The lessons as a static HTML site with the agents' quick reference card, in build/docs/.
docs: venv
	$(VENV)/bin/python scripts/build_docs.py

# Run every lesson top to bottom and save its outputs (then commit them: nbval checks them).
lessons: venv
	$(VENV)/bin/python scripts/run_lessons.py

# The speed benchmarks against a SimPy peer: a benchmark, not a test, so a missed target prints
# FAIL and the exit status stays 0. `make bench BENCH_ARGS="--calls 2000"` for a quick look.
bench: venv $(BENCH_STAMP)
	$(VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

$(BENCH_STAMP): $(STAMP)
	$(VENV)/bin/python -m pip install -e ".[bench]"
	touch $@

# Back to a fresh clone: the venv, build output and tool caches.
clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .hypothesis
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d \
	  -exec rm -rf {} +
