#!/usr/bin/env bash
# Set up, build with warnings as errors, and run the whole test suite (unit, CLI and golden tests) with CTest.
# Besides the build packages (scripts/setup.sh) the suite needs Catch2 (unit tests), Google Benchmark
# (bench.smoke), python3 (catalog.generated), and xmllint and chromium (cli.html_report).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh catch2 libbenchmark-dev python3 libxml2-utils chromium
scripts/setup.sh -DBEDROCK_COST_BUILD_TESTS=ON -DBEDROCK_COST_WARNINGS_AS_ERRORS=ON "$@"
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
