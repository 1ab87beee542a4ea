#!/usr/bin/env bash
# Checks Loupe's HTML reports in a real browser: headless Chromium (Debian's `chromium`).
#
#   tools/check-report.sh [--expect-charts N] [--screenshots DIR] [FILE.html ...]
#   tools/check-report.sh --self-test (the checker's own check, on Tests/Fixtures/report/)
#   make check-report                 (builds loupe, then runs both: --expect-charts 1)
#
# Why: `loupe run --report` writes one self-contained HTML file (inline CSS, inline SVG charts,
# maybe a small inline script), meant to be mailed or archived and opened anywhere, offline.
# Only a browser shows whether it really is: a chart can be present in the markup yet drawn
# at no size, a stray <img>, font or stylesheet link can reach out to the network, and a
# report over a large corpus can grow too big or too slow to open. So, for each report, this:
#   - screenshots it (REPORT.png beside it, or in --screenshots DIR) at 1280x2000 and checks
#     the PNG is real and not blank (more than a few distinct pixel rows);
#   - loads a temporary copy with a small probe script added before </body> which, on the
#     load event, forces layout, takes performance.now() (milliseconds since navigation
#     started, so parsing, styles, layout and the report's own scripts are included, browser
#     start-up is not) and measures every <svg> with getBoundingClientRect(); the probe writes
#     a JSON summary into the DOM, which Chromium's --dump-dom prints;
#   - records Chromium's net log for both loads and counts the URL requests the page made
#     (file:// and data: URLs never reach the network stack, so any request logged is one to
#     the network). Chromium's own background requests (update checks and the like, which
#     the flags below do not all silence) carry no page origin and are shown but not counted.
#     Host names resolve to nothing (--host-resolver-rules) and no proxy is used, so even an
#     offending request is only attempted and logged: it stops at name resolution.
# It fails, naming the file and the reason, when there are fewer than N <svg> elements
# (--expect-charts N; 0 by default, since a report may have only tables), when any <svg> has
# zero width or height, when the page made a network request, when it took 2000 ms or more
# to load (CHECK_REPORT_MAX_MS), or when the file is 5,000,000 bytes or more
# (CHECK_REPORT_MAX_BYTES), and prints a table: file, size, svgs, render ms, requests,
# screenshot, and how long Chromium itself took (for CI budgeting).
#
# Without FILE arguments it makes the reports first, with .build/release/loupe (make build):
# scripts/who-is-quoted.lua over examples/articles/ and examples/news/ into demo/report.html (and
# demo/quotes.csv), and, when ../shared/corpus/bbc exists, over its 2,225 BBC articles into a
# temporary folder (its screenshot: demo/bbc-report.png). It installs Debian's chromium when missing (as root; otherwise it prints
# the apt-get command and exits 2). Exit status: 0 all passed, 1 a check failed, 2 could not
# run (usage, no chromium, no loupe).
set -euo pipefail

here="$(pwd)"
cd "$(dirname "$0")/.."
repo="$(pwd)"
loupe="$repo/.build/release/loupe"

max_ms="${CHECK_REPORT_MAX_MS:-2000}"
max_bytes="${CHECK_REPORT_MAX_BYTES:-5000000}"
window="1280,2000"
expect_charts=0
self_test=0
screenshot_dir=""
files=()

say() { echo "check-report: $*" >&2; }
usage() {
  echo "usage: tools/check-report.sh [--expect-charts N] [--screenshots DIR] [FILE.html ...]" >&2
  echo "       tools/check-report.sh --self-test" >&2
  exit 2
}

# --- Arguments ------------------------------------------------------------------------------

while [ $# -gt 0 ]; do
  case "$1" in
    --expect-charts) [ $# -ge 2 ] || usage; expect_charts="$2"; shift 2 ;;
    --expect-charts=*) expect_charts="${1#*=}"; shift ;;
    --screenshots) [ $# -ge 2 ] || usage; screenshot_dir="$2"; shift 2 ;;
    --screenshots=*) screenshot_dir="${1#*=}"; shift ;;
    --self-test) self_test=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --) shift; files+=("$@"); break ;;
    -*) say "unknown option $1"; usage ;;
    *) files+=("$1"); shift ;;
  esac
done
case "$expect_charts" in ''|*[!0-9]*) say "--expect-charts wants a whole number, not '$expect_charts'"; usage ;; esac

