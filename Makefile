# Duibiao — build, demo and test. `make demo` and `make test` work on a fresh Debian machine
# with Swift installed: they install libyaml-dev, libre2-dev, zlib1g-dev, libxlsxwriter-dev
# and libmimalloc-dev when missing (and, for the tests, chromium and Python's jsonschema).
SWIFT ?= swift
AS_OF ?= 2019-10-15
AS_OF_2021 ?= 2021-10-20
# cel-spec's public conformance data, kept outside the repository.
CEL_SPEC ?= ../shared/cel-spec

.PHONY: all build demo test test-deps install man completions golden lint deps clean conformance conformance-floor bench bench-inprocess fuzz sanitize
BENCH_UNITS ?= 10000
BENCH_REPEAT ?= 3
BENCH_C ?= ../shared/bench/yamlbench.c

all: build

# apt-get update runs once per checkout, before the first install (a marker in .build says so),
# whichever target installs first.
APT_UPDATE_ONCE = [ -f .build/.apt-updated ] || { apt-get update && mkdir -p .build && touch .build/.apt-updated; }

# The system libraries: libyaml (YAML), RE2 (CEL's regular expressions), zlib (Word source
# documents, through ZIPFoundation), libxlsxwriter (the XLSX report) and mimalloc (the
# process's allocator, in place of glibc's).
deps:
	@if [ ! -f /usr/include/yaml.h ] || [ ! -f /usr/include/re2/re2.h ] || [ ! -f /usr/include/zlib.h ] || [ ! -f /usr/include/xlsxwriter.h ] || [ ! -f /usr/include/mimalloc.h ]; then \
	  echo "==> installing libyaml-dev libre2-dev zlib1g-dev libxlsxwriter-dev libmimalloc-dev"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO sh -c "$(APT_UPDATE_ONCE)" && $$SUDO apt-get install -y libyaml-dev libre2-dev zlib1g-dev libxlsxwriter-dev libmimalloc-dev; \
	fi

# The tests validate SARIF with Python's jsonschema and read workbooks with openpyxl (on this
# machine's Python; pip when missing)
# and open the HTML report in Debian's chromium (apt when missing, about 35 s).
test-deps: deps
	@python3 -c 'import jsonschema, openpyxl' 2>/dev/null || { echo "==> installing jsonschema openpyxl"; \
	  python3 -m pip install --quiet jsonschema openpyxl || python3 -m pip install --quiet --break-system-packages jsonschema openpyxl \
	  || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO sh -c "$(APT_UPDATE_ONCE)" && $$SUDO apt-get install -y python3-jsonschema python3-openpyxl; }; }
	@command -v chromium >/dev/null || { echo "==> installing chromium"; SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO sh -c "$(APT_UPDATE_ONCE)" && $$SUDO apt-get install -y chromium; }

build: deps
	$(SWIFT) build

# Release builds link the Swift runtime and Foundation into the binary: it runs on a machine
# without the Swift toolchain, starts without resolving thousands of symbols, and calls the
# runtime (every reference count) directly, not through the dynamic linker's table: about 6%
# of a check's time and 5 MiB of its memory at 10,000 units (docs/architecture.md).
RELEASE = $(SWIFT) build -c release --static-swift-stdlib

# Builds in release mode and checks each shipped campaign's examples against its rules.
demo: deps
	$(RELEASE)
	.build/release/duibiao lint Rules
	.build/release/duibiao check Examples/theme-education-2019 --rules Rules/theme-education-2019 --as-of $(AS_OF) --fail-on never
	.build/release/duibiao check Examples/double-reduction-2021 --rules Rules/double-reduction-2021 --as-of $(AS_OF_2021) --fail-on never
	@mkdir -p .build/demo
	.build/release/duibiao check Examples/theme-education-2019 --rules Rules/theme-education-2019 --as-of $(AS_OF) --fail-on never --format html --output .build/demo/theme-education-2019.html
	.build/release/duibiao check Examples/double-reduction-2021 --rules Rules/double-reduction-2021 --as-of $(AS_OF_2021) --fail-on never --format html --output .build/demo/double-reduction-2021.html
	@echo "HTML reports: .build/demo/theme-education-2019.html .build/demo/double-reduction-2021.html (open in a browser)"

# Installs the binary, its man page and shell completions under PREFIX (DESTDIR for packaging):
# bin/duibiao, share/man/man1/duibiao.1, and bash, zsh and fish completions, all made by
# swift-argument-parser's own generators from the commands as they are.
PREFIX ?= /usr/local
install: deps man completions
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/duibiao $(DESTDIR)$(PREFIX)/bin/duibiao
	install -m 644 .build/man/duibiao.1 $(DESTDIR)$(PREFIX)/share/man/man1/duibiao.1
	install -m 644 .build/completions/duibiao.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/duibiao
	install -m 644 .build/completions/_duibiao $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_duibiao
	install -m 644 .build/completions/duibiao.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/duibiao.fish

