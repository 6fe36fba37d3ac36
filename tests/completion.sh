#!/usr/bin/env bash
# Checks the generated shell completions and man page: the bash script parses and completes commands, options
# and option values; the zsh script names every command; the man page renders. Usage: completion.sh BIN
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/hermetic_env.sh"
hermetic_env "$work"
status=0
fail() { echo "FAIL: $*"; status=1; }

"$bin" completion bash > "$work/bash" || fail "completion bash"
bash -n "$work/bash" || fail "the bash script does not parse"
complete_words() { # words... -> the completions of the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _bedrock_cost; echo "${COMPREPLY[*]}"' \
    _ "$work/bash" "$@"
}
[ "$(complete_words bedrock-cost pro)" = "profile" ] || fail "command: $(complete_words bedrock-cost pro)"
[ "$(complete_words bedrock-cost estimate --fail-if-o)" = "--fail-if-over" ] || fail "option"
[ "$(complete_words bedrock-cost estimate --format "")" = "table json csv markdown" ] || fail "format values"
[ "$(complete_words bedrock-cost catalog import --kind "")" = "overlay catalog" ] || fail "catalog import --kind"
[ "$(complete_words bedrock-cost catalog "")" = "validate import update --help -h" ] || fail "catalog: $(complete_words bedrock-cost catalog "")"
# Hidden options (for the tests, as catalog update's --stall-timeout) are not offered.
[ "$(complete_words bedrock-cost catalog update --)" = "--help --endpoint --map --region" ] ||
  fail "catalog update: $(complete_words bedrock-cost catalog update --)"
[ "$(complete_words bedrock-cost cloud)" = "cloudwatch-query" ] || fail "cloudwatch-query: $(complete_words bedrock-cost cloud)"
[ "$(complete_words bedrock-cost cloudwatch-query --all)" = "--all-models" ] || fail "cloudwatch-query --all-models"
[ "$(complete_words bedrock-cost cloudwatch-query --period "")" = "60 300 3600" ] || fail "cloudwatch-query --period"
"$bin" cloudwatch-query --help > "$work/cwquery-help" || fail "cloudwatch-query --help"
grep -q -- "--all-models" "$work/cwquery-help" || fail "cloudwatch-query --help: no --all-models"

"$bin" completion zsh > "$work/zsh" || fail "completion zsh"
head -n 1 "$work/zsh" | grep -q '^#compdef bedrock-cost$' || fail "zsh: no #compdef line"
for command in estimate profile cloudwatch-query models catalog; do
  grep -q "'$command:" "$work/zsh" || fail "zsh: no $command"
done

"$bin" completion man > "$work/bedrock-cost.1" || fail "completion man"
if command -v man > /dev/null; then
  MANWIDTH=100 man -l "$work/bedrock-cost.1" > "$work/man.txt" 2> "$work/man.err" || fail "man -l failed"
  [ -s "$work/man.err" ] && { cat "$work/man.err"; fail "man printed warnings"; }
  grep -q "EXIT STATUS" "$work/man.txt" || fail "man: no EXIT STATUS"
  grep -q -- "--fail-if-over" "$work/man.txt" || fail "man: estimate options missing"
  grep -q -- "--all-models" "$work/man.txt" || fail "man: cloudwatch-query options missing"
fi
exit $status
