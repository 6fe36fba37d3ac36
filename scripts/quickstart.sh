#!/usr/bin/env bash
# Quick start: install only what builds bedrock-cost (scripts/setup.sh: no test tools, no browser), build it
# without the tests and benchmarks, and estimate a real workload and the example portfolio on the embedded catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh -DBEDROCK_COST_BUILD_TESTS=OFF -DBEDROCK_COST_BUILD_BENCHMARKS=OFF
bin=${BUILD_DIR:-build}/src/bedrock-cost
set -x
"$bin" estimate --model anthropic.claude-haiku-4-5-20251001-v1:0 --tpm 50000
"$bin" estimate --workload data/examples/workload.json --prices data/examples/quote.json
