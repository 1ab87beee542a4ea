# Loupe: the two commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
RELEASE_BIN = .build/release
# Release binaries carry the Swift runtime inside: they start in two thirds of the time (the
# runner starts a process per worker; see `make bench`) and run on machines without Swift.
RELEASE = $(SWIFT) build -c release -Xswiftc -static-stdlib

.PHONY: all setup build demo test test-slurm check-asan check-report bench eval docs clean help

all: build

help:
	@echo "make demo        set up, build, and run Loupe on examples/articles/"
	@echo "make test        set up and run every test"
	@echo "make test-slurm  run examples/slurm/ as a job array on a one-machine Slurm cluster (root)"
	@echo "make check-asan  run the Lua error-rule tests under the address sanitizer"
	@echo "make check-report  check the HTML report in headless Chromium (charts, no network, speed, size)"
	@echo "make bench       print what crossing between Lua and Swift costs"
	@echo "make eval        score the HTML reader and quotes, run the gallery over BBC and PolNeAR (../shared/corpus, when present)"
	@echo "make docs        regenerate docs/api.md, the Lua API reference"

setup:
	@tools/setup.sh

build: setup
	$(RELEASE) --product loupe

demo: build
	@echo "== loupe run scripts/sentences-and-figures.lua examples/articles/"
	@$(RELEASE_BIN)/loupe run scripts/sentences-and-figures.lua examples/articles/
	@echo
	@echo "== loupe run -o demo/word-count.csv scripts/word-count.lua examples/articles/"
	@mkdir -p demo
	@$(RELEASE_BIN)/loupe run -o demo/word-count.csv scripts/word-count.lua examples/articles/
	@cat demo/word-count.csv
	@echo
	@echo "== loupe run -o demo/quotes.csv --report demo/report.html scripts/who-is-quoted.lua examples/articles/ examples/news/"
	@$(RELEASE_BIN)/loupe run -o demo/quotes.csv --report demo/report.html scripts/who-is-quoted.lua examples/articles/ examples/news/
	@head -6 demo/quotes.speakers.csv
	@echo "Every quote, with its speaker: demo/quotes.csv; the report, with charts: demo/report.html"
	@echo
	@echo "== loupe lua 'return 1+1, \"a\\\\0b\", {x=1}'"
	@$(RELEASE_BIN)/loupe lua 'return 1+1, "a\0b", {x=1}'
	@echo
	@echo "The loupe binary is at $(RELEASE_BIN)/loupe; try: $(RELEASE_BIN)/loupe --help"

test: setup
	$(SWIFT) test --disable-xctest

# examples/slurm/loupe-array.sbatch as a 4-task job array on a real single-node Slurm cluster
# started (and stopped) in a scratch folder; the merged parts must equal one unsharded run.
# Installs slurm-wlm and munge when missing; needs root to start slurmd.
test-slurm: build
	@tools/test-slurm.sh

# The error-rule and userdata tests again, built with the address sanitizer: a Lua error that
# unwound a Swift frame, or a Swift object used after Lua released it, would show here.
check-asan: setup
	$(SWIFT) test --disable-xctest --sanitize=address --scratch-path .build-asan \
		--filter 'ErrorRuleTests|UserdataTests|ValueClassTests|CallTests|LimitTests|DocumentBindingTests|SearchBindingTests|SpanFastPath|ScriptRunnerTests'

# The HTML report in a real browser (headless Chromium, installed when missing): makes
# demo/report.html with who-is-quoted over examples/articles/ (and a report over the 2,225
# BBC articles of ../shared/corpus/bbc when present), screenshots each (demo/report.png), and
# checks that it has at least CHECK_REPORT_CHARTS charts, none of zero size, that it made no
# network request, loads in under 2 s and is under 5 MB. First the checker checks itself on
# Tests/Fixtures/report/. Then the same checks on the report of every gallery script over the
# examples (in .build/gallery-examples/). tools/check-report.sh FILE.html checks any report.
CHECK_REPORT_CHARTS ?= 1
GALLERY = who-is-quoted quotes-over-time co-mentions figures concordance keyness word-frequencies
check-report: build
	@tools/check-report.sh --self-test
	@tools/check-report.sh --expect-charts $(CHECK_REPORT_CHARTS)
	@mkdir -p .build/gallery-examples
	@for script in $(GALLERY); do \
		args=; if [ $$script = concordance ]; then args="-- council"; fi; \
		$(RELEASE_BIN)/loupe run -q -o .build/gallery-examples/$$script.csv --report .build/gallery-examples/$$script.html \
			scripts/$$script.lua examples/articles/ examples/news/ $$args || exit 1; \
	done
	@tools/check-report.sh --expect-charts 1 --screenshots .build/gallery-examples \
		$(patsubst %,.build/gallery-examples/%.html,$(GALLERY))

bench: setup
	$(RELEASE) --product loupe
	$(RELEASE) --product LoupeBench
	@$(RELEASE_BIN)/LoupeBench

# The Lua API reference kept in docs/ (a test fails when it is out of date).
docs: build
	$(RELEASE_BIN)/loupe docs -o docs/api.md

# Extraction quality against the gold data in ../shared/corpus; skipped, saying so, without it:
# the HTML reader's body text, then direct quotes on PolNeAR's dev split scored by `loupe eval`
# (plugins/quotes/eval.lua when the quotes plugin ships one, else scripts/quote-baseline.lua;
# QUOTES_SCRIPT=path/to/script.lua scores another).
eval: setup
	$(RELEASE) --product LoupeEval
	@$(RELEASE_BIN)/LoupeEval html
	$(RELEASE) --product loupe
	@tools/eval-polnear.sh $(RELEASE_BIN)/loupe $(QUOTES_SCRIPT)
	@tools/gallery-corpora.sh $(RELEASE_BIN)/loupe

clean:
	rm -rf .build .build-asan demo