# The man page, by swift-argument-parser's generate-manual. It keeps only ASCII characters (a
# TODO in its escaping), and every word here is Chinese: the tool is given a wrapper that writes
# each other character as @U<hex>@, and the page gets the characters back afterwards.
man: deps
	$(RELEASE) --product duibiao
	$(RELEASE) --product generate-manual
	mkdir -p .build/man/raw
	printf '#!/bin/sh\n"%s" "$$@" | perl -CSD -pe '"'"'s/([^\\x00-\\x7F])/sprintf("\\@U%%X\\@", ord($$1))/ge'"'"'\n' "$(CURDIR)/.build/release/duibiao" > .build/man/duibiao
	chmod +x .build/man/duibiao
	.build/release/generate-manual .build/man/duibiao --output-directory .build/man/raw --date $$(date +%Y-%m-%d)
	perl -CSD -pe 's/\@U([0-9A-F]+)\@/chr(hex($$1))/ge' .build/man/raw/duibiao.1 > .build/man/duibiao.1

completions: deps
	$(RELEASE) --product duibiao
	mkdir -p .build/completions
	.build/release/duibiao --generate-completion-script bash > .build/completions/duibiao.bash
	.build/release/duibiao --generate-completion-script zsh > .build/completions/_duibiao
	.build/release/duibiao --generate-completion-script fish > .build/completions/duibiao.fish

# The CEL conformance floor runs first, so the test runner's summary is the last line.
test: test-deps
	$(SWIFT) build --build-tests
	@$(MAKE) --no-print-directory conformance-floor
	.build/debug/duibiao test
	$(SWIFT) test --skip-build

# cel-spec's conformance suite: one line per file, then `conformance: N passed, N failed, N skipped`.
conformance: build
	.build/debug/cel-conformance $(CEL_SPEC)/testdata

# Fails when fewer tests pass than Tests/conformance-floor records; skips without cel-spec.
conformance-floor:
	@if [ -d "$(CEL_SPEC)/testdata" ]; then \
	  out=$$(.build/debug/cel-conformance "$(CEL_SPEC)/testdata" --floor "$$(cat Tests/conformance-floor)"); status=$$?; \
	  echo "$$out" | tail -n 1; exit $$status; \
	else \
	  echo "conformance: $(CEL_SPEC)/testdata not found; conformance floor not checked"; \
	fi

# Re-records the golden files of command output; review the diff before committing.
golden: deps
	$(SWIFT) build --build-tests
	@# Recording fails the run on purpose (nothing recorded counts as passing); read the diff.
	-DUIBIAO_RECORD=1 $(SWIFT) test --skip-build --filter "GoldenTests|XLSXTests"
	@echo "golden files re-recorded: read \`git diff Tests/DuibiaoTests/Golden\` line by line, then run make test"

# Speed and memory as users meet them: whole `duibiao check --format json` processes against
# libyaml's bare event loop (../shared/bench/yamlbench.c) on the same generated files, one core
# and two, BENCH_UNITS units, interleaved medians, peak memory, rules load time, and (with
# valgrind) instructions over 1,000 files; writes docs/performance.md. `make bench-inprocess`
# keeps the in-process figures.
bench: deps
	$(RELEASE) --product duibiao
	$(RELEASE) --product duibiao-bench
	gcc -O2 -o .build/yamlbench $(BENCH_C) -lyaml
	.build/release/duibiao-bench processes --units $(BENCH_UNITS) --repeat $(BENCH_REPEAT) \
	  --rules Rules/theme-education-2019 --report docs/performance.md

bench-inprocess: deps
	$(RELEASE) --product duibiao-bench
	.build/release/duibiao-bench $(BENCH_UNITS) --rules Rules/theme-education-2019 --repeat 3

# libFuzzer on each target (yaml, cel, check) for FUZZ_SECONDS each, with AddressSanitizer,
# from the examples, the shipped rules and an amplification corpus (Tests/FuzzTests/amplify.py).
# Leak detection is off for the reason given at `sanitize`.
# Crashes land in .build-fuzz/crashes/; each becomes a file in Tests/FuzzTests/regressions/.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= yaml cel check rules
FUZZ_FLAGS = -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address
fuzz: deps
	$(SWIFT) build --product duibiao-fuzz --scratch-path .build-fuzz $(FUZZ_FLAGS)
	python3 Tests/FuzzTests/amplify.py .build-fuzz/seeds
	@mkdir -p .build-fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build-fuzz/corpus/$$t; \
	  echo "==> fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 DUIBIAO_FUZZ=$$t .build-fuzz/debug/duibiao-fuzz .build-fuzz/corpus/$$t .build-fuzz/seeds/$$t \
	    Tests/FuzzTests/regressions/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -detect_leaks=0 -artifact_prefix=.build-fuzz/crashes/$$t- -print_final_stats=1 || exit 1; \
	done

# The test suite under AddressSanitizer, then ThreadSanitizer, each in its own build folder.
# Leak detection is off: LeakSanitizer cannot follow pointers that Swift stores with tag bits
# (enum payloads), so what the process's globals hold (the loaded rules) is reported as leaked.
sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

lint: build
	.build/debug/duibiao lint Rules

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
