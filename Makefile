# The course's commands. Each sets up (or reuses) the virtual environment .venv first.
#   make lab      install the course and open it in JupyterLab
#   make test     install the course and the test tools, and run every test
#   make execute  re-execute every notebook and store its outputs (after changing a notebook or a helper)
#   make frame    rewrite each notebook's navigation line, badges and Colab setup cell
#   make bench    time the live figures (not part of the tests)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

.PHONY: lab test execute frame bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.course: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.tests: requirements-test.txt requirements-browser.txt $(VENV)/.course
	$(BIN)/python -m pip install --quiet -r requirements-test.txt -r requirements-browser.txt
	touch $@

lab: $(VENV)/.course
	$(BIN)/jupyter lab notebooks/01_random_initialization.ipynb

test: $(VENV)/.tests
	$(BIN)/python -m pytest tests notebooks $(NBVAL) $(PYTEST_ARGS)

execute: $(VENV)/.tests
	$(BIN)/python tools/notebook_frame.py
	$(BIN)/python tools/execute_notebooks.py

frame: $(VENV)/.tests
	$(BIN)/python tools/notebook_frame.py

clean:
	rm -rf $(VENV) artifacts
