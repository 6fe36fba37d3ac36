#!/usr/bin/env bash
# Installs the Debian 12 packages that build bedrock-cost (those missing: scripts/install-packages.sh), then
# configures and builds it into BUILD_DIR (default: build). Extra arguments go to the CMake configure step.
# The test suite's own packages are installed by scripts/test.sh. ca-certificates is not needed to build, but
# `catalog update` verifies AWS's HTTPS certificate against it (libcurl only recommends it).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}

scripts/install-packages.sh g++ cmake make libcli11-dev nlohmann-json3-dev libfmt-dev libsimdjson-dev zlib1g-dev \
  libcurl4-openssl-dev ca-certificates

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >&2
cmake --build "$build_dir" -j"$(nproc)" >&2
