#!/usr/bin/env bash
# Runs one golden case: the binary with the arguments in CASE/args (one per line; the word @CASE@ is replaced
# by the case directory, @OUT@ by an empty output directory), from inside the case directory, and compares
# stdout, stderr and the exit code with CASE/expected.stdout, CASE/expected.stderr (empty if absent) and
# CASE/expected.exit (0 if absent), and each file written into @OUT@ with CASE/expected.out.<name>; the output
# directory is shown as @OUT@ in stdout and stderr.
# Trailing whitespace and CR are normalised away. UPDATE_GOLDEN=1 rewrites the expected files instead.
set -u
# A model's lifecycle (Legacy, extended access, end of life) is judged on this date, not on the clock.
export BEDROCK_COST_TODAY=2026-12-07
bin=$(realpath "$1")
case_dir=$2
actual=$(mktemp -d)
trap 'rm -rf "$actual"' EXIT
mkdir "$actual/out"
source "$(dirname "$0")/../hermetic_env.sh"
hermetic_env "$actual" # HOME and XDG_CACHE_HOME: empty folders, whatever the developer's cache holds

args=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line//@CASE@/$case_dir}
  args+=("${line//@OUT@/$actual/out}")
done < "$case_dir/args"

stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin="$case_dir/stdin"
(cd "$case_dir" && NO_COLOR=1 "$bin" "${args[@]}" < "$stdin" > "$actual/raw.stdout" 2> "$actual/raw.stderr")
echo $? > "$actual/exit"
# The output directory is named @OUT@ in stdout and stderr, as in args.
for stream in stdout stderr; do
  sed "s|$actual/out|@OUT@|g" "$actual/raw.$stream" > "$actual/$stream"
done

normalise() { sed -e 's/[[:space:]]*$//' -e 's/\r$//' "$1"; }

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  if [ -s "$actual/stdout" ]; then cp "$actual/stdout" "$case_dir/expected.stdout"; else rm -f "$case_dir/expected.stdout"; fi
  if [ -s "$actual/stderr" ]; then cp "$actual/stderr" "$case_dir/expected.stderr"; else rm -f "$case_dir/expected.stderr"; fi
  if [ "$(cat "$actual/exit")" != 0 ]; then cp "$actual/exit" "$case_dir/expected.exit"; else rm -f "$case_dir/expected.exit"; fi
  rm -f "$case_dir"/expected.out.*
  for file in "$actual"/out/*; do
    [ -f "$file" ] && cp "$file" "$case_dir/expected.out.$(basename "$file")"
  done
  echo "updated $case_dir"
  exit 0
fi

status=0
compare() { # name expected-file actual-file
  if ! diff -u <(normalise "$2") <(normalise "$3") > "$actual/diff"; then
    echo "golden mismatch in $1 of $(basename "$case_dir"):"
    cat "$actual/diff"
    status=1
  fi
}
expected_stdout=$case_dir/expected.stdout
[ -f "$expected_stdout" ] || expected_stdout=/dev/null
compare stdout "$expected_stdout" "$actual/stdout"
expected_stderr=$case_dir/expected.stderr
[ -f "$expected_stderr" ] || expected_stderr=/dev/null
compare stderr "$expected_stderr" "$actual/stderr"
for expected in "$case_dir"/expected.out.*; do
  [ -f "$expected" ] || continue
  name=${expected##*/expected.out.}
  if [ -f "$actual/out/$name" ]; then compare "$name" "$expected" "$actual/out/$name"; else
    echo "$(basename "$case_dir"): no output file $name"
    status=1
  fi
done
for file in "$actual"/out/*; do
  [ -f "$file" ] && [ ! -f "$case_dir/expected.out.$(basename "$file")" ] && {
    echo "$(basename "$case_dir"): unexpected output file $(basename "$file")"
    status=1
  }
done
expected_exit=0
[ -f "$case_dir/expected.exit" ] && expected_exit=$(cat "$case_dir/expected.exit")
if [ "$(cat "$actual/exit")" != "$expected_exit" ]; then
  echo "exit code $(cat "$actual/exit"), expected $expected_exit"
  status=1
fi
exit $status
