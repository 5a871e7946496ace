# Set-up and checks for the series. Two commands are all a reader needs:
#   make lab    build .venv from environment.yml (if missing or stale) and open the series
#   make test   build the same .venv and run every test
# Versions live only in environment.yml; tools/pins.py reads its pip list for this file.

SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SOURCES ?= ../shared/sources
PORT ?= 8888

.DEFAULT_GOAL := help
.PHONY: help check-python venv lab test test-browser browser-deps data bench bench-browser bench-class lint strip clean links hub-links student grade site handouts

help:
	@echo "make lab           install (first time: about a minute) and open the series in JupyterLab"
	@echo "make test          install and run every test: helpers, data, notebooks"
	@echo "make test-browser  open every notebook in a real browser (Chromium): charts, layout, accessibility (axe), widgets"
	@echo "make data          rebuild data/ from the raw sources in $(SOURCES)"
	@echo "make bench         print run times, sizes and widget response times"
	@echo "make bench-browser time Run All and every explorer in JupyterLab in Chromium (NB=\"01 04\" for some)"
	@echo "make bench-class N=10  run N kernels at once (a class on one server): memory and time per student"
	@echo "make strip         remove outputs from notebooks before committing"
	@echo "make links         rewrite the Binder badges (README, notebook headers) and CITATION.cff from SLUG in tools/links.py"
	@echo "make hub-links HUB=https://hub.example.edu  print one JupyterHub (nbgitpuller) link per notebook"
	@echo "make student       write the student copy (no solutions, no instructor guide) to dist/student/"
	@echo "make grade SUBMISSIONS=folder  run each handed-in notebook, offline, and write grades to dist/grades/"
	@echo "make site          build the static site (every notebook run, charts as images) into dist/site/"
	@echo "make handouts      print each notebook's page of the site to PDF in dist/handouts/ (PAPER=A4 for A4)"

check-python:
	@command -v $(PY) >/dev/null 2>&1 || { \
	  echo "Python 3.11 was not found as '$(PY)'."; \
	  echo "Install Python 3.11 (python.org, your package manager, or pyenv), then run make again,"; \
	  echo "or point make at it: make lab PY=/path/to/python3.11"; exit 1; }
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' || { \
	  echo "'$(PY)' is Python $$($(PY) -c 'import platform; print(platform.python_version())'); the series is pinned to Python 3.11."; \
	  echo "Install Python 3.11 and run: make lab PY=/path/to/python3.11"; exit 1; }
	@$(PY) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "'$(PY)' cannot create virtual environments. On Debian or Ubuntu: sudo apt-get install python3.11-venv"; exit 1; }

# .venv is rebuilt whenever the pins in environment.yml change (its fingerprint is kept in .venv/.pins).
venv: check-python
	@want=$$($(PY) tools/pins.py fingerprint) || exit 1; \
	if [ -x $(BIN)/python ] && [ "$$(cat $(VENV)/.pins 2>/dev/null)" = "$$want" ]; then exit 0; fi; \
	echo "Installing the series' packages into $(VENV) (pinned in environment.yml; about a minute)..."; \
	rm -rf $(VENV) && $(PY) -m venv $(VENV) && \
	$(PY) tools/pins.py requirements > $(VENV)/requirements.txt && \
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt || { \
	  echo "Installing the packages failed (see above). Check the connection to the package index and run make again."; exit 1; }; \
	$(BIN)/jupyter labextension disable --level=sys_prefix "@jupyterlab/apputils-extension:announcements" >/dev/null || { \
	  echo "Could not switch off JupyterLab's news pop-up (see the error above)."; exit 1; }; \
	$(BIN)/python tools/pins.py check >/dev/null || { echo "The install did not match environment.yml; see above."; exit 1; }; \
	echo "$$want" > $(VENV)/.pins; echo "$(VENV) is ready."

# Offline by design: no extension-manager look-ups on PyPI (news and update checks are switched off in .venv).
lab: venv
	$(BIN)/jupyter lab --ServerApp.root_dir=. --port=$(PORT) --LabApp.extension_manager=readonly \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) notebooks/00_start_here.ipynb

test: venv
	$(BIN)/python -m pytest tests notebooks --ignore=tests/browser --nbval-lax

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing Debian's chromium for the browser test..."; \
	    apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null || exit 1; \
	  else echo "The browser test needs Chromium: sudo apt-get install chromium"; exit 1; fi; }

test-browser: venv browser-deps
	$(BIN)/python -m pytest tests/browser

data: venv
	$(BIN)/python -m helpers.build --sources $(SOURCES)

bench: venv
	$(BIN)/python tools/bench.py

bench-browser: venv browser-deps
	$(BIN)/python tools/bench_browser.py $(NB)

N ?= 10
bench-class: venv
	$(BIN)/python tools/bench_class.py $(N) $(NB)

lint: venv
	$(BIN)/ruff check helpers tests tools notebooks

strip: venv
	$(BIN)/nbstripout --keep-id notebooks/*.ipynb

# The repository slug lives only in tools/links.py (SLUG); these two commands build every launch link from it.
links: venv
	$(BIN)/python -m tools.links write

hub-links: venv
	@$(BIN)/python -m tools.links hub "$(HUB)"

# The student copy and grading (tools/student.py, tools/grade.py); both write only under dist/.
student: venv
	$(BIN)/python -m tools.student dist/student

TIME_LIMIT ?= 120
JOBS ?= 2
GRADES ?= dist/grades
grade: venv
	@[ -n "$(SUBMISSIONS)" ] || { echo "Say where the handed-in notebooks are: make grade SUBMISSIONS=folder"; exit 1; }
	$(BIN)/python -m tools.grade "$(SUBMISSIONS)" --out "$(GRADES)" --time-limit $(TIME_LIMIT) --jobs $(JOBS)

# The static site and handouts (tools/site.py): Jupyter Book 1, offline; both write only under dist/.
PAPER ?= Letter
site: venv
	$(BIN)/python -m tools.site build

handouts: venv browser-deps
	$(BIN)/python -m tools.site handouts --paper $(PAPER)

clean:
	rm -rf $(VENV) screenshots build-logs .pytest_cache .ruff_cache
