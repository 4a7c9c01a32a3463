# Khabar: one Makefile for the whole tree.
#
#   make            build khabar-index and khabar-searchd into build/
#   make deps       check (and as root, install) the Debian packages we need
#   make run        deps, build, index corpus/ into var/index, serve it
#   make test       deps, unit and end-to-end tests, then all again under
#                   AddressSanitizer and UndefinedBehaviorSanitizer
#   make SANITIZE=address,undefined    the sanitizer build, into build/san/
#   make bench-scale [ARTICLES=N]      a million (or N) articles indexed
#                   and queried (docs/BENCHMARKS.md); needs ../shared

# Debian packages: what the build needs, then what the tests need.  Say why
# in the commit that adds one.
BUILD_PACKAGES = g++ make pkg-config libxapian-dev libmicrohttpd-dev \
                 zlib1g-dev libjansson-dev libxml2-dev libutf8proc-dev
# Data the entity extractor reads at run time (docs/ENTITIES.md):
# countries and subdivisions, cities with their countries, English words.
DATA_PACKAGES  = iso-codes libgeonames0 wamerican
# chromium and nodejs run the browser tests (tests/browser, playwright-core
# from npm, installed below); nodejs brings npm with it.
TEST_PACKAGES  = libcmocka-dev jq curl chromium nodejs valgrind
# xapian-tools: xapian-tcpsrv serves the shards of t150-shards, and
# xapian-metadata makes an index without the date terms' flag in
# test_shim_date_terms.
TEST_PACKAGES += xapian-tools
# libFuzzer for make fuzz and fuzz-check (tests/fuzz/): clang, and its
# runtime, which clang only recommends.
FUZZ_PACKAGES  = clang libclang-rt-14-dev
# make bench-scale (bench/scale.sh): GNU time for peak RSS, python3 for
# the corpus builder, wrk for HTTP, xapian-tools for compaction.
SCALE_PACKAGES = time python3 wrk xapian-tools
# wrk drives khabar-searchd in make bench (bench/http.sh); Xapian's Python
# bindings run the raw-Xapian baselines (bench/raw_xapian.py for indexing,
# bench/raw_xapian_queries.py for queries).
BENCH_PACKAGES = wrk python3-xapian
PKG_MODULES    = xapian-core libmicrohttpd zlib jansson libxml-2.0 libutf8proc

ifeq ($(SANITIZE),)
BUILD   ?= build
SANFLAGS =
else
BUILD   ?= build/san
SANFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

CC      ?= cc
CXX     ?= c++
OPT     ?= -O2 -g
WARN     = -Wall -Wextra -Werror
DEPFLAGS = -MMD -MP
PKG_CFLAGS := $(shell pkg-config --cflags $(PKG_MODULES) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKG_MODULES) 2>/dev/null)
CFLAGS   = -std=c99 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(SANFLAGS) \
           -Ishim -Iindexer -Isearchd $(PKG_CFLAGS) $(DEPFLAGS)
CXXFLAGS = -std=c++17 $(OPT) $(WARN) $(SANFLAGS) -Ishim $(PKG_CFLAGS) $(DEPFLAGS)
LDFLAGS  = $(SANFLAGS)
LDLIBS   = $(PKG_LIBS) -lpthread

