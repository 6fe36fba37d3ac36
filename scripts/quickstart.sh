#!/usr/bin/env bash
# Quick start: set up, build, and estimate a real workload on the embedded catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh -DBEDROCK_COST_BUILD_TESTS=OFF -DBEDROCK_COST_BUILD_BENCHMARKS=OFF
set -x
build/src/bedrock-cost estimate --model anthropic.claude-3-haiku-20240307-v1:0 --tpm 50000
build/src/bedrock-cost estimate --workload data/examples/workload.json --prices data/examples/quote.json
