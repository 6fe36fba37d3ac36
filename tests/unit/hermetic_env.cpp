// The unit and in-process CLI tests never see the developer's own cache (the prices `catalog update` downloaded into
// ~/.cache/bedrock-cost): before main(), HOME and XDG_CACHE_HOME point at a new empty folder, removed at exit.
// tests/hermetic.sh runs the [hermetic] case below with a broken cache in the environment.

#include "../../src/cli/price_cache.hpp"
#include "test_helpers.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

class HermeticEnvironment {
public:
  HermeticEnvironment() {
    std::string name = (fs::temp_directory_path() / "bedrock-cost-tests.XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) {
      std::perror("bedrock_cost_tests: mkdtemp");
      std::abort();
    }
    m_folder = name;
    fs::create_directory(m_folder / "home");
    ::setenv("HOME", (m_folder / "home").c_str(), 1);
    ::setenv("XDG_CACHE_HOME", (m_folder / "cache").c_str(), 1);
  }
  ~HermeticEnvironment() {
    std::error_code ignored;
    fs::remove_all(m_folder, ignored);
  }
  HermeticEnvironment(const HermeticEnvironment&) = delete;
  HermeticEnvironment& operator=(const HermeticEnvironment&) = delete;
  HermeticEnvironment(HermeticEnvironment&&) = delete;
  HermeticEnvironment& operator=(HermeticEnvironment&&) = delete;

private:
  fs::path m_folder;
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
