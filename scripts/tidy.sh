#!/usr/bin/env bash
# clang-tidy 14 with the checked-in .clang-tidy on every source file of src/ and, through its HeaderFilterRegex, the
# headers of include/bedrock_cost/ and src/. Fails on any finding (they are errors: WarningsAsErrors). Installs
# clang-tidy-14 (and clang-14) if missing, and configures build-tidy/ (compile commands only, nothing is built).
#   scripts/tidy.sh [FILE...]      (default: every .cpp of src/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-packages.sh clang-tidy-14 clang-14 cmake make libcli11-dev nlohmann-json3-dev libfmt-dev libsimdjson-dev \
  zlib1g-dev libcurl4-openssl-dev

# clang++ for the compile commands, so that the compiler warnings clang-tidy reports are clang's own.
CC=clang-14 CXX=clang++-14 cmake -S . -B build-tidy -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DBEDROCK_COST_BUILD_TESTS=OFF -DBEDROCK_COST_BUILD_BENCHMARKS=OFF >/dev/null

if (($# > 0)); then
  files=("$@")
else
  mapfile -t files < <(find src -name '*.cpp' | sort)
fi
echo "clang-tidy: ${#files[@]} files" >&2
run-clang-tidy-14 -p build-tidy -j "$(nproc)" -quiet "${files[@]}"
