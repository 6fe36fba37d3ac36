# Third-party libraries, all from Debian 12 packages (see README "Set-up"). Nothing is vendored.
find_package(fmt 9.1 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
# Usage import: simdjson reads invocation-log lines at disk speed, skipping the bodies; zlib reads .gz logs.
find_package(simdjson 3.0 REQUIRED)
find_package(ZLIB REQUIRED)
# `catalog update`: AWS's Price List offer files over HTTPS (libcurl4-openssl-dev), in bedrock_cost_net only.
find_package(CURL REQUIRED)
if(BEDROCK_COST_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
if(BEDROCK_COST_BUILD_BENCHMARKS)
  find_package(benchmark 1.7 QUIET)
  if(NOT benchmark_FOUND)
    message(STATUS "Google Benchmark (libbenchmark-dev) not found: bench/ is not built")
    set(BEDROCK_COST_BUILD_BENCHMARKS OFF)
  endif()
endif()
