# termgraph — build, run on the embedded corpus, test, benchmark.
SWIFT      ?= swift
PYTHON     ?= python3
APT_PKGS   := libxml2-dev graphviz libxml2-utils fonts-noto-core
PIP_PKGS   := networkx igraph markdown-it-py pytest
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE    := .build/release/termgraph
DEBUG      := .build/debug/termgraph

.PHONY: all deps build run test test-swift test-interop bench clean

all: build

## deps: install the system and Python packages the build and the tests need (only what is missing)
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@$(PYTHON) -c "import networkx, igraph, markdown_it, pytest" 2>/dev/null || $(PYTHON) -m pip install -q $(PIP_PKGS)

build: deps
	$(SWIFT) build -c release --product termgraph

## run: export the embedded corpus to exports/ (GraphML, DOT, and an SVG drawn by Graphviz's cairo renderer)
run: build
	$(RELEASE) export --corpus corpus --out-dir exports
	dot -Tsvg:cairo exports/graph.dot > exports/.graph.svg.tmp && mv exports/.graph.svg.tmp exports/graph.svg
	@echo "wrote exports/graph.svg"

## test: Swift unit tests, then the interoperability tests against NetworkX, igraph, Graphviz, xmllint, markdown-it-py
test: deps test-swift test-interop

test-swift:
	$(SWIFT) build --product termgraph
	$(SWIFT) test

test-interop:
	TERMGRAPH_BIN=$(CURDIR)/$(DEBUG) $(PYTHON) -m pytest -q Tests/interop

bench: build
	@echo "make bench: the scale benchmark is not written yet (see the scale issue)."

clean:
	rm -rf .build
