# gyoryu — everyday tasks. `make` lists them; `make test` is what CI runs (.ci/run).
# Only `assets` needs Node: static/dist and the *_templ.go files are committed.

# Go 1.27.3 from the module proxy, whatever Go the machine has (go.mod says 1.27.3).
export GOTOOLCHAIN ?= go1.27.3

SQLITE_PATH ?= data/gyoryu.db
# -race needs cgo (gcc); `make test RACE=` turns it off. It covers every package but handlers,
# models, models/migrations and e2e, and of the first three the tests named for doing things at
# once (RACE_RUN): see .ci/go-test.
RACE ?= -race
RACE_RUN ?= AtOnce|Concurrent|Simultaneous|SeveralInstances|Parallel
export RACE RACE_RUN
# Extra flags for go test, e.g. `make test GOTESTFLAGS='-run TestRound -v'`.
GOTESTFLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help run assets generate check-generated vet lint vulncheck test bench bench-decade bench-public lighthouse load load-sqlite faults backup-check build clean

help: ## list the targets
	@echo "make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN { FS = ":.*## " } { printf "  %-16s %s\n", $$1, $$2 }'

run: ## run the demo: demo mode on the embedded SQLite file at SQLITE_PATH (never on DATABASE_URL)
	@if [ -n "$${DATABASE_URL:-}" ]; then \
		echo "make run is the demo on the embedded SQLite file, with accounts whose password is published;"; \
		echo "DATABASE_URL is set: unset it for the demo, or follow README \"Running on PostgreSQL\" (no demo accounts)."; \
		exit 1; \
	fi
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

lint: ## staticcheck (the version pinned by go.mod's tool directive)
	go tool staticcheck ./...

# govulncheck cannot reach the online vulnerability database here, so it reads a local
# copy: the OSV files of the golang.org/x/vulndb module (from the module proxy, pinned
# below), indexed by that module's own cmd/indexdb into VULNDB_DIR once per version.
VULNDB_VERSION ?= v0.0.0-20261105234957-e22db6528018
VULNDB_DIR ?= $(HOME)/.cache/gyoryu/vulndb-$(VULNDB_VERSION)

vulncheck: ## govulncheck against a local copy of the Go vulnerability database
	@if [ ! -f "$(VULNDB_DIR)/index/db.json" ]; then \
		set -e; src=$$(go mod download -json golang.org/x/vulndb@$(VULNDB_VERSION) | sed -n 's/^\t"Dir": "\(.*\)",$$/\1/p'); \
		echo "vulncheck: indexing $$src/data/osv into $(VULNDB_DIR)"; \
		rm -rf "$(VULNDB_DIR).tmp"; \
		GOFLAGS=-mod=mod go run golang.org/x/vulndb/cmd/indexdb@$(VULNDB_VERSION) -vulns "$$src/data/osv" -out "$(VULNDB_DIR).tmp"; \
		mv "$(VULNDB_DIR).tmp" "$(VULNDB_DIR)"; \
	fi
	@set -e; out=$$(mktemp); trap 'rm -f "$$out"' EXIT; \
	status=0; go tool govulncheck -db "file://$(VULNDB_DIR)" ./... >"$$out" || status=$$?; \
	if [ $$status -ne 0 ] && [ $$status -ne 3 ]; then cat "$$out"; exit $$status; fi; \
	found=$$(grep -o '^Vulnerability #[0-9]*: GO-[0-9]*-[0-9]*' "$$out" | awk '{ print $$3 }' | LC_ALL=C sort -u); \
	accepted=$$(grep -o '^GO-[0-9]*-[0-9]*' .ci/vulncheck-accepted | LC_ALL=C sort -u); \
	new=$$(printf '%s\n' "$$found" | LC_ALL=C comm -23 - $$(printf '%s\n' "$$accepted" >"$$out.a"; echo "$$out.a")); \
	gone=$$(printf '%s\n' "$$accepted" | LC_ALL=C comm -23 - $$(printf '%s\n' "$$found" >"$$out.f"; echo "$$out.f")); \
	rm -f "$$out.a" "$$out.f"; \
	echo "vulncheck: $$(printf '%s\n' "$$found" | grep -c . || true) reachable vulnerabilities, all accepted in .ci/vulncheck-accepted unless listed below"; \
	undated=$$(grep '^GO-' .ci/vulncheck-accepted | grep -Ev '^GO-[0-9]+-[0-9]+ [0-9]{4}-[0-9]{2}-[0-9]{2} .+' || true); \
	if [ -n "$$new" ]; then cat "$$out"; echo "vulncheck: FAILED: reachable and not accepted:"; echo "$$new" | sed 's/^/  /'; exit 1; fi; \
	if [ -n "$$gone" ]; then echo "vulncheck: FAILED: accepted but no longer found (fixed: remove from .ci/vulncheck-accepted):"; echo "$$gone" | sed 's/^/  /'; exit 1; fi; \
	if [ -n "$$undated" ]; then echo "vulncheck: FAILED: every accepted line needs its ID, the date it was accepted and why:"; echo "$$undated" | sed 's/^/  /'; exit 1; fi

