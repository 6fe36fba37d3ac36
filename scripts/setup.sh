#!/usr/bin/env bash
# Installs the Debian 12 build dependencies (skipping what is present), then configures and builds
# bedrock-cost into BUILD_DIR (default: build). Extra arguments go to the CMake configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}

scripts/install-packages.sh g++ cmake make libcli11-dev nlohmann-json3-dev libfmt-dev catch2 libbenchmark-dev \
  libsimdjson-dev zlib1g-dev \
  libxml2-utils chromium # these two for the HTML report's test (well-formed SVG, rendering in a browser)

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >&2
cmake --build "$build_dir" -j"$(nproc)" >&2
