# Patroli — build, test, demo, bench and install.
#   make demo    install missing system packages, build, scan the shipped corpus with the default rules
#   make test    install missing system packages, build, run every test, the rule-pack examples and the
#                browser tests of the review page
#   make browser-test  only the browser tests (headless Chromium + Selenium in .build-venv/)
SHELL := /bin/bash
PREFIX ?= /usr/local
SWIFT ?= swift
DEB_PACKAGES := libpcre2-dev libicu-dev libsqlite3-dev zlib1g-dev pkg-config postgresql
# For the browser tests of the review page (make browser-test).
BROWSER_DEB_PACKAGES := chromium chromium-driver python3-venv
BROWSER_VENV := .build-venv
RELEASE_BIN := .build/release/patroli

.PHONY: all deps browser-deps build release demo test browser-test bench install uninstall clean

all: build

# Installs the Debian packages that are missing (needs root or sudo).
install_missing = @missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

deps:
	$(call install_missing,$(DEB_PACKAGES))

# Chromium, its WebDriver and a Python venv with Selenium for the browser tests.
browser-deps:
	$(call install_missing,$(BROWSER_DEB_PACKAGES))
	@test -x $(BROWSER_VENV)/bin/python || python3 -m venv $(BROWSER_VENV)
	@$(BROWSER_VENV)/bin/python -c "import selenium" 2>/dev/null || $(BROWSER_VENV)/bin/pip install -q selenium

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	@echo "== Nightly batch: the shipped corpus, default rules, into ./patroli.db =="
	@$(RELEASE_BIN) batch --plain --queue patroli.db --report reports corpus; status=$$?; \
	if [ $$status -eq 2 ]; then echo "the batch failed (see above)"; exit 2; fi
	@echo
	@echo "== Top of the review queue (patroli review list) =="
	@$(RELEASE_BIN) review list --queue patroli.db --limit 10
	@echo
	@echo "== Clusters (near-duplicates and shared contacts) =="
	@$(RELEASE_BIN) review clusters --queue patroli.db --limit 10
	@echo
	@echo "== What was flagged and why, post by post (patroli scan) =="
	@$(RELEASE_BIN) scan --output text corpus/starter.jsonl | head -40; true
	@echo
	@echo "== One post explained =="
	@$(RELEASE_BIN) explain --color never "L0ker K4mboja 🇰🇭 gaji 15jt/bln tnp pglmn, tiket ditanggung! Hub WA 0812-0000-1111" ; \
	if [ $$? -eq 2 ]; then exit 2; fi; true

test: build
	$(SWIFT) test
	$(SWIFT) run patroli rules test --rules rules
	$(SWIFT) run patroli rules lint --rules rules --corpus corpus
	$(MAKE) browser-test

# Real-browser tests of the review page; screenshots land in .build-browser/.
browser-test: build browser-deps
	$(BROWSER_VENV)/bin/python Tests/Browser/review_page_test.py "$$($(SWIFT) build --show-bin-path)/patroli"

bench: release
	bash bench/run.sh

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/patroli
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/patroli
	rm -rf $(DESTDIR)$(PREFIX)/share/patroli/rules
	cp -r rules $(DESTDIR)$(PREFIX)/share/patroli/rules

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/patroli
	rm -rf $(DESTDIR)$(PREFIX)/share/patroli

clean:
	rm -rf .build
