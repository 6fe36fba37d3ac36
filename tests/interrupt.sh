#!/usr/bin/env bash
# An interrupted or killed run never leaves a partial --output file or a temporary file: the report written by an
# earlier run stays whole. The run is held mid-input on a FIFO (no sleeps: opening the FIFO for writing returns
# only once bedrock-cost has opened it), then sent SIGINT, SIGTERM or SIGKILL. Usage: interrupt.sh BIN FIXTURES
set -u
set -m # job control: a non-interactive shell starts background jobs with SIGINT ignored
bin=$1
fixtures=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/hermetic_env.sh"
hermetic_env "$work"
status=0
fail() { echo "FAIL: $*"; status=1; }

"$bin" estimate --usage "$fixtures/logs.jsonl" --format json --output "$work/report.json" ||
  fail "the first run"
cp "$work/report.json" "$work/before.json"

for signal in INT TERM KILL; do
  mkfifo "$work/usage.fifo"
  "$bin" estimate --usage "$work/usage.fifo" --format json --output "$work/report.json" 2> "$work/stderr" &
  pid=$!
  exec 3> "$work/usage.fifo" # returns once bedrock-cost has opened the FIFO
  head -n 2 "$fixtures/logs.jsonl" >&3
  kill -s "$signal" "$pid"
  wait "$pid"
  code=$?
  exec 3>&-
  rm -f "$work/usage.fifo"
  [ "$code" -gt 128 ] || fail "SIG$signal: exit code $code, expected death by the signal"
  cmp -s "$work/report.json" "$work/before.json" || fail "SIG$signal: the earlier report changed"
  leftovers=$(find "$work" -name '.report.json.*' | wc -l)
  [ "$leftovers" -eq 0 ] || fail "SIG$signal: $leftovers temporary file(s) left behind"
done

# Waiting for a reader of an --output FIFO while the --chart file is staged (signals held back): SIGINT still ends
# the run, and the chart's temporary file goes with it.
mkfifo "$work/report.fifo"
"$bin" estimate --usage "$fixtures/logs.jsonl" --format json --output "$work/report.fifo" --chart "$work/chart.svg" \
  2> "$work/stderr" &
pid=$!
for _ in $(seq 600); do # until the chart is staged (at most a minute; normally at once)
  [ -n "$(find "$work" -name '.chart.svg.*')" ] && break
  sleep 0.1
done
[ -n "$(find "$work" -name '.chart.svg.*')" ] || fail "FIFO: the chart was never staged"
kill -s INT "$pid"
wait "$pid"
code=$?
[ "$code" -gt 128 ] || fail "FIFO: exit code $code, expected death by SIGINT"
leftovers=$(find "$work" -name '.chart.svg.*' | wc -l)
[ "$leftovers" -eq 0 ] || fail "FIFO: $leftovers temporary chart file(s) left behind"
[ ! -e "$work/chart.svg" ] || fail "FIFO: the chart was written without the report"
rm -f "$work/report.fifo"

# A failing run (bad input) leaves the earlier report as it was, too.
printf '{"schemaType": "ModelInvocationLog", broken\n' > "$work/bad.jsonl"
"$bin" estimate --usage "$work/bad.jsonl" --format json --output "$work/report.json" 2> /dev/null
[ $? -eq 1 ] || fail "bad input: exit code"
cmp -s "$work/report.json" "$work/before.json" || fail "bad input: the earlier report changed"
exit $status
