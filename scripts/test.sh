#!/usr/bin/env bash
# Set up, build with warnings as errors, and run the whole test suite (unit, CLI and golden tests) with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh -DBEDROCK_COST_BUILD_TESTS=ON -DBEDROCK_COST_WARNINGS_AS_ERRORS=ON "$@"
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
