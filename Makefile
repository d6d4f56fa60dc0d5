# kgraph: two commands on a fresh Debian machine with Swift.
#   make graphs   installs what is missing, builds in release mode, writes graphs/seeds.*
#   make test     installs what is missing, runs the test suite

SWIFT    ?= swift
BIN      := .build/release/kgraph
SEEDS    := seeds
GRAPHS   := graphs
APT_PKGS := libgraphviz-dev libserd-dev raptor2-utils libsqlite3-dev sqlite3
PY_PKGS  := rdflib==7.6.0
PY_SPARQL := pyoxigraph==0.5.13

.PHONY: all deps graphs build test bench bench-render bench-store bench-sparql sparql-check sparql-compare bench-extract score clean

all: graphs

# Installs only what is missing, so a machine that has everything does no network work.
deps:
	@missing=""; \
	pkg-config --exists libgvc || missing="$$missing libgraphviz-dev"; \
	pkg-config --exists serd-0 || missing="$$missing libserd-dev"; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	pkg-config --exists sqlite3 || missing="$$missing libsqlite3-dev"; \
	command -v sqlite3 >/dev/null 2>&1 || missing="$$missing sqlite3"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@# Graphviz finds its layout and render plugins through config6a; regenerate it if absent.
	@ls /usr/lib/*/graphviz/config6* >/dev/null 2>&1 || libgvc6-config-update -c
	@# rdflib only checks the JSON-LD export; without PyPI that one test skips and says why.
	@python3 -c "import rdflib" 2>/dev/null || python3 -m pip install -q $(PY_PKGS) \
		|| echo "warning: could not install $(PY_PKGS); the JSON-LD round-trip test will be skipped"
	@# pyoxigraph is the reference engine for sparql-check; without it that check skips.
	@python3 -c "import pyoxigraph" 2>/dev/null || python3 -m pip install -q $(PY_SPARQL) \
		|| echo "warning: could not install $(PY_SPARQL); sparql-check will be skipped"

build: deps
	$(SWIFT) build -c release --product kgraph

graphs: build
	$(BIN) extract $(SEEDS) --format json -o $(GRAPHS)/seeds.json
	$(BIN) export $(SEEDS) --format ttl -o $(GRAPHS)/seeds.ttl
	$(BIN) render $(SEEDS) -o $(GRAPHS)/seeds.svg
	$(BIN) render $(SEEDS) -o $(GRAPHS)/seeds.png
	$(BIN) render $(SEEDS) --view actors -o $(GRAPHS)/seeds-actors.svg
	$(BIN) render $(SEEDS) --view actors -o $(GRAPHS)/seeds-actors.png
	$(BIN) render $(SEEDS) --view timeline -o $(GRAPHS)/seeds-timeline.svg
	$(BIN) render $(SEEDS) --focus Aliyev --depth 2 -o $(GRAPHS)/aliyev.svg
	$(BIN) render $(SEEDS) --focus Aliyev --depth 2 -o $(GRAPHS)/aliyev.png
	@ls -l $(GRAPHS)

test: deps
	$(SWIFT) test
	@# The debug binary swift test just built is enough for the comparison.
	@if python3 -c "import pyoxigraph" 2>/dev/null; then $(MAKE) --no-print-directory sparql-compare BIN=.build/debug/kgraph; \
	else echo "sparql-check skipped: pyoxigraph is not installed"; fi

# kgraph's SPARQL against pyoxigraph on the seeds: tools/sparql/queries/*.rq, same N-Quads.
SPARQL_TMP := /tmp/kgraph-sparql-check
sparql-check: build sparql-compare

sparql-compare:
	@rm -rf $(SPARQL_TMP) && mkdir -p $(SPARQL_TMP)
	$(BIN) ingest $(SEEDS) --db $(SPARQL_TMP)/seeds.sqlite --quiet
	$(BIN) export --db $(SPARQL_TMP)/seeds.sqlite --format nq -o $(SPARQL_TMP)/seeds.nq
	python3 tools/sparql/check.py --bin $(BIN) --db $(SPARQL_TMP)/seeds.sqlite --nq $(SPARQL_TMP)/seeds.nq

# SPARQL speed on a synthetic 1M-triple graph shaped like kgraph's output: load throughput,
# then a 1-pattern lookup, a 3-pattern join and a GROUP BY, medians for kgraph, pyoxigraph
# and rdflib (rdflib on a smaller graph; the output says which).
bench-sparql: build
	python3 tools/sparql/bench.py --bin $(BIN) --triples 1000000 --runs 5

# Times and peak memory of each subcommand on the seeds: medians of several runs.
bench: build
	python3 tools/bench.py --bin $(BIN) --runs 7 $(SEEDS)

# Render times: DOT building and Graphviz layout plus output, for each view, on the seed graph
# and on a synthetic graph of 2,000 entities (medians of 5 runs), then the whole command on
# the seeds, extraction included (median of 5).
bench-render: build
	$(SWIFT) build -c release --product RenderBench
	$(BIN) extract $(SEEDS) --format json -o /tmp/kgraph-bench-seeds.json
	.build/release/RenderBench --runs 5 --synthetic 2000 /tmp/kgraph-bench-seeds.json
	python3 tools/bench_render.py --bin $(BIN) --runs 5 $(SEEDS)

# The store: ingest throughput (docs/s, MB/s, quads/s) on the seeds copied many times, a
# re-ingest of unchanged files, and the bulk RDF loader; medians of several runs.
bench-store: build
	python3 tools/bench_store.py --bin $(BIN) --copies 50 --runs 5 $(SEEDS)

# Extraction throughput: the seeds copied 100 times, MB/s of text per core (user CPU), wall
# time and peak RSS under /usr/bin/time, median of 5 runs.
bench-extract: build
	python3 tools/bench_extract.py --bin $(BIN) --copies 100 --runs 9 $(SEEDS)

# The extractor's score on the seeds against the shared gold annotation.
score: build
	$(BIN) extract $(SEEDS) --format json -o /tmp/kgraph-score.json
	python3 ../shared/eval/score.py --gold ../shared/eval/seeds.gold.json --system /tmp/kgraph-score.json

clean:
	rm -rf .build
