# kgraph: two commands on a fresh Debian machine with Swift.
#   make graphs   installs what is missing, builds in release mode, writes graphs/seeds.*
#   make test     installs what is missing, runs the test suite

SWIFT    ?= swift
BIN      := .build/release/kgraph
SEEDS    := seeds
GRAPHS   := graphs
APT_PKGS := libgraphviz-dev libserd-dev raptor2-utils
PY_PKGS  := rdflib==7.6.0

.PHONY: all deps graphs build test bench score clean

all: graphs

# Installs only what is missing, so a machine that has everything does no network work.
deps:
	@missing=""; \
	pkg-config --exists libgvc || missing="$$missing libgraphviz-dev"; \
	pkg-config --exists serd-0 || missing="$$missing libserd-dev"; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@# Graphviz finds its layout and render plugins through config6a; regenerate it if absent.
	@ls /usr/lib/*/graphviz/config6* >/dev/null 2>&1 || libgvc6-config-update -c
	@# rdflib only checks the JSON-LD export; without PyPI that one test skips and says why.
	@python3 -c "import rdflib" 2>/dev/null || python3 -m pip install -q $(PY_PKGS) \
		|| echo "warning: could not install $(PY_PKGS); the JSON-LD round-trip test will be skipped"

build: deps
	$(SWIFT) build -c release --product kgraph

graphs: build
	$(BIN) extract $(SEEDS) --format json -o $(GRAPHS)/seeds.json
	$(BIN) export $(SEEDS) --format ttl -o $(GRAPHS)/seeds.ttl
	$(BIN) render $(SEEDS) -o $(GRAPHS)/seeds.svg
	$(BIN) render $(SEEDS) -o $(GRAPHS)/seeds.png
	@ls -l $(GRAPHS)

test: deps
	$(SWIFT) test

# Times and peak memory of each subcommand on the seeds: medians of several runs.
bench: build
	python3 tools/bench.py --bin $(BIN) --runs 7 $(SEEDS)

# The extractor's score on the seeds against the shared gold annotation.
score: build
	$(BIN) extract $(SEEDS) --format json -o /tmp/kgraph-score.json
	python3 ../shared/eval/score.py --gold ../shared/eval/seeds.gold.json --system /tmp/kgraph-score.json

clean:
	rm -rf .build
