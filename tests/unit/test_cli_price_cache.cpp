// The pieces of `catalog update` below the download (src/cli/price_cache.cpp, scratch_file.cpp, output_file.cpp's
// Replace::always, catalog::record_download and apply_price_list_overlay): where the overlay is kept, how it is
// stored without ever being half written, how later runs read it, and what they say about it.

#include "../../src/cli/output_file.hpp"
#include "../../src/cli/price_cache.hpp"
#include "../../src/cli/scratch_file.hpp"
#include "test_helpers.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <sys/stat.h>

using namespace bedrock_cost;
namespace fs = std::filesystem;

namespace {

// Sets (or with nullopt unsets) an environment variable for the life of the object, then puts it back.
class ScopedVariable {
public:
  ScopedVariable(std::string name, const std::optional<std::string>& value) : m_name(std::move(name)) {
    if (const char* old = std::getenv(m_name.c_str())) {
      m_old = old;
    }
    value ? ::setenv(m_name.c_str(), value->c_str(), 1) : ::unsetenv(m_name.c_str());
  }
  ~ScopedVariable() { m_old ? ::setenv(m_name.c_str(), m_old->c_str(), 1) : ::unsetenv(m_name.c_str()); }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;
  ScopedVariable(ScopedVariable&&) = delete;
  ScopedVariable& operator=(ScopedVariable&&) = delete;

private:
  std::string m_name;
  std::optional<std::string> m_old;
};

std::string read_all(std::istream& in) {
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return read_all(in);
}

const catalog::PriceListDownload k_download{
    "2026-12-07T10:31:22Z",
    {{"AmazonBedrock", "20261101000000", "2026-11-01", "https://example.com/AmazonBedrock/current/index.json"},
     {"AmazonBedrockFoundationModels", "20261015000000", "2026-10-15",
      "https://example.com/AmazonBedrockFoundationModels/current/index.json"}},
    ""};

// An overlay as `catalog update` stores it: a price for Claude 3 Haiku in us-east-1, and the x_download record.
std::string stored_overlay() {
  nlohmann::ordered_json document = nlohmann::ordered_json::parse(R"({
    "schema_version": 1, "kind": "overlay",
    "models": [ { "id": "anthropic.claude-3-haiku-20240307-v1:0", "on_demand": [
      { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 0.2, "source": "aws-price-list", "as_of": "2026-11-01" }
    ] } ] })");
  catalog::record_download(document, k_download);
  return util::dump_json(document, 2);
}

// XDG_CACHE_HOME at a new folder whose cache has the overlay file `content` (none when empty).
struct StoredOverlay {
  explicit StoredOverlay(const std::string& content = stored_overlay()) {
    fs::create_directories(path.parent_path());
    if (!content.empty()) {
      std::ofstream(path) << content;
    }
  }
  test::TempFolder folder;
  ScopedVariable xdg{"XDG_CACHE_HOME", folder.path().string()};
  fs::path path = folder.path() / "bedrock-cost" / "prices-overlay.json";
};

} // namespace

TEST_CASE("the cache folder comes from XDG_CACHE_HOME, else HOME/.cache, each only as an absolute path",
          "[cli][cache]") {
  CHECK(cli::cache_folder("/x/cache", "/home/u") == "/x/cache/bedrock-cost");
  CHECK(cli::cache_folder("", "/home/u") == "/home/u/.cache/bedrock-cost");
  CHECK(cli::cache_folder(nullptr, "/home/u") == "/home/u/.cache/bedrock-cost");
  CHECK(cli::cache_folder("relative/cache", "/home/u") == "/home/u/.cache/bedrock-cost"); // the spec: ignored
  CHECK(cli::cache_folder(nullptr, nullptr) == std::nullopt);
  CHECK(cli::cache_folder("", "") == std::nullopt);
  CHECK(cli::cache_folder("cache", "home") == std::nullopt);
}

TEST_CASE("with no cache folder, reading goes on without downloaded prices and writing is an error naming both",
          "[cli][cache]") {
  const ScopedVariable xdg("XDG_CACHE_HOME", std::nullopt);
  const ScopedVariable home("HOME", "relative");
  CHECK(cli::cached_overlay_path() == std::nullopt);
  CHECK_THROWS_WITH(cli::cached_overlay_path_to_write(),
                    "no cache folder for the downloaded prices: neither XDG_CACHE_HOME nor HOME is set to an absolute "
                    "path");
  catalog::Catalog catalog = test::load(test::k_catalog);
  cli::apply_cached_overlay(catalog);
  CHECK_FALSE(catalog.price_list);
}

TEST_CASE("the stored overlay is merged into the base prices, not listed as a quote", "[cli][cache]") {
  const StoredOverlay stored;
  const fs::path& path = stored.path;
  catalog::Catalog catalog = test::load(test::k_catalog);
  cli::apply_cached_overlay(catalog);
  REQUIRE(catalog.price_list);
  CHECK(catalog.price_list->file == path.string());
  CHECK(catalog.price_list->downloaded_at == "2026-12-07T10:31:22Z");
  CHECK(catalog.price_list->offers.at(1).publication_date == "2026-10-15");
  CHECK(catalog.overlays.empty());
  CHECK(catalog.overlay_rows.empty());
  const catalog::Model* haiku = catalog.find("anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(catalog::find_on_demand(*haiku, "us-east-1", std::nullopt)->price(catalog::Dimension::input)->value ==
        util::Fixed9::parse("0.2"));
  CHECK(catalog::find_on_demand(*haiku, "us-west-2", std::nullopt)->price(catalog::Dimension::input)->value ==
        util::Fixed9::parse("0.25"));
  CHECK(catalog::download_text(*catalog.price_list) ==
        "AWS Price List downloaded 2026-12-07 (published 2026-11-01, 2026-10-15)");
}

