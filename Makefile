# termgraph — build, run on the embedded corpus, test, benchmark.
SWIFT      ?= swift
PYTHON     ?= python3
# What building and `make run` need; the tests need TEST_APT_PKGS and the Python packages too,
# which go into a virtual environment of the project's own (.venv), never the user's Python.
APT_PKGS      := libxml2-dev libbz2-dev graphviz fonts-noto-core
TEST_APT_PKGS := libxml2-utils python3-venv chromium chromium-driver
PIP_PKGS      := networkx igraph markdown-it-py cmarkgfm pytest hypothesis pyyaml rdflib kuzu junitparser obsidiantools html5lib selenium mwxml mwparserfromhell
VENV          := .venv
VENV_PYTHON   := $(VENV)/bin/python
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE    := .build/release/termgraph
DEBUG      := .build/debug/termgraph

.PHONY: all deps test-deps build run install uninstall man test test-swift test-interop test-library fuzz bench commonmark-diff clean

all: build

# Installs the Debian packages named in $(1) that are missing.
apt_install = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## deps: install the system packages the build and `make run` need (only what is missing)
deps:
	@$(call apt_install,$(APT_PKGS))

## test-deps: also what the tests need: xmllint, and the Python packages in .venv
test-deps: deps
	@$(call apt_install,$(TEST_APT_PKGS))
	@[ -x $(VENV_PYTHON) ] || $(PYTHON) -m venv $(VENV)
	@$(VENV_PYTHON) -c "import networkx, igraph, markdown_it, cmarkgfm, pytest, hypothesis, yaml, rdflib, kuzu, junitparser, obsidiantools, html5lib, selenium, mwxml, mwparserfromhell" 2>/dev/null \
	  || $(VENV_PYTHON) -m pip install -q --disable-pip-version-check $(PIP_PKGS)

## build: the release binary, with Swift's runtime and Foundation linked in: a command starts in
## about 7 ms instead of 14 (the dynamic loader no longer binds twenty libraries' symbols), which
## is most of what a command line that asks a running server takes
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product termgraph

## run: export the embedded corpus to exports/ in every format (graph.{graphml,yed.graphml,dot,json,gexf,ttl,svg}
## and neo4j/); the SVG is drawn by Graphviz's dot, whose layout is the same on every run
run: build
	$(RELEASE) export --corpus corpus --out-dir exports --format all

## install: the binary, its man pages and its bash, zsh and fish completions under $(PREFIX)
## (default /usr/local; DESTDIR is honoured for packaging); uninstall removes them again
PREFIX  ?= /usr/local
BINDIR  := $(DESTDIR)$(PREFIX)/bin
MANDIR  := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR  := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
install: build
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(RELEASE) $(BINDIR)/termgraph
	install -m 644 docs/man/*.1 $(MANDIR)/
	$(RELEASE) --generate-completion-script bash > $(BASHDIR)/termgraph
	$(RELEASE) --generate-completion-script zsh > $(ZSHDIR)/_termgraph
	$(RELEASE) --generate-completion-script fish > $(FISHDIR)/termgraph.fish

uninstall:
	rm -f $(BINDIR)/termgraph $(BASHDIR)/termgraph $(ZSHDIR)/_termgraph $(FISHDIR)/termgraph.fish
	rm -f $(addprefix $(MANDIR)/,$(notdir $(wildcard docs/man/*.1)))

## man: generate docs/man/ again from the commands' help (swift-argument-parser's plugin)
man:
	$(SWIFT) package generate-manual --multi-page --authors "the termgraph authors"
	rm -f docs/man/*.1 && cp .build/plugins/GenerateManual/outputs/termgraph/*.1 docs/man/

## test: Swift unit tests, the interoperability tests against NetworkX, igraph, Graphviz, xmllint, html5lib,
## rdflib, Kuzu, Chromium, markdown-it-py, and the README's library example built as a new package would build it
test: test-deps test-swift test-interop test-library

# Tests keep termgraph's on-disk index out of the user's cache folder.
TEST_ENV := XDG_CACHE_HOME=$(CURDIR)/.build/test-cache

test-swift:
	$(SWIFT) build --product termgraph
	$(TEST_ENV) $(SWIFT) test

test-interop:
	$(TEST_ENV) TERMGRAPH_BIN=$(CURDIR)/$(DEBUG) $(VENV_PYTHON) -m pytest -q Tests/interop

test-library:
	Tests/readme_example.sh

## fuzz: build the libFuzzer targets (front matter, link scanner, index, HTML reader), replay the committed seeds and
## fuzz each briefly; the fixed seed makes a CI run repeatable (see Fuzz/README.md for long runs)
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?= 30000
fuzz:
	Fuzz/run.sh $(FUZZ_SECONDS) --parallel -- -seed=1 -runs=$(FUZZ_RUNS)

## bench: also a generated MediaWiki dump of DUMP_PAGES pages (bench/dump_bench.py) against bzcat
DUMP_PAGES ?= 1000000
bench: build test-deps
	@[ -x /usr/bin/time ] || { echo "installing: time"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time >/dev/null; }
	@# wrk loads the server's /api/path for the served rows.
	@command -v wrk >/dev/null || { echo "installing: wrk"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null || echo "wrk not installed: the served rows are left out"; }
	@# perf measures the index checksums' share of a repeated query; the bench runs without it.
	@command -v perf >/dev/null || { echo "installing: linux-perf"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq linux-perf >/dev/null || echo "linux-perf not installed: the checksum share is left out"; }
	@sizes="$(SIZES)"; [ -n "$$sizes" ] || sizes="10000 100000"; \
	full=""; [ -z "$(BENCH_FULL)" ] || [ "$(BENCH_FULL)" = 0 ] || full="--full"; \
	start=$$(date +%s); \
	$(VENV_PYTHON) bench/run.py --sizes "$$sizes" $$full $(BENCH_ARGS); rc=$$?; \
	echo "make bench: $$(( $$(date +%s) - start )) s for bench/run.py"; \
	$(VENV_PYTHON) bench/dump_bench.py --pages $(DUMP_PAGES) || rc=1; exit $$rc

## commonmark-diff: link targets of COUNT random documents (default 100000) against markdown-it-py
## and cmark-gfm (Tests/interop/commonmark_diff.py); fails when one disagreement is termgraph's
COUNT ?= 100000
commonmark-diff: build test-deps
	@start=$$(date +%s); \
	$(VENV_PYTHON) Tests/interop/commonmark_diff.py --count $(COUNT) --bin $(RELEASE); rc=$$?; \
	echo "make commonmark-diff: $$(( $$(date +%s) - start )) s"; exit $$rc

clean:
	rm -rf .build
