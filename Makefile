# Build steps that are not Python packaging. `make translations` after a fresh clone.
VENV ?= .venv
TS := resources/translations/workstation_zh_CN.ts
QM := $(TS:.ts=.qm)
UI_SOURCES := $(wildcard ui/*.py)

.PHONY: translations update-translations

# Compile the translation catalogue the program loads (a build output, not committed).
translations: $(QM)

$(QM): $(TS)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(QM)

# Collect the user-visible strings of ui/ into the .ts, for translators (Qt Linguist).
update-translations:
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations relative $(UI_SOURCES) -ts $(TS)

# Refresh the README's pictures (docs/main-window.png, docs/agent-desk.png) from the English desk.
.PHONY: docs-screenshot
docs-screenshot:
	WORKSTATION_DOCS_SCREENSHOT=docs/main-window.png QT_QPA_PLATFORM=offscreen \
		$(VENV)/bin/pytest -q tests/ui/test_screenshots.py -k postgresql
