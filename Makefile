# Huddle's everyday commands. `make test` is the one command that runs the
# whole suite; .ci/run calls it too.
GO ?= go
STATICCHECK_VERSION = v0.8.2
BIN = $(CURDIR)/.bin

.PHONY: run test lint bench build fuzz

run: ## run the demo organisation on the embedded database
	$(GO) run ./cmd/huddle demo

build:
	CGO_ENABLED=0 $(GO) build -o huddle ./cmd/huddle

test: ## the whole suite: unit, store on SQLite and PostgreSQL, HTTP, browser
	$(GO) test -race -count=1 -timeout 15m ./...

lint: $(BIN)/staticcheck
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(BIN)/staticcheck ./...

$(BIN)/staticcheck:
	GOBIN=$(BIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

bench: ## engine benchmarks (MB/s over the real corpus when ../shared/corpus exists); figures for the closing notes
	$(GO) test -run='^$$' -bench=. -benchmem -cpu=1 ./internal/transcript/ ./internal/analysis/ ./internal/schedule/
	@if [ -d ../shared/corpus ]; then bench/analysis/wc_ratio.sh 100; fi
	$(GO) test -run='^$$' -bench=. -benchmem -benchtime=1x -cpu=1 ./internal/pairing/...
	$(GO) test -run='^$$' -bench=. -benchmem -benchtime=3x -cpu=1 ./internal/skillprofile/

fuzz: ## a short run of every parser's fuzz target
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=20s ./internal/roster/
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=20s ./internal/transcript/
	$(GO) test -run='^$$' -fuzz='^FuzzParseRoster$$' -fuzztime=20s ./internal/pairing/
	$(GO) test -run='^$$' -fuzz='^FuzzParseRule$$' -fuzztime=20s ./internal/schedule/
	$(GO) test -run='^$$' -fuzz='^FuzzParseResponse$$' -fuzztime=20s ./internal/stt/
	$(GO) test -run='^$$' -fuzz='^FuzzHTML$$' -fuzztime=20s ./internal/markdown/
	$(GO) test -run='^$$' -fuzz='^FuzzParseClock$$' -fuzztime=20s ./internal/web/
