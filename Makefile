# Sesame: `make run` serves on the embedded defaults, `make test` runs every test.
# Both install what they need (Debian: libargon2-dev; for tests PostgreSQL and a Python venv).

SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug
LOGS := .build/test-logs

.PHONY: run build test test-swift test-e2e test-unit test-storage release deps clean bench screenshots

## Build (debug) and serve on http://127.0.0.1:8080/ with SQLite under ./sesame-data/.
run: build
	$(BIN)/sesame server

build: deps
	$(SWIFT) build --product sesame

## Every test: the Swift suites on SQLite and on a real PostgreSQL started for the run, then the
## end-to-end tests that drive a running server with off-the-shelf Python clients.
test:
	scripts/install-deps.sh test
	$(SWIFT) build --build-tests
	mkdir -p $(LOGS)
	status=0; \
	$(MAKE) --no-print-directory test-swift 2>&1 | tee $(LOGS)/swift.log; (( status |= $${PIPESTATUS[0]} )); \
	$(MAKE) --no-print-directory test-e2e 2>&1 | tee $(LOGS)/e2e.log; (( status |= $${PIPESTATUS[0]} )); \
	scripts/test-summary.sh $(LOGS)/swift.log $(LOGS)/e2e.log && exit $$status

test-swift:
	SESAME_TEST_POSTGRES_URL=$$(scripts/test-postgres.sh start) SESAME_REQUIRE_POSTGRES=1 \
		$(SWIFT) test --skip-build

test-e2e:
	venv=$$(scripts/python-env.sh) && SESAME_BIN=$(CURDIR)/$(BIN)/sesame $$venv/bin/pytest -q -p no:cacheprovider e2e

## Tests without PostgreSQL (the storage suite runs on SQLite only).
test-unit: deps
	$(SWIFT) test

## Only the storage suite, on both engines.
test-storage:
	scripts/install-deps.sh test
	SESAME_TEST_POSTGRES_URL=$$(scripts/test-postgres.sh start) SESAME_REQUIRE_POSTGRES=1 \
		$(SWIFT) test --filter SesameStorageTests

## One self-contained binary: the Swift runtime and Foundation linked in (less to load and map at
## start; see docs/performance.md), at .build/release/sesame.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product sesame

deps:
	scripts/install-deps.sh build

clean:
	rm -rf .build .venv
	scripts/test-postgres.sh stop

## Benchmarks: release build, Sesame on SQLite and PostgreSQL driven by wrk on loopback, one table
## (also in bench-results/table.md); see docs/performance.md and scripts/bench.sh for the knobs.
bench:
	scripts/bench.sh

## Screenshots of every page at desktop (1280 px) and phone (390 px) width into docs/screenshots/,
## taken with headless Chromium against a server started for the run (not part of `make test`).
screenshots:
	scripts/screenshots.sh
