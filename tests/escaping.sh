#!/usr/bin/env bash
# Text from the input with control characters (ESC [2J, OSC, BEL, a C1 CSI, a line break) in every output: no
# output, stdout or stderr, holds a raw control character other than a line feed (and CSV's carriage return).
# (tests/html_report.sh checks that the SVG of such names is well-formed XML.) Usage: escaping.sh BIN
set -u
bin=$1
cases=$(cd "$(dirname "$0")/golden/cases" && pwd)
workload=$cases/escape_workload_table/workload.json
usage=$cases/escape_usage_profile_table/usage.csv
catalog=$cases/escape_models_table/catalog.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/hermetic_env.sh"
hermetic_env "$work"
status=0
fail() { echo "FAIL: $*"; status=1; }

# run NAME ARGS...: stdout and stderr of one run, checked for raw control characters.
run() {
  local name=$1
  shift
  "$bin" "$@" > "$work/$name.out" 2> "$work/$name.err"
  for file in "$work/$name.out" "$work/$name.err"; do
    if LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]\|\xc2[\x80-\x9f]' "$file" ||
      { [[ $name != *csv && $name != *focus ]] && LC_ALL=C grep -q $'\r' "$file"; }; then
      fail "$name: raw control character in $(basename "$file")"
    fi
  done
}
for format in table json csv markdown focus html; do
  run "estimate-$format" estimate --workload "$workload" --format "$format"
done
run estimate-fields-table estimate --workload "$workload" --fields workload,monthly_usd
"$bin" estimate --workload "$workload" --format json > "$work/base.json"
for format in table json csv markdown; do
  run "profile-$format" profile "$usage" --format "$format"
  run "usage-$format" estimate --usage "$usage" --format "$format"
  run "models-$format" models --catalog "$catalog" --format "$format"
  run "diff-$format" diff "$work/base.json" "$work/base.json" --format "$format"
done
run error-model estimate --model $'acme\x1b[2J\xc2\x9b\xff' --tpm 1
run error-format estimate --model amazon.nova-lite-v1:0 --tpm 1 --format $'\x1b]0;x\x07'
run error-usage profile "$work/no such file"$'\x1b[2J'
# cloudwatch-query: the model in the query file (stdout) and in the commands (stderr), and a file name in the table.
run cwquery-stdout cloudwatch-query --model $'acme\x1b[2J\xc2\x9b\xff' --since 2024-05-14 --until 2024-05-15
run cwquery-file cloudwatch-query --model $'acme\x1b[2J' --since 2024-05-14 --until 2024-05-15 -o "$work/q"$'\x1b[2J'.json
exit $status