# Paths given on the command line are relative to where we were started, not to the repo.
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$here/$1" ;; esac; }
for i in "${!files[@]}"; do files[i]="$(absolute "${files[$i]}")"; done
if [ -n "$screenshot_dir" ]; then
  screenshot_dir="$(absolute "$screenshot_dir")"
  mkdir -p "$screenshot_dir"
fi

# --- Self-test ------------------------------------------------------------------------------

# The checker checks itself on the fixtures in Tests/Fixtures/report/, in one run with
# --expect-charts 2: charts.html (two charts) must pass; zero-size-chart.html must fail for
# its width="0" chart; external-image.html for its request to example.com and for having one
# chart only. This shows the measuring works with the Chromium at hand: one whose net log
# stopped recording the page's requests, say, would otherwise pass every report.
if [ "$self_test" = 1 ]; then
  fixtures="$repo/Tests/Fixtures/report"
  out="$(mktemp -d "${TMPDIR:-/tmp}/loupe-check-report-self-test.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
  status=0
  "$0" --expect-charts 2 --screenshots "$out" "$fixtures/charts.html" \
    "$fixtures/zero-size-chart.html" "$fixtures/external-image.html" >"$out/log" 2>&1 || status=$?
  problems=()
  [ "$status" = 1 ] || problems+=("exit status $status, not 1")
  expect() {  # EXPLANATION PATTERN: PATTERN (grep -E) must be in the output
    grep -Eq -- "$2" "$out/log" || problems+=("$1")
  }
  expect "charts.html did not pass" 'charts\.html +2,338 +2 +0 .* ok$'
  expect "the zero-size chart went unnoticed" 'zero-size-chart\.html: 1 of 2 <svg>.*zero width or height'
  expect "the zero-size chart was not named" '#empty-chart is 0x100'
  expect "the request to example.com went unnoticed" 'external-image\.html: the page requested https://example\.com/x\.png'
  expect "too few charts went unnoticed" 'external-image\.html: 1 <svg> element\(s\), expected at least 2'
  if [ ${#problems[@]} -gt 0 ]; then
    say "FAIL: self-test:"
    printf '    %s\n' "${problems[@]}" >&2
    say "its output:"
    sed 's/^/    /' "$out/log" >&2
    exit 1
  fi
  grep -E '^(Chromium:|check-report: Chromium)' "$out/log" | sed 's/^check-report: //; s/^/check-report: self-test: /'
  echo "check-report: self-test passed: the fixtures in Tests/Fixtures/report/ pass and fail as they must"
  exit 0
fi

# --- Chromium -------------------------------------------------------------------------------

if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  install="apt-get install -y --no-install-recommends chromium"
  if [ "$(id -u)" -ne 0 ]; then
    say "Debian's chromium is not installed; install it, then run this again:"
    echo "  sudo apt-get update && sudo $install" >&2
    exit 2
  fi
  say "installing Debian's chromium ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  $install >/dev/null
fi
chromium="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  say "FAIL: no chromium binary (set CHROMIUM=/path/to/chromium)"
  exit 2
fi
# Debian's /usr/bin/chromium is a shell launcher that adds flags from /etc/chromium.d (remote
# extensions, --load-extension) before starting /usr/lib/chromium/chromium; start the browser
# itself so that the flags below are the only ones.
if [ -z "${CHROMIUM:-}" ] && head -c 2 "$chromium" | grep -q '#!' && [ -x /usr/lib/chromium/chromium ]; then
  chromium=/usr/lib/chromium/chromium
fi
chromium_version="$("$chromium" --version 2>/dev/null | head -n 1 | sed "s/ *$//" || true)"

# Headless, and as quiet on the network as flags make it (Chromium still makes a few
# requests of its own, told apart from the page's below). --host-resolver-rules maps every
# host name to "not found" and --no-proxy-server ignores any proxy settings, so a request is
# attempted, and logged, but stops at name resolution: no connection is made for it.
# shellcheck disable=SC2054  # the commas separate --disable-features' list, not elements
chromium_flags=(
  --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check
  --hide-scrollbars --force-color-profile=srgb
  --disable-background-networking --disable-component-update --disable-sync
  --disable-default-apps --disable-extensions --disable-client-side-phishing-detection
  --disable-domain-reliability --disable-breakpad --metrics-recording-only --no-pings
  --disable-features=Translate,MediaRouter,OptimizationHints,SpellCheck,AutofillServerCommunication,NetworkTimeServiceQuerying,CertificateTransparencyComponentUpdater
  --no-proxy-server "--host-resolver-rules=MAP * ~NOTFOUND"
  --net-log-capture-mode=Default
)

# python3 reads the JSON (net log, probe result) and the PNG properly; without it, grep and
# sed do a coarser job (net_requests_fallback, and the else branches below).
# Debian's own python3 comes first: it starts in a twentieth of a second, where a version
# manager's shim can take a third, and it is started a few times a report.
python3=""
for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then python3="$candidate"; break; fi
done
if [ -n "$python3" ]; then have_python=1; else have_python=0; fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/loupe-check-report.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
chromium_ms_total=0
chromium_runs=0

# run_chromium NAME LOG_PREFIX ARGS...: one headless Chromium with its own fresh profile and
# net log ($LOG_PREFIX.netlog), stdout to $LOG_PREFIX.out, stderr to $LOG_PREFIX.err.
run_chromium() {
  local prefix="$1"; shift
  local profile start status=0
  profile="$(mktemp -d "$scratch/profile.XXXXXX")"
  start="$(now_ms)"
  timeout 120 "$chromium" "${chromium_flags[@]}" --user-data-dir="$profile" \
    --log-net-log="$prefix.netlog" --window-size="$window" "$@" \
    >"$prefix.out" 2>"$prefix.err" || status=$?
  last_chromium_ms=$(( $(now_ms) - start ))
  chromium_ms_total=$(( chromium_ms_total + last_chromium_ms ))
  chromium_runs=$(( chromium_runs + 1 ))
  rm -rf "$profile"
  return "$status"
}

# --- Reading the results --------------------------------------------------------------------

# net_requests NETLOG...: prints "WHO ERROR URL", one line per URL request the net logs
# record. WHO is "page" for the report's own requests (they carry the page's origin, "null"
# for a file:// page, or its file:// network partition) and "browser" for Chromium's; ERROR
# is how the request ended, Chromium's net error number (-105: the host name did not
# resolve, which is what --host-resolver-rules makes of every request; 0: it succeeded).
net_requests() {
  if [ "$have_python" = 1 ]; then
    "$python3" - "$@" <<'PY'
import json, sys
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8", errors="replace").read()
    try:
        log = json.loads(text)
    except ValueError:  # a log cut short (Chromium killed): close the event list ourselves
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = {}  # source id -> [who, url, net error]
    for event in log.get("events", []):
        params = event.get("params") or {}
        if event.get("type") != start_job:
            continue
        source = event["source"]["id"]
        if "url" in params:
            initiator = params.get("initiator", "")
            partition = params.get("network_isolation_key", "")
            page = initiator != "not an origin" or partition.startswith("file://")
            requests[source] = ["page" if page else "browser", params["url"], "?"]
        elif source in requests:  # the job's end: net_error, absent when it succeeded
            requests[source][2] = str(params.get("net_error", 0))
    for who, url, error in requests.values():
        print(who, error, url)
PY
  else
    net_requests_fallback "$@"
  fi
}
# Chromium writes one event a line; the URL_REQUEST_START_JOB events are the ones with an
# "initiator". Those of the page have an origin there ("null" for file://), Chromium's own
# have "not an origin". How each ended is not followed here ("?").
net_requests_fallback() {
  grep -h '"initiator":"' "$@" | while IFS= read -r line; do
    url="$(printf '%s\n' "$line" | sed -n 's/.*"url":"\([^"]*\)".*/\1/p')"
    [ -n "$url" ] || continue
    case "$line" in
      *'"initiator":"not an origin"'*) case "$line" in
        *'"network_isolation_key":"file://'*) echo "page ? $url" ;;
        *) echo "browser ? $url" ;; esac ;;
      *) echo "page ? $url" ;;
    esac
  done
}

