// `bedrock-cost cloudwatch-query` in process: the parts the goldens cannot pin down (the clock, several files).

#include "test_helpers.hpp"

#include <bedrock_cost/usage/timestamp.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace bedrock_cost;

namespace {

const std::string k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / fmt::format("bedrock-cost-test-cwquery-{}-{}", ::getpid(), name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

std::int64_t seconds(const nlohmann::json& timestamp) {
  return usage::parse_timestamp(timestamp.get<std::string>()).value_or(-1);
}

// A catalog of `count` models priced in us-east-1 (each also counted under its us. profile).
std::string catalog_of(int count) {
  std::string models;
  for (int i = 0; i < count; ++i) {
    models += fmt::format(R"({}{{"id": "vendor.m{}", "name": "M{}", "provider": "Vendor", "on_demand": [{{"regions":
      ["us-east-1"], "unit": "per_1m_tokens", "input": 1, "output": 2, "source": "test", "as_of": "2025-01"}}]}})",
                          i == 0 ? "" : ",", i, i);
  }
  return fmt::format(R"({{"schema_version": 1, "as_of": "2025-01-01", "source": "test", "models": [{}]}})", models);
}

} // namespace

TEST_CASE("cloudwatch-query: --days counts back from now, rounded down to the period") {
  const auto before = std::chrono::system_clock::now();
  const auto r = test::run_cli({"cloudwatch-query", "-m", k_haiku, "--days", "2", "--metric-period", "300"});
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(before.time_since_epoch()).count();
  REQUIRE(r.code == 0);
  const auto document = nlohmann::json::parse(r.out);
  const std::int64_t start = seconds(document["StartTime"]);
  const std::int64_t end = seconds(document["EndTime"]);
  CHECK(end - start == std::int64_t{2} * 86'400);
  CHECK(end % 300 == 0);
  CHECK(end <= now + 300);
  CHECK(end > now - 600);
  CHECK(document["MetricDataQueries"][0]["MetricStat"]["Period"] == 300);
  CHECK(r.err.find("warning") == std::string::npos); // two days back: CloudWatch keeps it
  CHECK(r.err.find("576 data points a query") != std::string::npos);
  // Without --days, 14 days.
  const auto fortnight = nlohmann::json::parse(test::run_cli({"cloudwatch-query", "-m", k_haiku}).out);
  CHECK(seconds(fortnight["EndTime"]) - seconds(fortnight["StartTime"]) == std::int64_t{14} * 86'400);
}

TEST_CASE("cloudwatch-query: --quiet leaves only the queries") {
  const auto r =
      test::run_cli({"cloudwatch-query", "-m", k_haiku, "--since", "2024-05-14", "--until", "2024-05-15", "--quiet"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(nlohmann::json::parse(r.out)["MetricDataQueries"].size() == 5);
}

TEST_CASE("cloudwatch-query: queries that need several calls are written as one file per call") {
  const auto dir = temp_dir("split");
  const std::string catalog = (dir / "catalog.json").string();
  std::ofstream(catalog) << catalog_of(51); // 102 ModelIds: 510 queries
  const std::string output = (dir / "q.json").string();
  const auto r = test::run_cli({"cloudwatch-query", "--all-models", "--catalog", catalog, "--since", "2024-05-14",
                                "--until", "2024-05-15", "-o", output, "-q"});
  REQUIRE(r.code == 0);
  CHECK_FALSE(std::filesystem::exists(output));
  const auto first = read_json(dir / "q-1.json");
  const auto second = read_json(dir / "q-2.json");
  CHECK(first["MetricDataQueries"].size() == 500);
  CHECK(second["MetricDataQueries"].size() == 10);
  CHECK(second["MetricDataQueries"][0]["Id"] == "input_vendor_m9"); // the 51st model by ID: m0, m1, m10, ...
  CHECK(second["StartTime"] == "2024-05-14T00:00:00Z");
  CHECK(r.out.find(fmt::format("{0}/q-1.json: 500 queries, 5 metrics of 100 models\n", dir.string())) == 0);
  CHECK(r.out.find(fmt::format("Fetch the data (2 calls: at most 500 queries a call):\n"
                               "  aws cloudwatch get-metric-data --region us-east-1 --cli-input-json "
                               "file://{0}/q-1.json --output json > {0}/q-1-output.json\n"
                               "  aws cloudwatch get-metric-data --region us-east-1 --cli-input-json "
                               "file://{0}/q-2.json --output json > {0}/q-2-output.json\n"
                               "Then price it:\n"
                               "  bedrock-cost estimate --region us-east-1 --usage {0}/q-1.json {0}/q-1-output.json "
                               "{0}/q-2.json {0}/q-2-output.json\n",
                               dir.string())) != std::string::npos);
  CHECK(r.out.find("at most 734,400 in all, fetched in up to 9 pages of 100,800") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("cloudwatch-query: when one of the files cannot be written, none is") {
  const auto dir = temp_dir("none");
  const std::string catalog = (dir / "catalog.json").string();
  std::ofstream(catalog) << catalog_of(51);
  std::filesystem::create_directory(dir / "q-2.json"); // the second file's name is taken by a folder
  const auto r = test::run_cli(
      {"cloudwatch-query", "--all-models", "--catalog", catalog, "--days", "1", "-o", (dir / "q.json").string(), "-q"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("q-2.json") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "q-1.json"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 2);
  std::filesystem::remove_all(dir);
}
