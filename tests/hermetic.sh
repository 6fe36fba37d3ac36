#!/usr/bin/env bash
# No test sees the developer's own cache (the prices `catalog update` downloaded into ~/.cache/bedrock-cost): with
# HOME and XDG_CACHE_HOME at a cache whose downloaded overlay is broken, so that any run using it fails,
#  - the binary does fail there (so the check below is real),
#  - the golden runner still passes goldens of models and estimate (run_case.sh sets both variables itself),
#  - the unit tests' [hermetic] case passes (the test binary points both at an empty folder before main),
#  - and every test script that runs the binary calls hermetic_env (tests/hermetic_env.sh), and every Python test
#    that runs it sets XDG_CACHE_HOME.
# Usage: hermetic.sh BIN UNIT_TEST_BIN
set -u
bin=$1
unit=$2
tests=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

mkdir -p "$work/cache/bedrock-cost"
echo '{ "broken": ' > "$work/cache/bedrock-cost/prices-overlay.json"
export HOME=$work XDG_CACHE_HOME=$work/cache

"$bin" models > /dev/null 2> "$work/stderr" && fail "the broken cache was not used: the check proves nothing"
grep -q "prices-overlay.json:2:1: invalid JSON" "$work/stderr" || fail "unexpected message: $(cat "$work/stderr")"

for case in models_table models_json estimate_table estimate_json; do
  bash "$tests/golden/run_case.sh" "$bin" "$tests/golden/cases/$case" > "$work/golden" ||
    fail "golden $case with a broken cache: $(cat "$work/golden")"
done
"$unit" "[hermetic]" > "$work/unit" || fail "unit tests [hermetic]: $(cat "$work/unit")"

for script in "$tests"/*.sh "$tests"/golden/*.sh; do
  case $(basename "$script") in hermetic.sh | hermetic_env.sh) continue ;; esac
  if grep -q '\$bin' "$script" && ! grep -q '^hermetic_env ' "$script"; then
    fail "$(basename "$script") runs the binary without hermetic_env"
  fi
done
for script in "$tests"/*.py; do
  if grep -q 'BIN' "$script" && ! grep -q '"XDG_CACHE_HOME"' "$script"; then
    fail "$(basename "$script") runs the binary without setting XDG_CACHE_HOME"
  fi
done
exit $status
