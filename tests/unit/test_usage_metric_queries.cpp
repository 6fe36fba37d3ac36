// The get-metric-data queries of `bedrock-cost cloudwatch-query` (usage/metric_queries), the models it queries
// (catalog::usage_model_ids), and reading their --cli-input-json form back as a query file.

#include "test_helpers.hpp"

#include <bedrock_cost/catalog/listing.hpp>
#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/metric_queries.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/usage/usage.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace bedrock_cost;

namespace {

const std::string k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";
constexpr std::int64_t k_day = 86'400;
constexpr std::int64_t k_may_14 = 1715644800; // 2024-05-14T00:00:00Z
constexpr std::int64_t k_nine = 1715677200;   // 2024-05-14T09:00:00Z

usage::QueryRequest week_of(std::vector<std::string> models, std::int64_t period = 60) {
  usage::QueryRequest request;
  request.models = std::move(models);
  request.start_seconds = k_may_14;
  request.end_seconds = k_may_14 + 7 * k_day;
  request.period_seconds = period;
  return request;
}

// A plan as of the end of its time range (no retention warning).
usage::QueryPlan plan(const usage::QueryRequest& request) {
  return usage::plan_metric_queries(request, request.end_seconds);
}

std::vector<std::string> models(std::size_t count) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) {
    names.push_back(fmt::format("vendor.model-{}-v1:0", i));
  }
  return names;
}

