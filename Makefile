# Sesame: `make run` serves on the embedded defaults, `make test` runs every test.
# Both install the Debian packages they need (libargon2-dev; PostgreSQL for tests).

SWIFT ?= swift
BIN := .build/debug

.PHONY: run build test test-unit test-storage release deps clean

## Build (debug) and serve on http://127.0.0.1:8080/ with SQLite under ./sesame-data/.
run: build
	$(BIN)/sesame server

build: deps
	$(SWIFT) build --product sesame

## Every test, on SQLite and on a real PostgreSQL started for the run.
test:
	scripts/install-deps.sh test
	$(SWIFT) build --build-tests
	SESAME_TEST_POSTGRES_URL=$$(scripts/test-postgres.sh start) SESAME_REQUIRE_POSTGRES=1 \
		$(SWIFT) test --skip-build

## Tests without PostgreSQL (the storage suite runs on SQLite only).
test-unit: deps
	$(SWIFT) test

## Only the storage suite, on both engines.
test-storage:
	scripts/install-deps.sh test
	SESAME_TEST_POSTGRES_URL=$$(scripts/test-postgres.sh start) SESAME_REQUIRE_POSTGRES=1 \
		$(SWIFT) test --filter SesameStorageTests

release: deps
	$(SWIFT) build -c release --product sesame

deps:
	scripts/install-deps.sh build

clean:
	rm -rf .build
	scripts/test-postgres.sh stop
