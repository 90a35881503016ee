# Careloop: every set-up step lives here, so a fresh Debian/Ubuntu machine
# needs only Python 3.11 and make.  `make run` and `make test` are the two
# commands in the README; everything else is a step they depend on.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
FHIR_VENV := .venv-fhir
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FHIR_STAMP := $(FHIR_VENV)/.installed
SYSDEPS_STAMP := .sysdeps-ok
TS_FILES := $(wildcard resources/translations/*.ts)
# Compiled into a package folder so an installed Careloop (wheel, bundle)
# carries them; ui/shell/i18n.py looks there first.
QM_FILES := $(patsubst resources/translations/%.ts,ui/translations/%.qm,$(TS_FILES))

# Debian/Ubuntu packages the app and its tests need at run time: Qt's
# system libraries (offscreen and xcb; libcups2 lets Qt see the OS printers),
# a CJK font so Chinese is readable,
# socat for the pseudo-terminal pairs of the device simulators.
SYSTEM_PACKAGES := \
	libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 \
	libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
	libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 \
	libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 \
	libcups2 fonts-noto-cjk socat

.PHONY: run test check lint typecheck imports bench sysdeps venv fhir-venv translations ts clean

run: venv fhir-venv translations
	$(BIN)/careloop --demo $(if $(ROLE),--demo-role $(ROLE))

test: venv fhir-venv translations
	$(MAKE) --no-print-directory check
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

check: lint typecheck imports

lint: venv
	$(BIN)/ruff check app devices ui tests
	$(BIN)/ruff format --check app devices ui tests

typecheck: venv
	$(BIN)/mypy app devices ui

imports: venv
	$(BIN)/lint-imports

bench: venv fhir-venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/bench -s -o addopts="" \
		-o python_files="bench_*.py" $(if $(BENCH),-k "$(BENCH)")

# System packages: installed with apt-get when we are root, otherwise listed
# with the command that would install them.
sysdeps: $(SYSDEPS_STAMP)
$(SYSDEPS_STAMP): Makefile
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if ! $(PYTHON) -c "import ensurepip, venv" 2>/dev/null; then \
		missing="$$missing python3-venv"; \
	fi; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing system packages:$$missing"; \
			export DEBIAN_FRONTEND=noninteractive; \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Careloop needs these system packages:$$missing"; \
			echo "Install them with:  sudo apt-get install$$missing"; \
			exit 1; \
		fi; \
	fi
	@touch $@

venv: $(STAMP)
$(STAMP): pyproject.toml $(SYSDEPS_STAMP)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

# The FHIR server for demo mode and integration tests lives in its own
# environment so that its dependencies never mix with ours.
fhir-venv: $(FHIR_STAMP)
$(FHIR_STAMP): $(SYSDEPS_STAMP)
	test -x $(FHIR_VENV)/bin/python || $(PYTHON) -m venv $(FHIR_VENV)
	$(FHIR_VENV)/bin/python -m pip install -q sekmet-fhir==0.1.1
	@touch $@

translations: $(QM_FILES)
ui/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh the .ts sources from the code (run by hand after changing strings).
# Each feature keeps its own pair of files, so features translate side by side.
ts: venv
	$(BIN)/pyside6-lupdate -no-obsolete ui/*.py $$(find ui/shell ui/widgets -name '*.py') \
		-ts resources/translations/shell_zh_CN.ts resources/translations/shell_en.ts
	for feature in waste identity admin; do \
		$(BIN)/pyside6-lupdate -no-obsolete $$(find ui/$$feature -name '*.py') \
			-ts resources/translations/$${feature}_zh_CN.ts resources/translations/$${feature}_en.ts; \
	done

clean:
	rm -rf $(VENV) $(FHIR_VENV) $(SYSDEPS_STAMP) resources/translations/*.qm ui/translations/*.qm build *.egg-info