SHIM_SRC    = $(wildcard shim/*.cc)
INDEXER_SRC = $(filter-out indexer/main.c,$(wildcard indexer/*.c))
SEARCHD_SRC = $(filter-out searchd/main.c,$(wildcard searchd/*.c))
UNIT_SRC    = $(wildcard tests/unit/test_*.c)

SHIM_LIB    = $(BUILD)/libkhabar.a
INDEXER_LIB = $(BUILD)/libindexer.a
SEARCHD_LIB = $(BUILD)/libsearchd.a
PROGRAMS    = $(BUILD)/khabar-index $(BUILD)/khabar-searchd
# Measurement tools (docs/RELEVANCE.md, ENTITIES.md, EXTRACTION.md,
# BENCHMARKS.md); built by make all so that the tests that use them can
# run.
TOOLS       = $(BUILD)/khabar-relevance $(BUILD)/entities-eval \
              $(BUILD)/khabar-extraction-score $(BUILD)/khabar-query-bench \
              $(BUILD)/khabar-snippet-check
UNIT_TESTS  = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

obj = $(patsubst %,$(BUILD)/%.o,$(basename $(1)))

.PHONY: all deps run test check unit-tests install bench clean
all: $(PROGRAMS) $(TOOLS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -c -o $@ $<

$(SHIM_LIB): $(call obj,$(SHIM_SRC))
$(INDEXER_LIB): $(call obj,$(INDEXER_SRC))
$(SEARCHD_LIB): $(call obj,$(SEARCHD_SRC)) $(BUILD)/assets.o

# The web page (docs/WEB.md): searchd/assets/ compiled into searchd, so it
# is served with no file system access and works offline.
ASSETS = $(sort $(wildcard searchd/assets/*))
$(BUILD)/embed: tools/embed/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c99 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -o $@ $<
$(BUILD)/assets.c: $(BUILD)/embed $(ASSETS)
	$(BUILD)/embed $@ $(ASSETS)
$(BUILD)/assets.o: $(BUILD)/assets.c
	$(CC) $(CFLAGS) -c -o $@ $<
$(BUILD)/%.a:
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# Programs link with the C++ compiler: the shim inside them is C++.
$(BUILD)/khabar-index: $(call obj,indexer/main.c) $(INDEXER_LIB) $(SHIM_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/khabar-searchd: $(call obj,searchd/main.c) $(SEARCHD_LIB) $(SHIM_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(call obj,tests/unit/%.c) $(INDEXER_LIB) $(SEARCHD_LIB) $(SHIM_LIB)
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

unit-tests: $(UNIT_TESTS)

$(BUILD)/khabar-relevance: $(call obj,tools/relevance/relevance.c) $(SHIM_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lm
$(BUILD)/entities-eval: $(call obj,tools/entities/entities_eval.c tools/entities/reuters_sgml.c) $(INDEXER_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS) -ldl
$(BUILD)/khabar-extraction-score: $(call obj,tools/extraction/score.c tools/extraction/shingles.c) $(INDEXER_LIB) $(SHIM_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/khabar-query-bench: $(call obj,tools/bench/query_bench.c) $(SHIM_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/khabar-snippet-check: $(call obj,tools/bench/snippet_check.c) $(SHIM_LIB)
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Checks every package in one dpkg-query call, so it costs a few
# milliseconds when all is present.
deps:
	@wanted="$(BUILD_PACKAGES) $(DATA_PACKAGES) $(TEST_PACKAGES) $(FUZZ_PACKAGES) $(SCALE_PACKAGES) $(BENCH_PACKAGES)"; \
	have=" $$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $$wanted 2>/dev/null | \
	    awk '/^ii/ {printf "%s ", $$2}')"; \
	missing=; for p in $$wanted; do \
	    case "$$have" in *" $$p "*) ;; *) missing="$$missing $$p" ;; esac; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	line="apt-get install -y --no-install-recommends$$missing"; \
	if [ "$$(id -u)" -ne 0 ]; then \
	    echo "make deps: missing Debian packages; as root, run:"; echo "    $$line"; exit 1; \
	fi; \
	echo "make deps: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$line || { apt-get update && $$line; }
	@[ -d tests/browser/node_modules/playwright-core ] || \
	    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

# The suite runs twice, plainly and under the sanitizers; tests/total.sh
# prints the one closing line over both.
test: deps
	@rm -f build/test-results
	@$(MAKE) --no-print-directory all unit-tests && \
	    tests/run.sh build build/test-results || true
	@$(MAKE) --no-print-directory SANITIZE=address,undefined all unit-tests && \
	    tests/run.sh build/san build/test-results || true
	@$(MAKE) --no-print-directory fuzz-targets && \
	    tests/fuzz/run.sh check $(FUZZ_BUILD) build/test-results || true
	@tests/total.sh build/test-results

check: all unit-tests
	@rm -f $(BUILD)/test-results
	@tests/run.sh $(BUILD) $(BUILD)/test-results; tests/total.sh $(BUILD)/test-results

RUN_DB     ?= var/index
RUN_LISTEN ?= 127.0.0.1:8080
# The build runs in a sub-make: pkg-config's flags are read when a make
# starts, and on a fresh machine the packages only exist after deps.
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p $(dir $(RUN_DB))
	$(BUILD)/khabar-index --db $(RUN_DB) corpus
	@echo
	@echo "Serving $(RUN_DB) on http://$(RUN_LISTEN)/ (Ctrl-C stops). Try:"
	@echo "    curl 'http://$(RUN_LISTEN)/search?q=Doha+talks+ceasefire'"
	@echo "or open http://$(RUN_LISTEN)/ in a browser."
	@echo
	exec $(BUILD)/khabar-searchd --db $(RUN_DB) --listen $(RUN_LISTEN)

PREFIX ?= /usr/local
install: all
	install -D -m 0755 $(BUILD)/khabar-index $(DESTDIR)$(PREFIX)/bin/khabar-index
	install -D -m 0755 $(BUILD)/khabar-searchd $(DESTDIR)$(PREFIX)/bin/khabar-searchd
	install -d $(DESTDIR)$(PREFIX)/share/doc/khabar
	install -m 0644 README.md docs/*.md deploy/* $(DESTDIR)$(PREFIX)/share/doc/khabar/

# memcheck over selected end-to-end scripts (docs/SECURITY.md); not part
# of make test, which already runs everything under ASan and UBSan.
.PHONY: valgrind
valgrind: deps all
	tests/valgrind/run.sh $(BUILD)

# Benchmarks: not part of make test (docs/BENCHMARKS.md has the figures).
# The build runs in a sub-make, as for run: deps may install packages.
bench: deps
	@$(MAKE) --no-print-directory all
	bench/readers.sh $(BUILD)
	bench/rerun.sh $(BUILD)
	bench/facets.sh $(BUILD)
	bench/http.sh $(BUILD)
	bench/index.sh $(BUILD)

# A million articles (bench/scale.sh, docs/BENCHMARKS.md): long, so not
# part of make bench or make test; make bench-scale ARTICLES=100000 for a
# shorter run.  The corpus goes to $KHABAR_SCALE_DIR (default
# /tmp/khabar-scale), never into the tree.
ARTICLES      ?= 1000000
SCALE_SECONDS ?= 20
.PHONY: bench-scale
bench-scale: deps
	@$(MAKE) --no-print-directory all
	bench/scale.sh $(BUILD) $(ARTICLES) $(SCALE_SECONDS)

clean:
	rm -rf build var

# Fuzzing (docs/SECURITY.md): make fuzz SECONDS=N fuzzes each target for
# N seconds; make fuzz-check runs each over its seeds and regressions only.
include tests/fuzz/fuzz.mk
.PHONY: fuzz fuzz-check
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-targets
	tests/fuzz/run.sh fuzz $(FUZZ_BUILD) $(SECONDS)
fuzz-check: deps
	@$(MAKE) --no-print-directory fuzz-targets
	tests/fuzz/run.sh check $(FUZZ_BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
