// Usage import: every format and quirk of reference aws-formats.md, on fixtures made by
// tests/fixtures/usage/make_fixtures.py (the traffic is worked out by hand there).

#include "test_helpers.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/summary.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/usage/usage.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <zlib.h>

using namespace bedrock_cost;

namespace {

const std::string k_dir = BEDROCK_COST_USAGE_FIXTURES;
const std::string k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";
constexpr std::int64_t k_nine = 1715677200 / 60; // 2024-05-14T09:00Z in epoch minutes

usage::UsageSet read(const std::vector<std::string>& files, usage::ImportOptions options = {}) {
  std::vector<std::string> paths;
  for (const auto& f : files) {
    paths.push_back(f == "-" ? f : k_dir + "/" + f);
  }
  usage::UsageSet set;
  usage::import_usage(paths, options, set);
  return set;
}

const usage::ModelUsage& haiku(const usage::UsageSet& set) {
  REQUIRE(set.models.size() == 1);
  const auto& series = set.models.begin()->second;
  REQUIRE(series.model() == k_haiku);
  REQUIRE(series.region() == "us-east-1");
  return series;
}

// The hand-computed minutes: (input, output, requests) from 09:00.
void check_the_traffic(const usage::ModelUsage& s, bool requests = true) {
  REQUIRE(s.first_minute() == k_nine);
  REQUIRE(s.span_minutes() == 5);
  const std::int64_t expected[5][3] = {{1500, 150, 2}, {0, 0, 0}, {2000, 300, 1}, {600, 60, 3}, {4000, 400, 1}};
  for (int m = 0; m < 5; ++m) {
    INFO("minute 09:0" << m);
    CHECK(s.at(s.first_minute() + m).input == expected[m][0]);
    CHECK(s.at(s.first_minute() + m).output == expected[m][1]);
    if (requests) {
      CHECK(s.at(s.first_minute() + m).requests == expected[m][2]);
    }
  }
}

// A file with `text` in a fresh temporary folder, for the cases the fixtures do not cover.
std::string temp_file(const std::string& name, const std::string& text) {
  // One folder per process: CTest runs test cases in parallel, and several write files of the same name.
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("bedrock-cost-test-usage-{}", ::getpid());
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

usage::UsageSet read_paths(const std::vector<std::string>& paths, usage::ImportOptions options = {}) {
  usage::UsageSet set;
  usage::import_usage(paths, options, set);
  return set;
}

} // namespace

TEST_CASE("timestamps in every form the AWS CLI prints") {
  using usage::parse_timestamp;
  const std::int64_t t = 1715678940; // 2024-05-14T09:29:00Z
  CHECK(parse_timestamp("2024-05-14T09:29:00+00:00") == t);
  CHECK(parse_timestamp("2024-05-14T09:29:00Z") == t);
  CHECK(parse_timestamp("2024-05-14T02:29:00-07:00") == t);
  CHECK(parse_timestamp("2024-05-14T11:29:00+0200") == t);
  CHECK(parse_timestamp("2024-05-14 09:29:00+00:00") == t);
  CHECK(parse_timestamp("2024-05-14T09:29:00.123000+00:00") == t);
  CHECK(parse_timestamp("2024-05-14 09:29:00.000") == t); // Athena: no zone, UTC
  CHECK(parse_timestamp("1715678940") == t);
  CHECK(parse_timestamp("1715678940.0") == t);
  CHECK(parse_timestamp("1715678940123", usage::EpochUnit::milliseconds) == t);
  CHECK(!parse_timestamp("2024-02-30T00:00:00Z"));
  CHECK(!parse_timestamp("2024-05-14T25:00:00Z"));
  CHECK(!parse_timestamp("yesterday"));
  CHECK(!parse_timestamp("-5"));
  CHECK(parse_timestamp("2024-02-29T00:00:00Z") == 1709164800);
  CHECK(usage::format_timestamp(t) == "2024-05-14T09:29:00Z");
}

TEST_CASE("model IDs in usage are normalised like the catalog's") {
  using usage::normalise_model;
  CHECK(normalise_model("anthropic.claude-3-haiku-20240307-v1:0").first == k_haiku);
  const auto [id, region] = normalise_model(
      "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0");
  CHECK(id == "us.anthropic.claude-3-5-haiku-20241022-v1:0");
  CHECK(region == "us-west-2");
  CHECK(normalise_model("arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v1").first ==
        "amazon.titan-embed-text-v1");
  CHECK(normalise_model("anthropic.claude-3-haiku-20240307-v1:0:200k").first == k_haiku);
  // An application inference profile names no model: kept whole, for the user to map.
  const std::string app = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x2ntqs4tet2b";
  CHECK(normalise_model(app).first == app);
}

TEST_CASE("the same traffic read from every format gives the same minutes") {
  check_the_traffic(haiku(read({"logs.jsonl"})));
  check_the_traffic(haiku(read({"s3-tree"})));
  check_the_traffic(haiku(read({"log-events.json"})));
  check_the_traffic(haiku(read({"per-minute.csv"})));
  check_the_traffic(haiku(read({"metric-data.json", "metric-data-query.json"}))); // query file read first
}

TEST_CASE("and the same estimate") {
  static const catalog::Catalog c = catalog::embedded_catalog();
  std::vector<double> totals;
  for (const std::vector<std::string>& files : std::vector<std::vector<std::string>>{
           {"logs.jsonl"}, {"per-minute.csv"}, {"metric-data-query.json", "metric-data.json"}, {"log-events.json"}}) {
    const auto set = read(files);
    workload::WorkloadSpec spec;
    spec.model = spec.name = k_haiku;
    spec.series =
        std::make_shared<const workload::TrafficProfile>(haiku(set).profile(set.first_minute, set.span_minutes()));
    spec.origin = spec.model_origin = spec.region_origin = "usage";
    const auto report = engine::estimate(c, {spec}, {});
    totals.push_back(static_cast<double>(report.total_on_demand.round_micros()) / 1e6);
  }
  // 8,100 x $0.25 + 910 x $1.25 per 1M = $0.0031625 over 5 minutes; x 43,800 / 5 = $27.7035 a month.
  CHECK(totals == std::vector<double>(4, 27.7035));
}

TEST_CASE("invocation logs: duplicates once, failed calls apart, bodies in S3 still counted") {
  const auto set = read({"logs.jsonl"});
  CHECK(set.stats.records == 7);
  CHECK(set.stats.duplicates == 1);
  CHECK(set.stats.failed == 1);
  CHECK(set.warnings.size() == 1);
  // The body's own "inputTokenCount": 999999 inside inputBodyJson is never read.
  CHECK(haiku(set).total().input == 8100);
}

TEST_CASE("invocation logs: a record repeated within 6 hours of the newest record read is counted once") {
  const auto record = [](const char* time, const char* id) {
    return fmt::format(R"({{"timestamp":"2024-05-14T{}Z","requestId":"{}","region":"us-east-1",)"
                       R"("modelId":"anthropic.claude-3-haiku-20240307-v1:0","input":{{"inputTokenCount":10}},)"
                       R"("output":{{"outputTokenCount":1}}}})"
                       "\n",
                       time, id);
  };
  // A repeat carries its record's timestamp. r-1 repeated after a record of 14:59: its hour is within the window,
  // a repeat. r-2 repeated after a record of 20:00: its hour has been forgotten (memory follows the window, not
  // the files), so it counts again, as docs/usage-formats.md says.
  const auto set = read_paths({temp_file("window.jsonl", record("09:00:00", "r-1") + record("09:00:00", "r-2") +
                                                             record("14:59:00", "r-3") + record("09:00:00", "r-1") +
                                                             record("20:00:00", "r-4") + record("09:00:00", "r-2"))});
  CHECK(set.stats.records == 5);
  CHECK(set.stats.duplicates == 1);
  CHECK(haiku(set).total().input == 50);
}

TEST_CASE("get-metric-data: pages merged, repeated points once, PartialData warned") {
  const auto set = read({"metric-data-query.json", "metric-data.json"});
  CHECK(set.stats.duplicates == 1); // 09:03 on both pages
  REQUIRE(set.warnings.size() == 1);
  CHECK(set.warnings[0].find("StatusCode PartialData") != std::string::npos);
  CHECK(haiku(set).requests_known());
  // Without the query file the model must be named.
  CHECK_THROWS_WITH(read({"metric-data.json"}), Catch::Contains("cannot tell which model 'in_tokens' measures"));
  usage::ImportOptions named;
  named.model = k_haiku;
  check_the_traffic(haiku(read({"metric-data.json"}, named)));
}

TEST_CASE("get-metric-statistics: any order, a 300-second period spread evenly") {
  usage::ImportOptions options;
  options.model = k_haiku;
  options.period_seconds = 300;
  const auto set = read({"metric-statistics-300s.json"}, options);
  const auto& s = haiku(set);
  REQUIRE(s.span_minutes() == 10);
  for (int m = 0; m < 5; ++m) {
    CHECK(s.at(s.first_minute() + m).input == 300); // 1,500 over 09:00-09:04
  }
  const std::int64_t tail[5] = {2, 2, 1, 1, 1}; // 7 over 09:05-09:09, the remainder first
  for (int m = 0; m < 5; ++m) {
    CHECK(s.at(s.first_minute() + 5 + m).input == tail[m]);
  }
  CHECK(!s.requests_known());
  CHECK(!set.notes.empty());
}

TEST_CASE("bad usage: file and line, or skipped and counted") {
  CHECK_THROWS_WITH(read({"bad-line.jsonl"}), Catch::EndsWith("bad-line.jsonl:3: not a complete JSON object (a "
                                                              "truncated or malformed line?)"));
  usage::ImportOptions skip;
  skip.skip_invalid = true;
  const auto set = read({"bad-line.jsonl"}, skip);
  CHECK(set.stats.skipped_invalid == 1);
  CHECK(set.stats.records == 3);
  CHECK_THROWS_WITH(read({"truncated.json.gz"}), Catch::EndsWith("truncated.json.gz: the gzip data ends early "
                                                                 "(truncated file?)"));
}

TEST_CASE("a CloudWatch number too large for a double names its JSON path") {
  std::istringstream in(R"({"MetricDataResults": [{"Id": "a", "Timestamps": [], "Values": [1, 1e999]}]})");
  usage::ImportOptions options;
  options.stdin_stream = &in;
  CHECK_THROWS_WITH(
      read({"-"}, options),
      "<stdin>: /MetricDataResults/0/Values/1: invalid JSON: a number is out of range (number overflow parsing "
      "'1e999')");
}

TEST_CASE("CloudWatch output nested deeper than 512 levels fails at once, naming the line and column") {
  // Before, an unclosed 200,000-deep array went on to the end, then rebuilt the error's JSON pointer level by level
  // (quadratic: 3.5 s).
  std::istringstream in(R"({"MetricDataResults": )" + std::string(200'000, '['));
  usage::ImportOptions options;
  options.stdin_stream = &in;
  options.format = usage::Format::metric_data;
  CHECK_THROWS_WITH(read({"-"}, options), "<stdin>:1:534: nesting deeper than 512 levels");
}

TEST_CASE("usage files larger than the read buffers: lines across refills and longer than a buffer, plain and gzip") {
  // The line buffer starts at 64 KiB and doubles at each refill up to 4 MiB (then grows only for a longer line);
  // the compressed-input buffer grows once the head says gzip. 4,000 records with bodies of 0 to 1,999 bytes (about
  // 4.6 MB) cross many refills, records straddling each; then a line longer than the first buffer (100 KiB) and one
  // longer than the largest chunk (5 MiB).
  const auto record = [](int i, std::size_t body) {
    return fmt::format(
               R"({{"timestamp":"2024-05-14T{:02}:{:02}:{:02}Z","requestId":"r-{}","region":"us-east-1",)"
               R"("modelId":"anthropic.claude-3-haiku-20240307-v1:0","input":{{"inputBodyJson":{{"text":"{}"}},)"
               R"("inputTokenCount":{}}},"output":{{"outputTokenCount":{}}}}})",
               9 + i / 3600, i / 60 % 60, i % 60, i, std::string(body, 'x'), i + 1, 2 * i + 1) +
           "\n";
  };
  std::string text;
  std::int64_t input = 0;
  std::int64_t output = 0;
  int n = 0;
  for (; n < 4000; ++n) {
    text += record(n, static_cast<std::size_t>(n % 2000));
    input += n + 1;
    output += 2 * n + 1;
  }
  for (const std::size_t body : {std::size_t{100} << 10, std::size_t{5} << 20}) {
    text += record(n, body);
    input += n + 1;
    output += 2 * n + 1;
    ++n;
  }
  REQUIRE(text.size() > (std::size_t{9} << 20));
  const auto check = [&](const usage::UsageSet& set) {
    CHECK(set.stats.records == n);
    REQUIRE(set.models.size() == 1);
    const auto total = set.models.begin()->second.total();
    CHECK(total.input == input);
    CHECK(total.output == output);
  };
  check(read_paths({temp_file("big.jsonl", text)}));
  const std::string gz = temp_file("big.jsonl.gz", "");
  gzFile out = gzopen(gz.c_str(), "wb");
  REQUIRE(out != nullptr);
  REQUIRE(gzwrite(out, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
  REQUIRE(gzclose(out) == Z_OK);
  check(read_paths({gz}));
}

TEST_CASE("counts too large to add up are an error naming the line, or skipped, not an internal error") {
  // Seen while fuzzing the usage readers: profile of two such models failed with 'internal error: a token count
  // does not fit in 64 bits', estimate --usage with 'internal error: a minute's token count is too large to price'.
  const std::string header = "timestamp,model_id,input_tokens,output_tokens,requests\n";
  const std::string a = "2024-05-14T09:00:00Z,a.model-v1,5000000000000000,0,1\n";
  const std::string b = "2024-05-14T09:00:00Z,b.model-v1,5000000000000000,0,1\n";
  const std::string too_much = "the counts would take the usage past 9,000,000,000,000,000 tokens and requests in all";
  CHECK_THROWS_WITH(read_paths({temp_file("two.csv", header + a + b)}), Catch::EndsWith("two.csv:3: " + too_much));
  CHECK_THROWS_WITH(
      read_paths({temp_file("one.csv", header + "2024-05-14T09:00:00Z,a.model-v1,1,9223372036854775807,1\n")}),
      Catch::EndsWith("one.csv:2: " + too_much));
  usage::ImportOptions skip;
  skip.skip_invalid = true;
  const auto set = read_paths({temp_file("two.csv", header + a + b)}, skip);
  CHECK(set.stats.skipped_invalid == 1);
  REQUIRE(set.models.size() == 1);
  const auto& series = set.models.begin()->second;
  CHECK(series.total().input == 5'000'000'000'000'000);
  CHECK(series.profile(set.first_minute, set.span_minutes()).buckets[0].input == 5'000'000'000'000'000'000);
  CHECK(usage::summarise(set).models.at(0).tpm.peak == 5.0e15);
  // The limit holds across files, and a CloudWatch point spread over minutes counts whole.
  CHECK_THROWS_WITH(read_paths({temp_file("a.csv", header + a), temp_file("b.csv", header + b)}),
                    Catch::EndsWith("b.csv:2: " + too_much));
  std::istringstream in(R"({"Label": "InputTokenCount", "Datapoints": [
    {"Timestamp": "2024-05-14T09:00:00Z", "Sum": 6000000000000000}, {"Timestamp": "2024-05-14T09:05:00Z", "Sum": 6000000000000000}]})");
  usage::ImportOptions statistics;
  statistics.stdin_stream = &in;
  statistics.model = k_haiku;
  statistics.period_seconds = 300;
  statistics.skip_invalid = true;
  const auto spread = read({"-"}, statistics);
  CHECK(spread.stats.skipped_invalid == 1);
  CHECK(spread.stats.records == 1);
  CHECK(haiku(spread).total().input == 6'000'000'000'000'000);
}

TEST_CASE("stdin is detected like a file") {
  std::ifstream csv(k_dir + "/per-minute.csv");
  usage::ImportOptions options;
  options.stdin_stream = &csv;
  check_the_traffic(haiku(read({"-"}, options)));
}

TEST_CASE("the profile summary of the fixture, by hand") {
  const usage::UsageReport report = usage::summarise(read({"logs.jsonl"}));
  REQUIRE(report.models.size() == 1);
  const auto& s = report.models[0];
  // Per-minute TPM 1,650, 0, 2,300, 660, 4,400: mean 1,802; nearest-rank p50 1,650, p90 and peak 4,400.
  CHECK(s.tpm.avg == Approx(1802.0));
  CHECK(s.tpm.p50 == 1650.0);
  CHECK(s.tpm.p90 == 4400.0);
  CHECK(s.tpm.peak == 4400.0);
  CHECK(s.peak_rpm == 3.0);
  CHECK(s.idle_minutes == 1);
  CHECK(s.gaps == 1);
  CHECK(usage::hour_of_week_text(s.busiest_hour_of_week) == "Tue 09:00");
}

TEST_CASE("every model is priced over the period all the usage covers (review fix)") {
  // Haiku: 2M tokens in two minutes; Nova Lite: a row at each end of the week.
  const auto path = temp_file("week.csv", "timestamp,model_id,input_tokens,output_tokens,requests\n"
                                          "2024-05-13T09:00:00Z,anthropic.claude-3-haiku-20240307-v1:0,1000000,0,1\n"
                                          "2024-05-13T09:01:00Z,anthropic.claude-3-haiku-20240307-v1:0,1000000,0,1\n"
                                          "2024-05-13T00:00:00Z,amazon.nova-lite-v1:0,10,1,1\n"
                                          "2024-05-19T23:59:00Z,amazon.nova-lite-v1:0,10,1,1\n");
  const auto set = read_paths({path});
  CHECK(set.span_minutes() == 7 * 1440);
  const auto& haiku_usage = set.models.at({k_haiku, "us-east-1"});
  const auto p = haiku_usage.profile(set.first_minute, set.span_minutes());
  CHECK(p.span_minutes() == 7 * 1440);
  static const catalog::Catalog c = catalog::embedded_catalog();
  workload::WorkloadSpec spec;
  spec.model = spec.name = k_haiku;
  spec.series = std::make_shared<const workload::TrafficProfile>(p);
  spec.origin = spec.model_origin = spec.region_origin = "usage";
  // 2M tokens a week x (43,800 / 10,080) = 8,690,476.19 tokens a month at $0.25 per 1M: $2.17.
  const auto report = engine::estimate(c, {spec}, {});
  CHECK(report.total_on_demand.round_cents() == 217);
  const usage::UsageReport summary = usage::summarise(set);
  CHECK(summary.models.at(0).span_minutes == 7 * 1440);
}

TEST_CASE("a stray timestamp in any model is an error, not years of minutes (review fix)") {
  const auto path = temp_file("span.csv", "timestamp,model_id,input_tokens,output_tokens,requests\n"
                                          "2024-01-01T00:00:00Z,a,1,1,1\n"
                                          "2100-01-01T00:00:00Z,b,1,1,1\n");
  CHECK_THROWS_WITH(read_paths({path}),
                    Catch::Contains("span.csv:3: 2100-01-01T00:00:00Z is more than two years from the "
                                    "rest of the usage"));
}

TEST_CASE("CloudWatch points without a query are 60-second sums unless --metric-period says otherwise (review fix)") {
  usage::ImportOptions options;
  options.model = k_haiku;
  const auto set = read({"metric-statistics-300s.json"}, options);
  const auto& s = haiku(set);
  REQUIRE(s.span_minutes() == 6); // 09:00 and 09:05, the minutes between idle
  CHECK(s.at(s.first_minute() + 0).input == 1500);
  CHECK(s.at(s.first_minute() + 5).input == 7);
  REQUIRE(!set.notes.empty());
  CHECK(set.notes.front().find("read as 60-second sums") != std::string::npos);
}

TEST_CASE("the busiest hour ignores hours cut by the ends of the span (review fix)") {
  std::string csv = "timestamp,model_id,input_tokens,output_tokens,requests\n2024-05-14T09:59:00Z,m,1000,0,1\n";
  for (int minute = 0; minute < 60; ++minute) {
    csv += fmt::format("2024-05-14T10:{:02}:00Z,m,500,0,1\n", minute);
  }
  const auto report = usage::summarise(read_paths({temp_file("hours.csv", csv)}));
  CHECK(usage::hour_of_week_text(report.models.at(0).busiest_hour_of_week) == "Tue 10:00");
}

TEST_CASE("a byte-order mark before a quoted CSV header (review fix)") {
  const auto path = temp_file("bom.csv", "\xEF\xBB\xBF\"timestamp\",\"model_id\",\"input_tokens\",\"output_tokens\","
                                         "\"requests\"\n\"2024-05-14T09:00:00Z\",\"m\",\"5\",\"1\",\"1\"\n");
  CHECK(read_paths({path}).stats.records == 1);
}

TEST_CASE("query files: alone an error, read first even with a forced format (review fix)") {
  CHECK_THROWS_WITH(read({"metric-data-query.json"}), Catch::Contains("a get-metric-data query file holds no data"));
  usage::ImportOptions forced;
  forced.format = usage::Format::metric_data;
  check_the_traffic(haiku(read({"metric-data.json", "metric-data-query.json"}, forced)));
}

TEST_CASE("query files: a malformed dimension or statistic names its JSON path, not an internal error") {
  // Seen while fuzzing: nlohmann's type_error escaped as 'internal error: [json.exception...]'.
  const auto error = [](const std::string& metric_stat) -> std::string {
    const std::string query = temp_file("query.json", R"([{"Id": "q", "MetricStat": )" + metric_stat + "}]");
    try {
      read_paths({query, k_dir + "/metric-data.json"});
    } catch (const InputError& e) {
      return std::string(e.what()).substr(query.size());
    }
    return "(no error)";
  };
  const std::string metric = R"("Metric": {"MetricName": "InputTokenCount", "Dimensions": )";
  CHECK(error("{" + metric + "[3]}}") == ": /0/MetricStat/Metric/Dimensions/0: expected a dimension object with Name "
                                         "and Value");
  CHECK(error("{" + metric + R"([{"Name": 4, "Value": "m"}]}})") ==
        ": /0/MetricStat/Metric/Dimensions/0/Name: expected a non-empty string, got 4");
  CHECK(error("{" + metric + R"([{"Name": "ModelId"}]}})") ==
        ": /0/MetricStat/Metric/Dimensions/0/Value: missing required string");
  CHECK(error("{" + metric + R"({}}})") == ": /0/MetricStat/Metric/Dimensions: expected an array, got an object");
  CHECK(error("{" + metric + R"([]}, "Stat": 5})") == ": /0/MetricStat/Stat: expected a non-empty string, got 5");
}

TEST_CASE("CloudWatch points closer than their period are an error, not a period of minutes each") {
  // Found reading the spreading code while fuzzing: 200 points a minute apart with a 500,000-minute query period
  // took 9 s (10^8 minutes added), a few thousand would take minutes.
  const std::string query = temp_file("query.json", R"([{"Id": "a", "MetricStat": {"Metric": {"MetricName":
    "InputTokenCount", "Dimensions": [{"Name": "ModelId", "Value": "amazon.nova-lite-v1:0"}]}, "Period": 3600}}])");
  const std::string output = temp_file("output.json", R"({"MetricDataResults": [{"Id": "a", "Timestamps":
    ["2024-05-14T09:00:00Z", "2024-05-14T10:00:00Z", "2024-05-14T10:00:00Z", "2024-05-14T10:01:00Z"],
    "Values": [1, 2, 2, 3]}]})");
  CHECK_THROWS_WITH(read_paths({query, output}),
                    output + ": /MetricDataResults/0: points 60 s apart, closer than their period of 3600 s (from the "
                             "query file); give the query file of this output, or the right --metric-period");
  usage::ImportOptions period;
  period.model = k_haiku;
  period.period_seconds = 300;
  CHECK_THROWS_WITH(read({"metric-data.json"}, period),
                    Catch::Contains("apart, closer than their period of 300 s (--metric-period)"));
  // A period apart (a repeated point counted once) is fine.
  const std::string spaced = temp_file("spaced.json", R"({"MetricDataResults": [{"Id": "a", "Timestamps":
    ["2024-05-14T09:00:00Z", "2024-05-14T10:00:00Z", "2024-05-14T10:00:00Z"], "Values": [60, 120, 120]}]})");
  const auto set = read_paths({query, spaced});
  CHECK(set.span_minutes() == 120);
  CHECK(set.stats.duplicates == 1);
}

