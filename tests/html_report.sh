#!/usr/bin/env bash
# The HTML report of the example portfolio and its --chart SVG, and those of workload names with control
# characters: every SVG parses as XML (xmllint), and the example page renders in headless Chromium to a PNG
# screenshot with no console message, every chart drawn. A control page that logs to the console must be caught,
# so the check can fail. Needs xmllint (libxml2-utils) and chromium,
# which scripts/test.sh installs. Usage: html_report.sh BIN [SCREENSHOT.png to keep]
set -u
bin=$1
keep=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/hermetic_env.sh"
hermetic_env "$work"
status=0
fail() { echo "FAIL: $*"; status=1; }
for tool in xmllint chromium; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool is not installed (scripts/test.sh installs it)"; exit 1; }
done

# check_svgs NAME WORKLOAD CHARTS [ARGS...]: estimate --format html of WORKLOAD into $work/NAME.html with
# --chart $work/NAME.svg; the page holds CHARTS charts, and each of them and the --chart file parse as XML.
check_svgs() {
  local name=$1 workload=$2 expected=$3
  shift 3
  "$bin" estimate --workload "$workload" "$@" --format html --output "$work/$name.html" --chart "$work/$name.svg" ||
    fail "estimate --format html of $name"
  # Each chart is one <svg ...> ... </svg> block of lines in the page.
  awk -v out_prefix="$work/$name-chart" '/^<svg /{n++; out=out_prefix n ".svg"} out{print > out} /^<\/svg>$/{out=""}' \
    "$work/$name.html"
  local charts
  charts=$(find "$work" -name "$name-chart[0-9]*.svg" | wc -l)
  [ "$charts" -eq "$expected" ] || fail "expected $expected charts in the $name page, found $charts"
  for svg in "$work/$name"-chart[0-9]*.svg "$work/$name.svg"; do
    xmllint --noout "$svg" || fail "$(basename "$svg") is not well-formed XML"
  done
}
check_svgs report "$root/data/examples/workload.json" 10 --prices "$root/data/examples/quote.json" # portfolio + 4 + 2 + 2 + 1
# Workload names with control characters (ESC [2J, OSC, BEL, C1 CSI, a line break): XML 1.0 forbids them even as
# &#27;, so they must reach the SVG as visible escapes (docs/output-formats.md). Portfolio + 1 per workload.
check_svgs escaping "$root/tests/golden/cases/escape_workload_table/workload.json" 4

browse() { # page args... -> stderr of chromium in $work/browser.log
  timeout 120 chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 "${@:2}" "file://$1" 2> "$work/browser.log"
}
console_messages() { grep -c 'CONSOLE' "$work/browser.log"; }

browse "$work/report.html" --window-size=1200,5200 --screenshot="$work/report.png" > /dev/null ||
  fail "chromium could not render the page"
[ "$(console_messages)" -eq 0 ] || { grep CONSOLE "$work/browser.log"; fail "console messages"; }
[ "$(head -c 8 "$work/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "no PNG screenshot"
[ "$(stat -c %s "$work/report.png")" -gt 100000 ] || fail "the screenshot is nearly empty"
drawn=$(browse "$work/report.html" --dump-dom | grep -c '<svg ')
[ "$drawn" -eq 10 ] || fail "the browser's document holds $drawn charts, expected 10"
[ -n "$keep" ] && cp "$work/report.png" "$keep"

# Control: a page that logs to the console is caught.
printf '<!DOCTYPE html><html><body><script>console.error("control")</script></body></html>\n' > "$work/control.html"
browse "$work/control.html" --screenshot="$work/control.png" > /dev/null
[ "$(console_messages)" -gt 0 ] || fail "the console check missed the control page's message"
exit $status
