# Project options. Tests and warnings-as-errors default on only when this is the top-level project.
option(BEDROCK_COST_BUILD_TESTS "Build the unit and end-to-end tests" ${PROJECT_IS_TOP_LEVEL})
option(BEDROCK_COST_BUILD_BENCHMARKS "Build the benchmarks in bench/ (Google Benchmark)" ${PROJECT_IS_TOP_LEVEL})
option(BEDROCK_COST_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" ${PROJECT_IS_TOP_LEVEL})
option(BEDROCK_COST_SANITIZERS "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(BEDROCK_COST_FUZZ "Build the libFuzzer fuzz targets in fuzz/ (clang only)" OFF)
option(BEDROCK_COST_CLANG_TIDY "Run clang-tidy while compiling" OFF)

if(BEDROCK_COST_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy-14 clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY ${CLANG_TIDY_EXE} --warnings-as-errors=*)
endif()
