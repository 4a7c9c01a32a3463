# tests/fuzz/fuzz.mk - the libFuzzer targets (docs/SECURITY.md, Fuzzing),
# included by the Makefile after its variables.
#
#   make fuzz-targets      build every tests/fuzz/fuzz_*.c(c) into build/fuzz/
#   make fuzz SECONDS=N    run each target for N seconds, one after another
#   make fuzz-check        run each target over its seeds and regressions only
#
# libFuzzer needs clang, so the project's sources are compiled a third time
# here, with clang, coverage instrumentation (fuzzer-no-link) and ASan and
# UBSan; gcc's objects in build/ cannot be linked into a fuzzer.  Clang
# warns about things gcc does not, and a warning in a file under edit must
# not stop fuzzing, so there is no -Werror here (the gcc build keeps it).

FUZZ_BUILD    = build/fuzz
FUZZ_CC      ?= clang
FUZZ_CXX     ?= clang++
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer
FUZZ_OPT     ?= -g -O1
FUZZ_CFLAGS   = -std=c99 -D_POSIX_C_SOURCE=200809L $(FUZZ_OPT) -Wall -Wextra \
                $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
                -Ishim -Iindexer -Isearchd $(PKG_CFLAGS) $(DEPFLAGS)
FUZZ_CXXFLAGS = -std=c++17 $(FUZZ_OPT) -Wall -Wextra \
                $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
                -Ishim -Iindexer -Isearchd $(PKG_CFLAGS) $(DEPFLAGS)

FUZZ_SRC     = $(wildcard tests/fuzz/fuzz_*.c tests/fuzz/fuzz_*.cc)
FUZZ_TARGETS = $(patsubst tests/fuzz/%,$(FUZZ_BUILD)/%,$(basename $(FUZZ_SRC)))
FUZZ_LIBS    = $(FUZZ_BUILD)/libindexer.a $(FUZZ_BUILD)/libsearchd.a \
               $(FUZZ_BUILD)/libkhabar.a
fuzz_obj     = $(patsubst %,$(FUZZ_BUILD)/%.o,$(basename $(1)))
SECONDS     ?= 60

.PHONY: fuzz-targets
fuzz-targets: $(FUZZ_TARGETS)
# The targets' own objects are kept, so that a relink does not recompile.
.SECONDARY: $(call fuzz_obj,$(FUZZ_SRC))

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/libkhabar.a: $(call fuzz_obj,$(SHIM_SRC))
	rm -f $@ && ar rcs $@ $^
$(FUZZ_BUILD)/libindexer.a: $(call fuzz_obj,$(INDEXER_SRC))
	rm -f $@ && ar rcs $@ $^
$(FUZZ_BUILD)/libsearchd.a: $(call fuzz_obj,$(SEARCHD_SRC))
	rm -f $@ && ar rcs $@ $^

# Every target links the three libraries: the linker takes only what the
# target reaches, and the shim is C++, so clang++ links.
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_LIBS)
	$(FUZZ_CXX) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)
