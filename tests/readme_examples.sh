#!/usr/bin/env bash
# Keeps the README true: runs every "$ bedrock-cost ..." command in its ```console blocks from (a mirror of) the
# repository root and compares the output with the lines that follow it (up to the next "$ " line or the end of the
# block). A block whose shown output ends in "..." is compared up to that line. Usage: readme_examples.sh BIN
set -u
# A model's lifecycle (Legacy, extended access, end of life) is judged on this date, not on the clock.
export BEDROCK_COST_TODAY=2026-12-07
bin=$(realpath "$1")
source "$(dirname "$0")/hermetic_env.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hermetic_env "$work"

# Split the console blocks into numbered command and expected-output files.
awk -v dir="$work" '
  /^```console$/ { inside = 1; next }
  /^```$/ { inside = 0; next }
  inside && /^\$ / { n++; print substr($0, 3) > (dir "/" n ".cmd"); printf "" > (dir "/" n ".expected"); next }
  inside && n { print > (dir "/" n ".expected") }
' README.md

# Each command runs in a scratch folder that links every top-level entry of the repository, so that relative paths
# work and a file an example writes (-o q.json) lands in the scratch folder, never in the checkout.
scratch="$work/root"
mkdir "$scratch"
for entry in "$root"/* "$root"/.[!.]*; do
  [ -e "$entry" ] && ln -s "$entry" "$scratch/"
done
cd "$scratch" || exit 1

status=0
checked=0
for cmd_file in "$work"/*.cmd; do
  cmd=$(cat "$cmd_file")
  case "$cmd" in bedrock-cost*) ;; *) continue ;; esac
  expected=${cmd_file%.cmd}.expected
  actual=${cmd_file%.cmd}.actual
  NO_COLOR=1 bash -c "${cmd/bedrock-cost/\"$bin\"}" > "$actual" 2>&1
  if [ "$(tail -n 1 "$expected")" = "..." ]; then
    head -n -1 "$expected" > "$expected.cut" && mv "$expected.cut" "$expected"
    head -n "$(wc -l < "$expected")" "$actual" > "$actual.cut" && mv "$actual.cut" "$actual"
  fi
  if ! diff -u <(sed 's/[[:space:]]*$//' "$expected") <(sed 's/[[:space:]]*$//' "$actual"); then
    echo "README example differs: $cmd"
    status=1
  fi
  checked=$((checked + 1))
done
echo "checked $checked README examples"
[ "$checked" -gt 0 ] || status=1
exit $status
