# Build and test the kit. Every path is relative to this directory, so `make -C path/to/kit test`
# works too. A fresh clone needs only a Python >= 3.11 on PATH: `make venv` builds the rest.

VENV  := .venv
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
LITE_STAMP := $(VENV)/.installed-lite
# The Pyodide runtime for `make lite`, from the npm registry (lite/package-lock.json).
LITE_PYODIDE := lite/node_modules/pyodide/pyodide.mjs
# The proxy for the class's JupyterHub (see its rule below).
PROXY := deploy/node_modules/.bin/configurable-http-proxy
# What the static lessons load so their widgets draw offline (see its rule below).
EMBED := site/node_modules/.package-lock.json
# The interpreter for the venv: the first of these that runs and is >= 3.11. A name on PATH is
# not enough (a pyenv shim exists for versions it will not run), so each is asked to run.
# Override with `make venv BASE_PYTHON=/path/to/python3.x`.
CANDIDATES  := python3.13 python3.12 python3.11 python3
BASE_PYTHON ?=

# What ruff checks and formats; mypy (strict) checks what pyproject.toml's [tool.mypy] lists.
LINTED := ipo_core widgets trainer tests scripts deploy benchmarks conftest.py

.DEFAULT_GOAL := test
.PHONY: venv test fuzz lab agent lessons docs bench screenshots clean lite

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

test: venv $(PROXY) $(EMBED) $(LITE_STAMP) $(LITE_PYODIDE)
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy
	$(VENV)/bin/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg tests ipo_core widgets notebooks

# The fuzz suite at its thorough size: Hypothesis state machines on the running switch (at least
# 4,000 actions), a few thousand generated and mutated site files and generated Scenarios
# (tests/fuzzing.py). `make test` runs the same files at a modest size. Derandomized, so a failure
# repeats on every machine; IPO_FUZZ_SHRINK=1 shrinks it to its smallest form (minutes).
fuzz: venv
	IPO_FUZZ=thorough $(VENV)/bin/python -m pytest -p no:cacheprovider \
	  tests/test_fuzz_switch.py tests/test_fuzz_site_files.py tests/test_fuzz_scenarios.py

# `$(call npm_ci,FOLDER,WHAT,TEST,MAKE)`: `npm ci` in FOLDER from its committed package-lock.json
# (nothing global). Without npm it says what to install and that TEST will skip; under CI
# (CI=true) it fails instead, since CI must run every test.
define npm_ci
if command -v npm >/dev/null 2>&1; then \
  echo "npm ci --prefix $(1) ($(2))"; \
  npm ci --prefix $(1) --ignore-scripts --no-audit --no-fund && touch $@; \
elif [ -n "$$CI" ] && [ "$$CI" != "false" ]; then \
  echo "npm is missing, and CI needs $(2): apt-get install nodejs npm" >&2; \
  exit 1; \
else \
  echo "npm is missing: $(3) will skip (apt-get install nodejs npm, then $(4))"; \
fi
endef

# The proxy in front of the class's JupyterHub (deploy/jupyterhub_config.py): configurable-http-proxy
# from the npm registry, exactly the versions in the committed deploy/package-lock.json, into
# deploy/node_modules (nothing global). Without npm it says what to install and the Hub's test
# skips; under CI (CI=true) it fails instead. `make deploy/node_modules` installs it alone.
.PHONY: deploy/node_modules
deploy/node_modules: $(PROXY)

$(PROXY): deploy/package.json deploy/package-lock.json
	@$(call npm_ci,deploy,configurable-http-proxy for JupyterHub,tests/test_hub.py,make deploy/node_modules)

# What the static lessons (`make docs`) serve so their widgets draw with no network: the widget
# manager's embed bundle and require.js from the npm registry, exactly the versions in the committed
# site/package-lock.json, into site/node_modules. Without npm it says what to install and
# tests/test_docs_offline.py skips (`make docs` then stops and says so); under CI it fails instead.
.PHONY: site/node_modules
site/node_modules: $(EMBED)

$(EMBED): site/package.json site/package-lock.json
	@$(call npm_ci,site,the widget manager and require.js for the static lessons,tests/test_docs_offline.py,make site/node_modules)

# JupyterLab on the trainee's own copy of the lessons (made on first run, so notebooks/ stays
# clean), on 127.0.0.1 with a token; it prints the address with the token. `ipo-trainer lab --help`.
lab: venv
	$(VENV)/bin/ipo-trainer lab $(LAB_ARGS)

# The agents' lessons as pages without code (Voila), on 127.0.0.1 with a token; every page has
# a kernel of its own, so a room of trainees can share one server (the token is still needed):
#   make agent AGENT_ARGS="--ip 0.0.0.0 --no-browser --cull-idle 1800"
agent: venv
	$(VENV)/bin/ipo-trainer app $(AGENT_ARGS)

# The lessons as a static HTML site with the agents' quick reference card, in build/docs/.
docs: venv $(EMBED)
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

# The agents' lessons as a static JupyterLite site with a Pyodide kernel, in build/lite/: no
# Python server, nothing fetched when it is opened (`python -m http.server -d build/lite`).
# JupyterLite from PyPI (the `lite` extra), Pyodide from the npm registry at the version in
# lite/package-lock.json, the wheels it loads from PyPI (trainer/lite.py; `ipo-trainer lite --help`).
#   make lite LITE_ARGS="--output /srv/www/lessons"
lite: venv $(LITE_STAMP) $(LITE_PYODIDE)
	$(VENV)/bin/ipo-trainer lite $(LITE_ARGS)

$(LITE_STAMP): $(STAMP)
	$(VENV)/bin/python -m pip install -e ".[lite]"
	touch $@

$(LITE_PYODIDE): lite/package.json lite/package-lock.json
	@$(call npm_ci,lite,the Pyodide runtime for the JupyterLite site,tests/test_lite.py,make lite)

# The README's pictures of the handset in Voila and in JupyterLab, into docs/img/ (headless
# Chromium at /usr/bin/chromium; the servers on 127.0.0.1 with a token, stopped afterwards).
screenshots: venv
	$(VENV)/bin/python scripts/screenshots.py

# Back to a fresh clone: the venv, build output and tool caches.
clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .hypothesis deploy/node_modules \
	  lite/node_modules \
	  site/node_modules
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d \
	  -exec rm -rf {} +