# The tests run under a throwaway PostgreSQL and with Chromium when available; without
# them those tests skip, and the last lines say so (go test hides passing tests' output).
# axe-core (npm, pinned in package-lock.json) for the accessibility tests in the browser.
node_modules/axe-core/axe.min.js: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test: check-generated vet node_modules/axe-core/axe.min.js ## check generated code, vet, and run all tests (PostgreSQL and browser included)
	@.ci/with-postgres .ci/with-chromium sh -c '\
		status=0; GOTESTFLAGS="$(GOTESTFLAGS)" .ci/go-test || status=$$?; \
		echo; \
		if [ -n "$${TEST_DATABASE_URL:-}" ]; then echo "PostgreSQL tests: RAN (TEST_DATABASE_URL was set)"; \
		else echo "PostgreSQL tests: SKIPPED (no PostgreSQL; install Debian postgresql or set TEST_DATABASE_URL)"; fi; \
		if [ -n "$${CHROME_PATH:-}" ]; then echo "Browser tests: RAN with $$CHROME_PATH"; \
		else echo "Browser tests: SKIPPED (no Chromium; install Debian chromium-headless-shell or set CHROME_PATH)"; fi; \
		if [ $$status -ne 0 ]; then echo "make test: FAILED (go test exit status $$status)"; fi; \
		exit $$status'

bench: ## run the benchmarks (with a throwaway PostgreSQL when available)
	.ci/with-postgres go test -run '^$$' -bench . -benchmem ./...

# Seeds the demo with a tenth of a synthetic year and, beside it, ten synthetic years (web seed --years),
# on SQLite and on PostgreSQL, then opens each busy page on both in turn; about 10 minutes on 2 cores.
# DECADE_YEARS=2 for a shorter try. Not part of make test (TestDecadeBenchmarkHarness runs it small there).
DECADE_YEARS ?= 10
DECADE_REQUESTS ?= 15
bench-decade: ## each busy page's server time at demo size and at ten years, and their ratio (target <= 1.5), both databases
	.ci/with-postgres env DECADE_YEARS=$(DECADE_YEARS) DECADE_REQUESTS=$(DECADE_REQUESTS) \
		go test -count=1 -timeout 60m -run '^$$' -bench '^BenchmarkDecade$$' -benchtime 1x -v ./handlers

# The load and fault runs start bin/web on a throwaway PostgreSQL (load-sqlite: a new SQLite
# file) and drive it from cmd/load over loopback; each stops by itself. 100 people at a
# person's pace (a pause of 1 s on average between one's requests, as issue 25 measured);
# LOAD_FLAGS e.g. '-clients 40 -duration 10s', or '-think 250ms' for four times the pace.
LOAD_FLAGS ?= -clients 100 -duration 60s -think 1s

load: build ## 100 simulated people for 60 s on PostgreSQL: req/s, p50/p95/p99 per kind, writes checked
	.ci/with-postgres go run ./cmd/load -app bin/web $(LOAD_FLAGS)

load-sqlite: build ## the same on the embedded SQLite (a new file, removed after)
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	go run ./cmd/load -app bin/web -sqlite-path "$$dir/gyoryu.db" $(LOAD_FLAGS)

faults: build ## the load with PostgreSQL stopped for 10 s, then SIGTERM, then a read-only database
	@set -e; for fault in pg-stop sigterm read-only; do \
		echo "== fault $$fault"; \
		.ci/with-postgres go run ./cmd/load -app bin/web -clients 60 -duration 30s -think 1s -fault $$fault; \
	done

backup-check: build ## back up under load (pg_dump; SQLite: web backup), restore, serve and compare
	.ci/with-postgres go run ./cmd/load -app bin/web -clients 40 -duration 20s -think 1s -backup
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	go run ./cmd/load -app bin/web -sqlite-path "$$dir/gyoryu.db" -clients 40 -duration 20s -think 1s -backup

# Loopback only and bounded (BENCH_SECONDS per target, two targets, two databases).
BENCH_SECONDS ?= 5
bench-public: build ## load / and the same bytes as a static file at 64 connections (wrk if installed), SQLite and PostgreSQL
	go build -o bin/bench-public ./cmd/bench-public
	bin/bench-public -bin bin/web -db sqlite -d $(BENCH_SECONDS)s
	.ci/with-postgres sh -c 'if [ -n "$${TEST_DATABASE_URL:-}" ]; then bin/bench-public -bin bin/web -db postgres -d $(BENCH_SECONDS)s; \
		else echo "bench-public: PostgreSQL SKIPPED (no PostgreSQL)"; fi'

# bin/web on a fresh SQLite file with the programme data; Lighthouse 12.2.3 (npm, pinned) in Chromium,
# mobile preset, simulated slow 4G, 3 runs per page (LIGHTHOUSE_RUNS); about 2 minutes on a quiet 2-core machine.
lighthouse: build node_modules/axe-core/axe.min.js ## Lighthouse mobile on /, /rounds/2 and a pair page: performance >= 95, FCP <= 1.8 s, LCP <= 2.5 s, bytes by type
	CHROMIUM_KIND=browser .ci/with-chromium node static/lighthouse.mjs bin/web

build: ## build the static binary bin/web
	CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o bin/web ./cmd/web

clean: ## remove build output (keeps data/, the local database)
	rm -rf bin/