TEST_CASE("a page of get-metric-data with a NextToken is warned") {
  const auto path = temp_file("page.json", R"({"MetricDataResults": [], "NextToken": "abc"})");
  usage::ImportOptions options;
  options.model = k_haiku;
  const auto set = read_paths({path}, options);
  REQUIRE(set.warnings.size() == 1);
  CHECK(set.warnings[0].find("/NextToken") != std::string::npos);
}

TEST_CASE("'-' without a standard input stream is an error naming it") {
  // The command line always passes its stdin; a library caller may not.
  CHECK_THROWS_WITH(read({"-"}), "-: no standard input to read");
}

TEST_CASE("quoted CSV fields: a comma and doubled quotes inside, a quote never closed") {
  // The model field holds a comma and a doubled quote: one field, read as m,"x".
  const auto path = temp_file("quoted.csv", "timestamp,model_id,input_tokens,output_tokens,requests\n"
                                            "2024-05-14T09:00:00Z,\"m,\"\"x\"\"\",5,1,1\n");
  const usage::UsageSet set = read_paths({path});
  REQUIRE(set.models.size() == 1);
  CHECK(set.models.begin()->first.first == "m,\"x\"");
  const auto open_quote = temp_file("open.csv", "timestamp,model_id,input_tokens,output_tokens,requests\n"
                                                "2024-05-14T09:00:00Z,\"m,5,1,1\n");
  CHECK_THROWS_WITH(read_paths({open_quote}), Catch::Contains("open.csv:2: malformed CSV (an unterminated quote?)"));
  const auto after_quote = temp_file("after.csv", "timestamp,model_id,input_tokens,output_tokens,requests\n"
                                                  "2024-05-14T09:00:00Z,\"m\"x,5,1,1\n");
  CHECK_THROWS_WITH(read_paths({after_quote}), Catch::Contains("after.csv:2: malformed CSV"));
}
