#!/usr/bin/env bash
# Import benchmark: `bedrock-cost profile` on a generated model-invocation log of SIZE_MB (default 320), read
# from the page cache, against `cat FILE > /dev/null` as the physical limit. Prints MB/s and peak RSS.
#   bench/profile_bench.sh [BUILD_DIR] [SIZE_MB]
set -euo pipefail
build=${1:-build}
size=${2:-320}
file=${TMPDIR:-/tmp}/bedrock-cost-bench-${size}MB.jsonl
[ -s "$file" ] || "$build/bench/bedrock_cost_gen_log" "$size" > "$file"
bytes=$(stat -c %s "$file")
cat "$file" > /dev/null # warm the page cache
best() { # command... -> the best wall time of 5 runs, in seconds
  local best=
  for _ in 1 2 3 4 5; do
    local t
    /usr/bin/time -f %e -o "$file.time" "$@" > /dev/null 2> /dev/null
    t=$(tail -n 1 "$file.time")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}
rss() { /usr/bin/time -f %M -o "$file.time" "$@" > /dev/null 2> /dev/null && tail -n 1 "$file.time"; }
mb=$(awk "BEGIN{print $bytes/1048576}")
t_cat=$(best cat "$file")
t_profile=$(best "$build/src/bedrock-cost" profile "$file")
t_estimate=$(best "$build/src/bedrock-cost" estimate --usage "$file")
printf '%-40s %8s s %10s MB/s\n' "cat (page cache)" "$t_cat" "$(awk "BEGIN{printf \"%.0f\", $mb/$t_cat}")"
printf '%-40s %8s s %10s MB/s  peak RSS %s KB\n' "bedrock-cost profile" "$t_profile" \
  "$(awk "BEGIN{printf \"%.0f\", $mb/$t_profile}")" "$(rss "$build/src/bedrock-cost" profile "$file")"
printf '%-40s %8s s %10s MB/s  peak RSS %s KB\n' "bedrock-cost estimate --usage" "$t_estimate" \
  "$(awk "BEGIN{printf \"%.0f\", $mb/$t_estimate}")" "$(rss "$build/src/bedrock-cost" estimate --usage "$file")"
echo "file: $file ($mb MB)"
