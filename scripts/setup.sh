#!/usr/bin/env bash
# Installs the Debian 12 build dependencies (skipping what is present), then configures and builds
# bedrock-cost into BUILD_DIR (default: build). Extra arguments go to the CMake configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}

packages=(g++ cmake make libcli11-dev nlohmann-json3-dev libfmt-dev catch2 libbenchmark-dev libsimdjson-dev zlib1g-dev
  libxml2-utils chromium) # the last two for the HTML report's test (well-formed SVG, rendering in a browser)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >&2
cmake --build "$build_dir" -j"$(nproc)" >&2
