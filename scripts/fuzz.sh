#!/usr/bin/env bash
# Fuzz every libFuzzer target of fuzz/ for a while, a few at a time, and print what each run did.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGETS_AT_ONCE] [TARGET...]     (defaults: 600, 2, every target)
#   scripts/fuzz.sh --report [TARGET...]      the table of the last runs again, without fuzzing
#
# Builds build-fuzz/ with clang 14 (BEDROCK_COST_FUZZ) if it is not there. Each run starts from the seed corpus and
# the regression inputs and keeps what it finds in build-fuzz/runs/<target>/: corpus/ (new inputs), log.txt, and
# crash-*, leak-*, timeout-*, oom-* files for a finding. Exits 1 if any run found something.
set -euo pipefail
cd "$(dirname "$0")/.."

report_only=false
if [[ ${1:-} == --report ]]; then
  report_only=true
  shift
  seconds=0
  jobs=1
else
  seconds=${1:-600}
  jobs=${2:-2}
  shift $(($# > 2 ? 2 : $#))
fi

if [[ $report_only == false && ! -x build-fuzz/fuzz/fuzz_catalog ]]; then
  command -v clang++-14 >/dev/null || { echo "fuzz.sh: needs clang-14 (apt-get install clang-14)" >&2; exit 1; }
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBEDROCK_COST_FUZZ=ON \
    -DBEDROCK_COST_BUILD_TESTS=OFF -DBEDROCK_COST_BUILD_BENCHMARKS=OFF -DBEDROCK_COST_WARNINGS_AS_ERRORS=OFF
fi
$report_only || cmake --build build-fuzz -j"$jobs"

if (($# > 0)); then
  targets=("$@")
else
  # The names listed in fuzz/CMakeLists.txt: set(BEDROCK_COST_FUZZ_TARGETS name name ...)
  mapfile -t targets < <(sed -n '/^set(BEDROCK_COST_FUZZ_TARGETS/,/)/p' fuzz/CMakeLists.txt |
    sed -e 's/^set(BEDROCK_COST_FUZZ_TARGETS//' -e 's/)//' | tr ' ' '\n' | grep -v '^$')
fi

run_one() {
  local target=$1 out=build-fuzz/runs/$1
  rm -rf "$out" && mkdir -p "$out/corpus"
  build-fuzz/fuzz/fuzz_"$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/" "$out/corpus" "fuzz/corpus/$target" "fuzz/regressions/$target" >"$out/log.txt" 2>&1 || true
}

running=0
$report_only && targets_to_run=() || targets_to_run=("${targets[@]}")
for target in "${targets_to_run[@]}"; do
  echo "fuzzing $target for ${seconds} s"
  run_one "$target" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n
    running=$((running - 1))
  fi
done
wait

found=0
printf '\n%-26s %14s %10s %8s %6s  %s\n' target executions exec/s corpus cover findings
for target in "${targets[@]}"; do
  out=build-fuzz/runs/$target
  log=$out/log.txt
  if [[ ! -f $log ]]; then
    printf '%-26s %s\n' "$target" "(not run)"
    continue
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cover=$(grep -ao 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  corpus=$(find "$out/corpus" -type f | wc -l)
  findings=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
  if ! grep -aq '^stat::number_of_executed_units' "$log"; then
    findings="$findings (the run stopped early: see $log)"
    found=1
  elif ((findings > 0)); then
    found=1
  fi
  printf '%-26s %14s %10s %8s %6s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "$corpus" "${cover:-?}" "$findings"
done
exit "$found"
