# Third-party libraries, all from Debian 12 packages (see README "Set-up"). Nothing is vendored.
find_package(fmt 9.1 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
if(BEDROCK_COST_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
