# libFuzzer fuzz targets (fuzz/, README "Development"): with BEDROCK_COST_FUZZ the whole build gets libFuzzer's
# coverage instrumentation, AddressSanitizer, UndefinedBehaviorSanitizer (every report fatal) and the libstdc++
# assertions; only the fuzz_<target> binaries link libFuzzer itself (fuzz/CMakeLists.txt). Clang only.
if(BEDROCK_COST_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "BEDROCK_COST_FUZZ needs clang's libFuzzer: configure a separate build directory with "
                        "CC=clang-14 CXX=clang++-14")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
endif()
