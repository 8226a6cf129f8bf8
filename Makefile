# The course's commands. Each sets up (or reuses) the virtual environment .venv first.
#   make lab      install the course and open it in JupyterLab
#   make test     install the course and the test tools, and run every test
#   make execute  re-execute every notebook and store its outputs (after changing a notebook or a helper)
#   make frame    rewrite each notebook's navigation line, badges and Colab setup cell
#   make test-browser  only the browser tests (JupyterLab and Notebook 7 in headless Chromium)
#   make bench    time run-all (into INSTRUCTOR.md) and the live figures, in the kernel and the browser
#   make bench-classroom  a class of 1-40 learners dragging at once against one jupyter_server
#   make translation-status  every Korean text that needs a translator: notebook cells whose English
#                 changed or whose program differs, and helpers' messages without a translation

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# what `make test` installs on top of requirements.txt (the test stacks leave out the browser tools)
TEST_REQUIREMENTS ?= -r requirements-test.txt -r requirements-browser.txt
# JupyterLab refuses to run as root unless told to (containers, cloud machines)
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

.PHONY: lab test test-browser execute frame bench bench-classroom translation-status clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.course: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests: requirements-test.txt requirements-browser.txt $(VENV)/.course
	$(BIN)/python -m pip install --quiet $(TEST_REQUIREMENTS)
	touch $@

# The repository is the file browser's root (README, data/, every notebook in reach); notebook 01 opens.
LAB_ARGS := $(LAB_FLAGS) --ServerApp.root_dir=. notebooks/01_random_initialization.ipynb

lab: $(VENV)/.course
	$(BIN)/jupyter lab $(LAB_ARGS)

test: $(VENV)/.tests
	$(BIN)/python -m pytest tests notebooks $(NBVAL) $(PYTEST_ARGS)

test-browser: $(VENV)/.tests
	$(BIN)/python -m pytest tests/browser -m browser $(PYTEST_ARGS)

bench: $(VENV)/.tests
	$(BIN)/python benchmarks/run_all.py --guide
	-$(BIN)/python benchmarks/live_latency.py --json artifacts/live_latency.json
	$(BIN)/python -m benchmarks.browser_latency --json artifacts/browser_latency.json

bench-classroom: $(VENV)/.tests
	$(BIN)/python benchmarks/classroom_load.py --json artifacts/classroom_load.json

execute: $(VENV)/.tests
	$(BIN)/python tools/notebook_frame.py
	$(BIN)/python tools/execute_notebooks.py

frame: $(VENV)/.tests
	$(BIN)/python tools/notebook_frame.py

translation-status: $(VENV)/.course
	@$(BIN)/python tools/i18n.py update >/dev/null
	@$(BIN)/python tools/translation.py status; a=$$?; $(BIN)/python tools/i18n.py check; b=$$?; exit $$((a || b))

clean:
	rm -rf $(VENV) artifacts
