# exguide: `make site` builds the guide into site/, `make test` runs every test, `make serve` previews,
# `make fuzz` runs the property tests at length.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

.PHONY: site test serve lint fuzz clean

$(BIN)/exguide: pyproject.toml
	@# WeasyPrint draws the PDFs with Pango; install it from Debian when it is missing.
	@ldconfig -p | grep -q libpangoft2-1.0 || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/exguide pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium

site: $(BIN)/exguide
	$(BIN)/exguide build

serve: $(BIN)/exguide
	$(BIN)/exguide serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

# One test process per core (pytest-xdist), each taking the next test as it finishes one.
test: $(VENV)/.test-installed $(CHROMIUM) lint
	$(BIN)/pytest -n auto --dist worksteal

# The property tests with many more examples than `make test` runs (see tests/test_properties.py).
fuzz: $(VENV)/.test-installed
	EXGUIDE_PROPERTY_PROFILE=fuzz $(BIN)/pytest -s tests/test_properties.py

clean:
	rm -rf site .site-* .cache $(VENV)
