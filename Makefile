# gyoryu — everyday tasks. `make` lists them; `make test` is what CI runs (.ci/run).
# Only `assets` needs Node: static/dist and the *_templ.go files are committed.

SQLITE_PATH ?= data/gyoryu.db
# -race needs cgo (gcc); `make test RACE=` turns it off.
RACE ?= -race
# Extra flags for go test, e.g. `make test GOTESTFLAGS='-run TestRound -v'`.
GOTESTFLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help run assets generate check-generated vet test bench bench-public build clean

help: ## list the targets
	@echo "make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN { FS = ":.*## " } { printf "  %-16s %s\n", $$1, $$2 }'

run: ## run the app in demo mode (SQLite at SQLITE_PATH, or DATABASE_URL if set)
	@mkdir -p "$(dir $(SQLITE_PATH))"
	DEMO=1 SQLITE_PATH="$(SQLITE_PATH)" go run ./cmd/web serve

assets: ## rebuild static/dist from the front-end sources (needs Node)
	npm ci
	node static/build.mjs

generate: ## regenerate the templ components (*_templ.go)
	go tool templ generate

# Fingerprints every *_templ.go (tracked or untracked) before and after generating, so
# local edits made earlier do not count, only what generating changes.
TEMPL_SUMS = git ls-files -co --exclude-standard -- '*_templ.go' | LC_ALL=C sort | xargs -r sha256sum

check-generated: ## fail if *_templ.go are stale or Go files are not gofmt'ed
	@set -e; before=$$($(TEMPL_SUMS)); \
	go tool templ generate -log-level warn; \
	after=$$($(TEMPL_SUMS)); \
	if [ "$$before" != "$$after" ]; then \
		echo "check-generated: the *_templ.go files were out of date with their .templ sources."; \
		echo "They have now been regenerated; review and commit them:"; \
		printf '%s\n' "$$before" "$$after" | LC_ALL=C sort | uniq -u | awk '{ print "  " $$2 }' | LC_ALL=C sort -u; \
		exit 1; \
	fi
	@unformatted=$$(git ls-files -co --exclude-standard -- '*.go' | xargs -r gofmt -l); \
	if [ -n "$$unformatted" ]; then \
		echo "check-generated: these Go files are not gofmt'ed (run: gofmt -w FILE):"; \
		echo "$$unformatted" | sed 's/^/  /'; \
		exit 1; \
	fi

vet: ## go vet
	go vet ./...

# The tests run under a throwaway PostgreSQL and with Chromium when available; without
# them those tests skip, and the last lines say so (go test hides passing tests' output).
test: check-generated vet ## check generated code, vet, and run all tests (PostgreSQL and browser included)
	@.ci/with-postgres .ci/with-chromium sh -c '\
		echo "go test -count=1 -timeout 25m $(RACE) $(GOTESTFLAGS) ./..."; \
		status=0; go test -count=1 -timeout 25m $(RACE) $(GOTESTFLAGS) ./... || status=$$?; \
		echo; \
		if [ -n "$${TEST_DATABASE_URL:-}" ]; then echo "PostgreSQL tests: RAN (TEST_DATABASE_URL was set)"; \
		else echo "PostgreSQL tests: SKIPPED (no PostgreSQL; install Debian postgresql or set TEST_DATABASE_URL)"; fi; \
		if [ -n "$${CHROME_PATH:-}" ]; then echo "Browser tests: RAN with $$CHROME_PATH"; \
		else echo "Browser tests: SKIPPED (no Chromium; install Debian chromium or set CHROME_PATH)"; fi; \
		if [ $$status -ne 0 ]; then echo "make test: FAILED (go test exit status $$status)"; fi; \
		exit $$status'

bench: ## run the benchmarks (with a throwaway PostgreSQL when available)
	.ci/with-postgres go test -run '^$$' -bench . -benchmem ./...

# Loopback only and bounded (BENCH_SECONDS per target, two targets, two databases).
BENCH_SECONDS ?= 5
bench-public: build ## load / and the same bytes as a static file at 64 connections (wrk if installed), SQLite and PostgreSQL
	go build -o bin/bench-public ./cmd/bench-public
	bin/bench-public -bin bin/web -db sqlite -d $(BENCH_SECONDS)s
	.ci/with-postgres sh -c 'if [ -n "$${TEST_DATABASE_URL:-}" ]; then bin/bench-public -bin bin/web -db postgres -d $(BENCH_SECONDS)s; \
		else echo "bench-public: PostgreSQL SKIPPED (no PostgreSQL)"; fi'

build: ## build the static binary bin/web
	CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o bin/web ./cmd/web

clean: ## remove build output (keeps data/, the local database)
	rm -rf bin/