# probe_result DOM: prints "svg zero_size load_ms" and then one line per zero-size <svg>,
# read from the <pre id="loupe-check"> the probe script added to the dumped DOM; nothing when
# the probe never ran (the load event did not come).
probe_result() {
  if [ "$have_python" = 1 ]; then
    "$python3" - "$1" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8", errors="replace").read()
found = re.search(r'<pre id="loupe-check"[^>]*>(.*?)</pre>', dom, re.S)
if found:
    result = json.loads(html.unescape(found.group(1)))
    print(result["svg"], result["zeroSize"], result["loadMs"])
    for svg in result["zero"]:
        name = "#%s" % svg["id"] if svg["id"] else "<svg> number %d" % (svg["index"] + 1)
        print("%s is %gx%g" % (name, svg["width"], svg["height"]))
PY
  else
    # The summary's first three fields are plain numbers: enough for sed.
    sed -n 's/.*<pre id="loupe-check"[^>]*>{"svg":\([0-9]*\),"zeroSize":\([0-9]*\),"loadMs":\([0-9]*\).*/\1 \2 \3/p' "$1"
  fi
}

# png_check PNG: prints "ok DETAIL" or "bad REASON". With python3 a PNG is non-trivial when
# its rows, still deflated-and-filtered, are not all alike: a blank page's are (one colour
# compresses row after row to the same bytes), any text or chart makes hundreds distinct.
png_check() {
  if [ ! -s "$1" ]; then echo "bad no screenshot was written"; return; fi
  if [ "$have_python" = 1 ]; then
    "$python3" - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    print("bad not a PNG file"); sys.exit()
pos, idat, width, height, channels = 8, b"", 0, 0, 4
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(colour, 4) * max(depth // 8, 1)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
rows = zlib.decompress(idat)
stride = 1 + width * channels
distinct = len({rows[i:i + stride] for i in range(0, len(rows), stride)})
if distinct < 8:
    print("bad the screenshot is blank (%dx%d, %d distinct rows)" % (width, height, distinct))
else:
    print("ok %dx%d, %d distinct rows of %d" % (width, height, distinct, height))
PY
  else
    if [ "$(head -c 8 "$1" | od -An -c | tr -d ' ')" != '211PNG\r\n032\n' ]; then
      echo "bad not a PNG file"
    elif [ "$(wc -c <"$1")" -lt 5000 ]; then
      echo "bad the screenshot is under 5,000 bytes: blank?"
    else
      echo "ok $(wc -c <"$1") bytes"
    fi
  fi
}

# The probe: on load, force style and layout, take the time, measure every <svg>, and leave
# the result as JSON in a hidden <pre id="loupe-check"> for --dump-dom.
probe_script='<script>
window.addEventListener("load", function () {
  var height = document.body.offsetHeight;  /* forces style and layout */
  var loadMs = performance.now();            /* ms since navigation started */
  var svgs = document.querySelectorAll("svg"), zero = [];
  for (var i = 0; i < svgs.length; i++) {
    var box = svgs[i].getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0))
      zero.push({index: i, id: svgs[i].id || "", width: box.width, height: box.height});
  }
  var pre = document.createElement("pre");
  pre.id = "loupe-check";
  pre.hidden = true;
  pre.textContent = JSON.stringify({svg: svgs.length, zeroSize: zero.length,
    loadMs: Math.round(loadMs), height: height, zero: zero.slice(0, 10)});
  document.body.appendChild(pre);
});
</script>'

