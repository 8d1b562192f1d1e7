# hep_xl — two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APT_PACKAGES := libreoffice-calc-nogui libreoffice-writer-nogui python3-uno hyphen-hu poppler-utils fonts-dejavu-core fonts-liberation2 gnumeric chromium \
	fonts-crosextra-carlito locales

.PHONY: demo test venv system-deps template bench clean mutation

# LibreOffice (headless rendering checks, PDF export; python3-uno drives it to update the table of
# contents before the PDF/A export, hyphen-hu hyphenates Hungarian), Gnumeric (ssconvert: a second
# spreadsheet program reading and saving our workbooks), poppler (pdftotext) and Chromium (the
# overview's browser tests, driven by Playwright with executable_path=/usr/bin/chromium) from Debian;
# Carlito (Calibri's metrics, so pages render as in Excel) and the glibc locale sources (a Hungarian
# locale for Gnumeric).
system-deps:
	@if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! command -v ssconvert >/dev/null 2>&1 || ! [ -x /usr/bin/chromium ] || ! [ -f /usr/share/hyphen/hyph_hu_HU.dic ] || ! /usr/bin/python3 -c "import uno" >/dev/null 2>&1 \
		|| ! [ -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || ! [ -f /usr/share/i18n/locales/hu_HU ]; then \
		if ! command -v apt-get >/dev/null 2>&1; then \
			echo "warning: LibreOffice/Gnumeric/poppler/Chromium missing and no apt-get: rendering and browser tests will be skipped"; \
		else \
			SUDO=""; [ "$$(id -u)" = 0 ] || SUDO="sudo"; \
			echo "Installing LibreOffice, Gnumeric, poppler-utils and Chromium (apt)…"; \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
				$(APT_PACKAGES) >/dev/null; \
		fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

demo: system-deps venv
	$(PY) -m hep_xl.demo demo-output

# two workers, a test module's tests on one of them (module fixtures are built once)
test: system-deps venv
	$(PY) -m pytest -n 2 --dist loadfile

template: venv
	$(PY) -m hep_xl.template_build

# every hand-written bug of tests/mutations.toml, then the mutmut gate (make test runs both too)
mutation: venv
	$(PY) tests/mutation_run.py
	$(PY) tests/mutmut_gate.py

bench: venv
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) demo-output build *.egg-info