TEST_CASE("a stored overlay that cannot be used is an error naming it and the way out, never ignored", "[cli][cache]") {
  const StoredOverlay stored("");
  const fs::path& path = stored.path;
  const fs::path& folder = stored.folder.path();
  const std::string remedy = " (the prices 'catalog update' downloaded: run 'bedrock-cost catalog update' again, or "
                             "pass --offline to leave them out)";
  catalog::Catalog catalog = test::load(test::k_catalog);
  SECTION("an overlay without its x_download record") {
    std::ofstream(path) << R"({"schema_version": 1, "kind": "overlay", "models": []})";
    CHECK_THROWS_WITH(cli::apply_cached_overlay(catalog),
                      path.string() +
                          ": /x_download: missing: this is not an overlay written by 'bedrock-cost catalog update'" +
                          remedy);
  }
  SECTION("a file cut short") {
    std::ofstream(path) << stored_overlay().substr(0, 40);
    CHECK_THROWS_WITH(cli::apply_cached_overlay(catalog), Catch::Contains(path.string() + ":") &&
                                                              Catch::Contains("invalid JSON") &&
                                                              Catch::EndsWith(remedy));
  }
  SECTION("a symbolic link to nothing") {
    fs::create_symlink(folder / "gone.json", path);
    CHECK_THROWS_WITH(cli::apply_cached_overlay(catalog),
                      path.string() + ": cannot open: No such file or directory" + remedy);
  }
  CHECK_FALSE(catalog.price_list);
  const test::CliResult offline = test::run_cli({"models", "--offline", "--provider", "amazon"});
  CHECK(offline.code == 0);
}

TEST_CASE("x_download is written right after the kind and read back with JSON paths in its errors", "[catalog]") {
  const std::string text = stored_overlay();
  CHECK(text.find("\"kind\": \"overlay\",\n  \"x_download\": {\n    \"downloaded_at\": \"2026-12-07T10:31:22Z\"") !=
        std::string::npos);
  catalog::Catalog catalog = test::load(test::k_catalog);
  std::string bad = text;
  bad.replace(bad.find("\"2026-10-15\""), 12, "\"2026-13-01\"");
  std::istringstream in(bad);
  CHECK_THROWS_WITH(catalog::apply_price_list_overlay(catalog, in, "cache.json"),
                    Catch::StartsWith("cache.json: /x_download/offers/1/publication_date: "));
  CHECK_FALSE(catalog.price_list);
}

TEST_CASE("a scratch file has no name from the start and reads back what was written", "[cli][cache]") {
  const test::TempFolder folder;
  cli::ScratchFile file(folder.path().string());
  CHECK(fs::is_empty(folder.path()));
  file.write("{\"a\": ");
  file.write("1}");
  CHECK(read_all(file.read()) == "{\"a\": 1}");
  CHECK_THROWS_WITH(cli::ScratchFile((folder.path() / "missing").string()),
                    (folder.path() / "missing").string() +
                        ": cannot create a temporary file: No such file or directory");
}

TEST_CASE("Replace::always replaces even a hard-linked file by a rename, and refuses what is not a file",
          "[cli][cache]") {
  const test::TempFolder folder;
  const fs::path path = folder.path() / "prices-overlay.json";
  std::ofstream(path) << "old";
  fs::create_hard_link(path, folder.path() / "link.json");
  cli::OutputFile(path.string(), "new", cli::Replace::always).commit();
  CHECK(read_file(path) == "new");
  CHECK(read_file(folder.path() / "link.json") == "old"); // a new file took the name: the old one was never opened
  CHECK(fs::hard_link_count(path) == 1);
  const fs::path fifo = folder.path() / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(cli::OutputFile(fifo.string(), "x", cli::Replace::always),
                    fifo.string() + ": is not a regular file; remove it and run again");
  CHECK(std::distance(fs::directory_iterator(folder.path()), fs::directory_iterator()) == 3);
}

TEST_CASE("reports name the downloaded prices when they were used", "[report][cache]") {
  const StoredOverlay stored;
  const fs::path& path = stored.path;
  const std::string label = "AWS Price List downloaded 2026-12-07 (published 2026-11-01, 2026-10-15)";
  const test::CliResult estimate = test::run_cli(
      {"estimate", "--model", "anthropic.claude-3-haiku-20240307-v1:0", "--tpm", "1000", "--format", "markdown"});
  CHECK(estimate.code == 0);
  CHECK(estimate.out.find(" + " + label + ".") != std::string::npos);
  const test::CliResult models = test::run_cli({"models", "--provider", "anthropic", "--format", "json"});
  REQUIRE(models.code == 0);
  const auto document = nlohmann::json::parse(models.out);
  CHECK(document["catalog"]["price_list"]["file"] == path.string());
  CHECK(document["catalog"]["price_list"]["offers"][0]["version"] == "20261101000000");
  const test::CliResult version = test::run_cli({"--version"});
  CHECK(version.out.find("; " + label + " from " + path.string() + "\n") != std::string::npos);
  const test::CliResult offline = test::run_cli({"models", "--provider", "anthropic", "--offline"});
  CHECK(offline.out.find("AWS Price List") == std::string::npos);
}