# with_probe REPORT COPY: the report with the probe inserted before its last </body> (at the
# end when it has none).
with_probe() {
  if grep -qi '</body>' "$1"; then
    awk -v probe="$probe_script" '
      { lines[NR] = $0; if (tolower($0) ~ /<\/body>/) last = NR }
      END {
        for (n = 1; n <= NR; n++) {
          if (n == last) {
            at = 0; rest = lines[n]
            while ((k = index(tolower(rest), "</body>")) > 0) { at += k; rest = substr(rest, k + 1) }
            printf "%s%s\n%s\n", substr(lines[n], 1, at - 1), probe, substr(lines[n], at)
          } else print lines[n]
        }
      }' "$1" >"$2"
  else
    { cat "$1"; printf '%s\n' "$probe_script"; } >"$2"
  fi
}

# --- One report -----------------------------------------------------------------------------

failures=0
rows=()
browser_requests=0
browser_unresolved=0

fail() { say "FAIL: $current: $*"; failures=$(( failures + 1 )); report_failed=1; }
# Paths in messages and the table: relative to where we were started when below it.
shown() {
  case "$1" in
    "$scratch"/*) echo "(temporary)/${1#"$scratch"/}" ;;
    "$here"/*) echo "${1#"$here"/}" ;;
    *) echo "$1" ;;
  esac
}
thousands() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
net_error() {
  case "$1" in
    -105) echo "attempted; stopped at name resolution, as every request is here" ;;
    0) echo "it succeeded" ;;
    '?') echo "outcome not followed without python3" ;;
    *) echo "attempted; Chromium net error $1" ;;
  esac
}

check_report() {
  local file="$1" work png size url svg="-" zero="-" load="-" page=0 chromium_ms=0 i
  current="$(shown "$file")"
  report_failed=0
  if [ ! -f "$file" ]; then
    fail "no such file"
    rows+=("$current|-|-|-|-|-|-|-|FAIL")
    return
  fi
  work="$(mktemp -d "$scratch/report.XXXXXX")"
  url="file://$file"  # (Chromium is given the path itself, and makes the URL)
  if [ -n "$screenshot_dir" ]; then
    png="$screenshot_dir/$(basename "${file%.*}").png"
  else
    png="${file%.*}.png"
  fi
  size="$(wc -c <"$file")"

  # 1. The report as it is: a screenshot, and its network requests.
  rm -f "$png"
  run_chromium "$work/shot" --screenshot="$png" "$file" || {
    fail "chromium failed taking the screenshot (exit status $?); its last words:"
    tail -n 5 "$work/shot.err" | sed 's/^/    /' >&2
  }
  chromium_ms=$last_chromium_ms
  read -r verdict detail <<<"$(png_check "$png")"
  [ "$verdict" = ok ] || fail "screenshot $(shown "$png"): $detail"

  # 2. A copy with the probe: svg sizes and the render time, out of the dumped DOM.
  with_probe "$file" "$work/probe.html"
  run_chromium "$work/probe" --dump-dom "$work/probe.html" || {
    fail "chromium failed loading the probe copy (exit status $?); its last words:"
    tail -n 5 "$work/probe.err" | sed 's/^/    /' >&2
  }
  chromium_ms=$(( chromium_ms + last_chromium_ms ))
  local result=()
  mapfile -t result < <(probe_result "$work/probe.out")
  if [ ${#result[@]} -eq 0 ]; then
    fail "the probe got no result: the page never finished loading (no load event), or its own script replaced the document"
  else
    read -r svg zero load <<<"${result[0]}"
    if [ "$svg" -lt "$expect_charts" ]; then
      fail "$svg <svg> element(s), expected at least $expect_charts (--expect-charts $expect_charts)"
    fi
    if [ "$zero" -gt 0 ]; then
      fail "$zero of $svg <svg> element(s) drawn with zero width or height (hidden, or width/height 0):"
      for ((i = 1; i < ${#result[@]}; i++)); do echo "    ${result[$i]}" >&2; done
      [ "$have_python" = 1 ] || echo "    (which ones: run with python3 installed)" >&2
    fi
    if [ "$load" -ge "$max_ms" ]; then
      fail "took $load ms to load and lay out, the limit is $max_ms ms" \
        "(load average then: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown))"
    fi
  fi

  # 3. Network requests, from both loads' net logs.
  local requests=() who error req
  if [ ! -s "$work/shot.netlog" ] || [ ! -s "$work/probe.netlog" ] \
    || ! net_requests "$work/shot.netlog" "$work/probe.netlog" >"$work/requests" 2>"$work/requests.err"; then
    # Without a net log nothing is measured: that must not pass for "no request".
    fail "Chromium's net log is missing or unreadable, so its requests could not be counted"
    sed 's/^/    /' "$work/requests.err" 2>/dev/null | tail -n 3 >&2 || true
    page="?"
  fi
  mapfile -t requests < <(sort -u "$work/requests" 2>/dev/null)
  for req in ${requests[@]+"${requests[@]}"}; do
    read -r who error req <<<"$req"
    case "$who:$req" in
      page:"$url"|page:data:*|page:file://*) ;;  # never on the network stack, but harmless
      page:*) page=$(( ${page/\?/0} + 1 )); fail "the page requested $req ($(net_error "$error"))" ;;
      browser:*)
        browser_requests=$(( browser_requests + 1 ))
        case "$error" in -105|'?') ;; *) browser_unresolved=$(( browser_unresolved + 1 )) ;; esac ;;
    esac
  done

  if [ "$size" -ge "$max_bytes" ]; then
    fail "$(thousands "$size") bytes, the limit is $(thousands "$max_bytes")"
  fi

  local status=ok
  [ "$report_failed" = 0 ] || status=FAIL
  rows+=("$current|$(thousands "$size")|$svg|$zero|$load|$page|$(shown "$png")|$(awk -v ms="$chromium_ms" 'BEGIN { printf "%.1f s", ms / 1000 }')|$status")
  rm -rf "$work"
}

# --- The reports ----------------------------------------------------------------------------

say "$chromium_version ($chromium)"
started="$(now_ms)"

if [ ${#files[@]} -eq 0 ]; then
  if [ ! -x "$loupe" ]; then
    say "no $loupe; build it first: make build (make check-report does)"
    exit 2
  fi
  mkdir -p "$repo/demo"
  say "loupe run scripts/who-is-quoted.lua examples/articles/ examples/news/ --report demo/report.html -o demo/quotes.csv"
  "$loupe" run scripts/who-is-quoted.lua examples/articles/ examples/news/ --report demo/report.html -o demo/quotes.csv >/dev/null
  files+=("$repo/demo/report.html")

  bbc="$repo/../shared/corpus/bbc"
  if [ -d "$bbc" ]; then
    mkdir -p "$scratch/bbc"
    # The articles only (*.txt): the folder also holds SOURCE.md, which says where they are from.
    say "loupe run scripts/who-is-quoted.lua '../shared/corpus/bbc/*.txt' --report (temporary)/bbc/bbc-report.html"
    loupe_start="$(now_ms)"
    "$loupe" run scripts/who-is-quoted.lua "$bbc/*.txt" --report "$scratch/bbc/bbc-report.html" \
      -o "$scratch/bbc/quotes.csv" >/dev/null
    say "  (loupe took $(( $(now_ms) - loupe_start )) ms)"
    files+=("$scratch/bbc/bbc-report.html")
    # Its screenshot goes with the demo's, so that it outlives the temporary folder.
    [ -n "$screenshot_dir" ] || bbc_png_dir="$repo/demo"
  else
    say "../shared/corpus/bbc is absent: skipping the 2,225-article check"
  fi
fi

for file in "${files[@]}"; do
  if [ -n "${bbc_png_dir:-}" ] && [ "$file" = "$scratch/bbc/bbc-report.html" ]; then
    saved="$screenshot_dir"; screenshot_dir="$bbc_png_dir"
    check_report "$file"
    screenshot_dir="$saved"
  else
    check_report "$file"
  fi
done

# --- The table ------------------------------------------------------------------------------

echo
# Column widths from the longest cell of the report and screenshot columns.
wide_report=6; wide_png=10
for row in "${rows[@]}"; do
  IFS='|' read -r report _ _ _ _ _ png _ _ <<<"$row"
  [ "${#report}" -le "$wide_report" ] || wide_report=${#report}
  [ "${#png}" -le "$wide_png" ] || wide_png=${#png}
done
# shellcheck disable=SC2059  # the format is built here, with the widths
line="%-${wide_report}s  %11s  %4s  %9s  %9s  %8s  %-${wide_png}s  %8s  %s\n"
# shellcheck disable=SC2059
printf "$line" report bytes svg zero-size "render ms" requests screenshot chromium result
for row in "${rows[@]}"; do
  IFS='|' read -r report bytes svg zero load page png took status <<<"$row"
  # shellcheck disable=SC2059
  printf "$line" "$report" "$bytes" "$svg" "$zero" "$load" "$page" "$png" "$took" "$status"
done
echo
total_ms=$(( $(now_ms) - started ))
awk -v ms="$chromium_ms_total" -v runs="$chromium_runs" -v total="$total_ms" 'BEGIN {
  printf "Chromium: %d runs, %.1f s in all (%.1f s a run); the whole check took %.1f s\n",
    runs, ms / 1000, runs ? ms / 1000 / runs : 0, total / 1000 }'
if [ "$browser_requests" -gt 0 ]; then
  if [ "$have_python" = 0 ]; then
    echo "(Chromium's own background requests, not counted: $browser_requests)"
  elif [ "$browser_unresolved" -eq 0 ]; then
    echo "(Chromium's own background requests, not counted: $browser_requests, all stopped at name resolution)"
  else
    echo "(Chromium's own background requests, not counted: $browser_requests, $browser_unresolved of them not stopped at name resolution)"
  fi
fi
if [ "$failures" -gt 0 ]; then
  say "FAIL: $failures problem(s) in ${#files[@]} report(s), listed above"
  exit 1
fi
echo "check-report: all ${#files[@]} report(s) passed (at least $expect_charts chart(s) each, no zero-size <svg>, no network request, under $max_ms ms, under $(thousands "$max_bytes") bytes)"