std::string temp_file(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("bedrock-cost-test-queries-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

usage::UsageSet import(const std::vector<std::string>& paths) {
  usage::UsageSet set;
  usage::import_usage(paths, {}, set);
  return set;
}

} // namespace

TEST_CASE("query Ids: a metric word and the model ID, valid for CloudWatch") {
  CHECK(usage::query_id("input", k_haiku) == "input_anthropic_claude_3_haiku_20240307_v1_0");
  CHECK(usage::query_id("cache_read", "us.anthropic.claude-sonnet-4-6") == "cache_read_us_anthropic_claude_sonnet_4_6");
  CHECK(usage::query_id("invocations",
                        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x2ntqs4tet2b") ==
        "invocations_arn_aws_bedrock_us_east_1_123456789012_application_inference_profile_x2ntqs4tet2b");
  CHECK(usage::query_id("output", std::string(400, 'a')).size() == 255);
}

TEST_CASE("query Ids are valid and unique for every model of every Region of the embedded catalog") {
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  const std::regex valid("[a-z][A-Za-z0-9_]{0,254}");
  for (const std::string& region : catalog::regions(catalog)) {
    INFO(region);
    const auto result = plan(week_of(catalog::usage_model_ids(catalog, region)));
    std::set<std::string> ids;
    for (const auto& call : result.calls) {
      for (const auto& query : call.queries) {
        CHECK(std::regex_match(query.id, valid));
        CHECK(ids.insert(query.id).second);
      }
    }
    CHECK(ids.size() == result.queries());
  }
}

TEST_CASE("query Ids of models that differ only in punctuation are made unique") {
  const auto result = plan(week_of({"a.b", "a-b", "a:b"}));
  REQUIRE(result.calls.size() == 1);
  const auto& queries = result.calls[0].queries;
  REQUIRE(queries.size() == 15);
  CHECK(queries[0].id == "input_a_b");
  CHECK(queries[5].id == "input_a_b_2");
  CHECK(queries[10].id == "input_a_b_3");
  CHECK(queries[14].id == "cache_write_a_b_3");
  CHECK(queries[14].model == "a:b");
  // Cut to 255 characters, the suffix still fits.
  const auto longer = plan(week_of({std::string(300, 'x') + ".1", std::string(300, 'x') + ".2"}));
  CHECK(longer.calls[0].queries[5].id == std::string("input_") + std::string(247, 'x') + "_2");
}

TEST_CASE("every model gets the five traffic metrics, as Sums of the period, each model once") {
  const auto result = plan(week_of({k_haiku, "us.anthropic.claude-sonnet-4-6", k_haiku}, 300));
  CHECK(result.models == 2);
  REQUIRE(result.calls.size() == 1);
  std::vector<std::string> metrics;
  for (const auto& query : result.calls[0].queries) {
    metrics.emplace_back(query.metric);
  }
  CHECK(metrics == std::vector<std::string>{"InputTokenCount", "OutputTokenCount", "Invocations",
                                            "CacheReadInputTokenCount", "CacheWriteInputTokenCount", "InputTokenCount",
                                            "OutputTokenCount", "Invocations", "CacheReadInputTokenCount",
                                            "CacheWriteInputTokenCount"});
  const auto document = nlohmann::json::parse(usage::query_document(result, result.calls[0]));
  CHECK(document["MetricDataQueries"].size() == 10);
  CHECK(document["MetricDataQueries"][6] == nlohmann::json::parse(R"({
    "Id": "output_us_anthropic_claude_sonnet_4_6",
    "MetricStat": {"Metric": {"Namespace": "AWS/Bedrock", "MetricName": "OutputTokenCount",
                              "Dimensions": [{"Name": "ModelId", "Value": "us.anthropic.claude-sonnet-4-6"}]},
                   "Period": 300, "Stat": "Sum"},
    "ReturnData": true})"));
  CHECK(document["StartTime"] == "2024-05-14T00:00:00Z");
  CHECK(document["EndTime"] == "2024-05-21T00:00:00Z");
  CHECK(document["ScanBy"] == "TimestampAscending");
  CHECK(document.size() == 4);
}

TEST_CASE("queries are split into calls of at most 500, a model's metrics in one call") {
  auto request = week_of(models(100));
  auto result = plan(request);
  REQUIRE(result.calls.size() == 1);
  CHECK(result.calls[0].queries.size() == 500);
  CHECK(result.calls[0].query_file == "q.json");
  CHECK(result.calls[0].output_file == "q-output.json");

  request.models = models(201);
  request.query_file = "out/cw.queries.json";
  result = plan(request);
  REQUIRE(result.calls.size() == 3);
  CHECK(result.calls[0].queries.size() == 500);
  CHECK(result.calls[1].queries.size() == 500);
  CHECK(result.calls[2].queries.size() == 5);
  CHECK(result.calls[1].queries.front().model == "vendor.model-100-v1:0");
  CHECK(result.queries() == 1005);
  CHECK(result.calls[0].query_file == "out/cw.queries-1.json");
  CHECK(result.calls[2].query_file == "out/cw.queries-3.json");
  CHECK(result.calls[2].output_file == "out/cw.queries-3-output.json");

  request.query_file = "dir.d/queries"; // no extension: the dot of the folder is not one
  result = plan(request);
  CHECK(result.calls[0].query_file == "dir.d/queries-1");
  CHECK(result.calls[0].output_file == "dir.d/queries-1-output.json");
}

TEST_CASE("data points: one a period, pages of at most 100,800 per call") {
  auto result = plan(week_of({k_haiku, "b", "c"}));
  CHECK(result.points_per_query == 10'080);
  CHECK(result.points(result.calls[0]) == 151'200);
  CHECK(result.pages(result.calls[0]) == 2);
  CHECK(plan(week_of({k_haiku}, 300)).points_per_query == 2'016);
  result = plan(week_of({k_haiku}, 3600));
  CHECK(result.points_per_query == 168);
  CHECK(result.pages(result.calls[0]) == 1);
  auto request = week_of({k_haiku});
  request.end_seconds = request.start_seconds + 90; // a part period counts whole
  CHECK(plan(request).points_per_query == 2);
}

TEST_CASE("a time range older than CloudWatch keeps at the period is warned, with the period that keeps it") {
  const auto warnings = [](std::int64_t days_ago, std::int64_t period) {
    auto request = week_of({k_haiku}, period);
    return usage::plan_metric_queries(request, request.start_seconds + days_ago * k_day).warnings;
  };
  CHECK(warnings(15, 60).empty());
  CHECK(warnings(16, 60) ==
        std::vector<std::string>{
            "the time range starts more than 15 days ago: CloudWatch returns no 60-second data "
            "for it; use --metric-period 300 (kept 63 days) or --metric-period 3600 (kept 455 days)"});
  CHECK(warnings(63, 300).empty());
  CHECK(warnings(64, 300) ==
        std::vector<std::string>{"the time range starts more than 63 days ago: CloudWatch "
                                 "returns no 300-second data for it; use --metric-period 3600 (kept "
                                 "455 days)"});
  CHECK(warnings(64, 60).size() == 1);
  CHECK(warnings(455, 3600).empty());
  CHECK(warnings(456, 300) == std::vector<std::string>{"the time range starts more than 455 days ago: CloudWatch "
                                                       "keeps no metric data that old, even at --metric-period 3600"});
}

TEST_CASE("the time range: --days back from now rounded down to the period, or --since and --until") {
  const std::int64_t now = k_nine + 462; // 09:07:42
  usage::TimeRangeRequest range;
  CHECK(usage::query_time_range(range, now) == std::pair{k_nine + 420 - 14 * k_day, k_nine + 420});
  range.period_seconds = 300;
  range.days = 2;
  CHECK(usage::query_time_range(range, now) == std::pair{k_nine + 300 - 2 * k_day, k_nine + 300});
  range.until_seconds = k_may_14;
  CHECK(usage::query_time_range(range, now) == std::pair{k_may_14 - 2 * k_day, k_may_14});
  range.days.reset();
  range.since_seconds = k_may_14 - 3600;
  CHECK(usage::query_time_range(range, now) == std::pair{k_may_14 - 3600, k_may_14});
  range.since_seconds = k_may_14;
  CHECK_THROWS_WITH(usage::query_time_range(range, now),
                    "the time range is empty: --until 2024-05-14T00:00:00Z is not after --since 2024-05-14T00:00:00Z");
  range.since_seconds = now;
  CHECK_THROWS_WITH(usage::query_time_range(range, now),
                    "--since 2024-05-14T09:07:42Z is in the future: there is no data yet");
  range.days = 1;
  CHECK_THROWS_AS(usage::query_time_range(range, now), UsageError);
  CHECK_THROWS_WITH(usage::query_time_range(range, now), "cloudwatch-query: give --since or --days, not both");
}

TEST_CASE("a plan needs models, a period CloudWatch keeps and a time range") {
  CHECK_THROWS_WITH(plan(week_of({})), "cloudwatch-query: give the models: --model ID (repeatable) or --all-models");
  CHECK_THROWS_WITH(plan(week_of({k_haiku}, 120)), "--metric-period: expected 60, 300 or 3600 seconds, got 120");
  auto request = week_of({k_haiku});
  request.end_seconds = request.start_seconds;
  CHECK_THROWS_AS(plan(request), UsageError);
}

TEST_CASE("the commands to run: the AWS CLI call per file, then the estimate of all of them") {
  auto request = week_of(models(101));
  request.region = "eu-west-1";
  auto result = plan(request);
  CHECK(usage::fetch_command(result, result.calls[1]) ==
        "aws cloudwatch get-metric-data --region eu-west-1 --cli-input-json file://q-2.json --output json > "
        "q-2-output.json");
  CHECK(usage::estimate_command(result) ==
        "bedrock-cost estimate --region eu-west-1 --usage q-1.json q-1-output.json q-2.json q-2-output.json");
  request.models = {k_haiku};
  request.query_file = "my queries/it's.json";
  result = plan(request);
  CHECK(usage::fetch_command(result, result.calls[0]) ==
        R"(aws cloudwatch get-metric-data --region eu-west-1 --cli-input-json 'file://my queries/it'\''s.json' )"
        R"(--output json > 'my queries/it'\''s-output.json')");
}

TEST_CASE("usage_model_ids: the models priced in a Region, with their geography's and the catalog's profiles") {
  const catalog::Catalog catalog = test::load(test::k_catalog);
  const std::string sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0";
  CHECK(catalog::usage_model_ids(catalog, "us-east-1") ==
        std::vector<std::string>{"amazon.titan-embed-text-v2:0", "us.amazon.titan-embed-text-v2:0", k_haiku,
                                 "us." + k_haiku, sonnet, "us." + sonnet, "global." + sonnet});
  // Haiku's eu-central-1 row (per 1K tokens) prices it there; Sonnet only through its global profile.
  CHECK(catalog::usage_model_ids(catalog, "eu-central-1") ==
        std::vector<std::string>{k_haiku, "eu." + k_haiku, "global." + sonnet});
  CHECK(catalog::usage_model_ids(catalog, "sa-east-1") == std::vector<std::string>{"global." + sonnet});
  CHECK(catalog::geography_profile("us-gov-west-1") == "us-gov");
  CHECK(catalog::geography_profile("us-west-2") == "us");
  CHECK(catalog::geography_profile("eu-west-3") == "eu");
  CHECK(catalog::geography_profile("ap-southeast-2") == "apac");
  CHECK_FALSE(catalog::geography_profile("ca-central-1"));
}

TEST_CASE("the --cli-input-json query file is read with its output, in either order") {
  auto request = week_of({k_haiku, "us.anthropic.claude-sonnet-4-6"});
  const auto result = plan(request);
  const std::string queries = temp_file("q.json", usage::query_document(result, result.calls[0]));
  // What get-metric-data returns for those queries: the Ids, the Label CloudWatch gives (the metric name).
  const std::string output = temp_file("q-output.json", R"({"MetricDataResults": [
    {"Id": "input_anthropic_claude_3_haiku_20240307_v1_0", "Label": "InputTokenCount",
     "Timestamps": ["2024-05-14T09:00:00+00:00", "2024-05-14T09:01:00+00:00"], "Values": [1000.0, 500.0],
     "StatusCode": "Complete"},
    {"Id": "cache_read_anthropic_claude_3_haiku_20240307_v1_0", "Label": "CacheReadInputTokenCount",
     "Timestamps": ["2024-05-14T09:00:00+00:00"], "Values": [7000.0], "StatusCode": "Complete"},
    {"Id": "cache_write_anthropic_claude_3_haiku_20240307_v1_0", "Label": "CacheWriteInputTokenCount",
     "Timestamps": ["2024-05-14T09:01:00+00:00"], "Values": [300.0], "StatusCode": "Complete"},
    {"Id": "invocations_anthropic_claude_3_haiku_20240307_v1_0", "Label": "Invocations",
     "Timestamps": ["2024-05-14T09:00:00+00:00", "2024-05-14T09:01:00+00:00"], "Values": [2.0, 1.0],
     "StatusCode": "Complete"},
    {"Id": "output_us_anthropic_claude_sonnet_4_6", "Label": "OutputTokenCount",
     "Timestamps": ["2024-05-14T09:01:00+00:00"], "Values": [40.0], "StatusCode": "Complete"},
    {"Id": "input_us_anthropic_claude_sonnet_4_6", "Label": "InputTokenCount", "Timestamps": [], "Values": [],
     "StatusCode": "Complete"}], "Messages": []})");
  for (const auto& paths : {std::vector<std::string>{queries, output}, std::vector<std::string>{output, queries}}) {
    const usage::UsageSet set = import(paths);
    REQUIRE(set.models.size() == 2);
    const usage::ModelUsage& haiku = set.models.at({k_haiku, "us-east-1"});
    CHECK(haiku.total().input == 1500);
    CHECK(haiku.total().cache_read == 7000);
    CHECK(haiku.total().cache_write == 300);
    CHECK(haiku.total().requests == 3);
    CHECK(haiku.at(k_nine / 60 + 1).cache_write == 300);
    CHECK(set.models.at({"us.anthropic.claude-sonnet-4-6", "us-east-1"}).total().output == 40);
    CHECK(set.stats.files == 2);
  }
}

TEST_CASE("a --cli-input-json query file names its JSON path in errors") {
  const std::string output = std::string(BEDROCK_COST_USAGE_FIXTURES) + "/metric-data.json";
  const auto error = [&](const std::string& text, usage::Format format = usage::Format::automatic) {
    const std::string query = temp_file("bad-query.json", text);
    try {
      usage::UsageSet set;
      usage::ImportOptions options;
      options.format = format;
      usage::import_usage(format == usage::Format::automatic ? std::vector{query, output} : std::vector{query}, options,
                          set);
    } catch (const InputError& e) {
      return std::string(e.what()).substr(query.size());
    }
    return std::string("no error");
  };
  // Forced: without MetricDataQueries the file does not look like a query file.
  CHECK(error(R"({"StartTime": "2024-05-14T00:00:00Z"})", usage::Format::metric_queries) ==
        ": /MetricDataQueries: missing: a --cli-input-json query file holds its queries there");
  CHECK(error(R"({"MetricDataQueries": {}})") == ": /MetricDataQueries: expected an array, got an object");
  CHECK(error(R"({"MetricDataQueries": [{"MetricStat": {}}]})") == ": /MetricDataQueries/0/Id: missing query Id");
  CHECK(error(R"({"MetricDataQueries": [], "StartTime": "last week"})") ==
        R"(: /StartTime: unreadable timestamp "last week")");
  CHECK(error(R"({"MetricDataQueries": [], "EndTime": true})") == ": /EndTime: unreadable timestamp true");
  // Epoch seconds and ISO times are both what the AWS CLI takes.
  std::ifstream fixture(std::string(BEDROCK_COST_USAGE_FIXTURES) + "/metric-data-query.json");
  std::ostringstream queries;
  queries << fixture.rdbuf();
  CHECK(error(R"({"StartTime": 1715644800, "EndTime": "2024-05-21T00:00:00Z", "MetricDataQueries": )" + queries.str() +
              "}") == "no error");
}
