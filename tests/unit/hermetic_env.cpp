// The unit and in-process CLI tests never see the developer's own cache (the prices `catalog update` downloaded into
// ~/.cache/bedrock-cost): before main(), HOME and XDG_CACHE_HOME point at a new empty folder, removed at exit.
// tests/hermetic.sh runs the [hermetic] case below with a broken cache in the environment.

#include "../../src/cli/price_cache.hpp"
#include "test_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

// Before main(): HOME and XDG_CACHE_HOME in a folder of its own, removed at exit.
struct HermeticEnvironment {
  HermeticEnvironment() {
    std::filesystem::create_directory(folder.path() / "home");
    ::setenv("HOME", (folder.path() / "home").c_str(), 1);
    ::setenv("XDG_CACHE_HOME", (folder.path() / "cache").c_str(), 1);
  }
  test::TempFolder folder{"bedrock-cost-tests"};
};

const HermeticEnvironment k_environment;

} // namespace

TEST_CASE("the tests run with HOME and XDG_CACHE_HOME in an empty folder of their own", "[hermetic]") {
  const std::string cache = std::getenv("XDG_CACHE_HOME");
  CHECK(cache.find("bedrock-cost-tests.") != std::string::npos);
  CHECK_FALSE(fs::exists(cache));
  CHECK(bedrock_cost::cli::cached_overlay_path() == cache + "/bedrock-cost/prices-overlay.json");
  const test::CliResult version = test::run_cli({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out.find("; no downloaded prices\n") != std::string::npos);
}
