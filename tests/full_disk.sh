#!/usr/bin/env bash
# Output that cannot be written whole fails the run: every command that prints to stdout (the report, --help,
# --version, completion scripts, catalog validate) and every --output written through a device, sent to /dev/full,
# exits 1 with "stdout: cannot write: No space left on device" (or the --output path). Usage: full_disk.sh BIN EXAMPLES
set -u
bin=$1
examples=$2
status=0
model=amazon.nova-lite-v1:0
check() { # expected-message command...
  local expected=$1
  shift
  "$bin" "$@" > /dev/full 2> "$stderr"
  local code=$?
  if [ "$code" != 1 ] || [ "$(cat "$stderr")" != "bedrock-cost: error: $expected" ]; then
    echo "FAIL: bedrock-cost $* > /dev/full: exit $code, stderr: $(cat "$stderr")"
    status=1
  fi
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/hermetic_env.sh"
hermetic_env "$work"
stderr=$work/stderr
full="stdout: cannot write: No space left on device"
check "$full" --help
check "$full" --version
check "$full" estimate --help
check "$full" completion bash
check "$full" completion zsh
check "$full" completion man
check "$full" models
check "$full" estimate -m "$model" --tpm 1000
check "$full" catalog validate "$examples/quote.json"
check "/dev/full: cannot write: No space left on device" estimate -m "$model" --tpm 1000 -o /dev/full
check "/dev/stdout: cannot write: No space left on device" estimate -m "$model" --tpm 1000 -o /dev/stdout
exit $status
