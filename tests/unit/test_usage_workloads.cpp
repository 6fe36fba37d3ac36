// usage::workloads(): imported usage as the engine's workloads, with what each covers and the checks that keep a
// total from being silently wrong (issue 13). Every figure below is worked out by hand in its comment.

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/workloads.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace bedrock_cost;

namespace {

constexpr std::int64_t k_monday = 28'592'640; // 2024-05-13T00:00:00Z in minutes since 1970 (1,715,558,400 s / 60)
constexpr std::int64_t k_day = 1440;
constexpr std::int64_t k_week = 7 * k_day;
const std::string k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";
const std::string k_sonnet = "anthropic.claude-3-5-sonnet-20241022-v2:0";

usage::Counts tokens(std::int64_t input, std::int64_t output) {
  usage::Counts counts;
  counts.input = input;
  counts.output = output;
  counts.requests = 1;
  return counts;
}

// Sets the usage's period to its data's first and last minute, as the importer does without --period.
void close_period(usage::UsageSet& set) {
  bool first = true;
  for (const auto& [key, series] : set.models) {
    for (const auto& [minute, data] : series.minutes()) {
      set.first_minute = first ? minute : std::min(set.first_minute, minute);
      set.last_minute = first ? minute : std::max(set.last_minute, minute);
      first = false;
    }
  }
  set.data_first_minute = set.first_minute;
  set.data_last_minute = set.last_minute;
}

double factor(const workload::WorkloadSpec& spec) {
  const auto [numerator, denominator] =
      workload::month_fraction(*spec.series, util::Fixed9::from_units(730 * util::Fixed9::k_scale));
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

bool contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines) {
    if (line.find(part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("a whole week of usage is scaled by 43,800 / 10,080 and says what it covers, without a warning") {
  usage::UsageSet set;
  set.series(k_haiku, "us-east-1").add(k_monday, tokens(1000, 100));
  set.series(k_haiku, "us-east-1").add(k_monday + k_week - 1, tokens(3000, 300)); // Sunday 23:59
  close_period(set);
  const usage::UsageWorkloads result = usage::workloads(set, {});
  REQUIRE(result.workloads.size() == 1);
  const workload::WorkloadSpec& spec = result.workloads[0];
  REQUIRE(spec.coverage);
  CHECK(spec.coverage->period_first_minute == k_monday);
  CHECK(spec.coverage->period_minutes == k_week);
  CHECK(spec.coverage->minutes_with_data == 2);
  CHECK(spec.coverage->data_first_minute == k_monday);
  CHECK(spec.coverage->data_last_minute == k_monday + k_week - 1);
  CHECK(spec.coverage->to_month == "scale");
  CHECK(factor(spec) == Approx(43'800.0 / 10'080.0)); // 730 h x 60 / one week = 4.345238
  CHECK(spec.series->bucket_count() == k_week);
  CHECK(spec.series->buckets.size() == 2); // sparse: the minutes with data only
  CHECK(result.warnings.empty());
  CHECK(spec.warnings.empty());
}

TEST_CASE("less than a week, or not whole weeks, is warned where the total is printed") {
  CHECK(contains(usage::coverage_warnings(k_monday, 4 * 60, ""), "the usage covers 4 h 0 min"));
  CHECK(contains(usage::coverage_warnings(k_monday, 4 * 60, ""), "less than a week"));
  CHECK(contains(usage::coverage_warnings(k_monday, 8 * k_day, ""), "not a whole number of weeks"));
  CHECK(usage::coverage_warnings(k_monday, 2 * k_week, "").empty());
  CHECK(contains(usage::coverage_warnings(k_monday, 3 * k_day, "--period"), ", --period)"));
}

TEST_CASE("whole-weeks (--to-month) prices the last whole weeks only, and refuses less than a week") {
  usage::UsageSet set;
  set.series(k_haiku, "us-east-1").add(k_monday, tokens(7000, 700));                 // in the day left out
  set.series(k_haiku, "us-east-1").add(k_monday + k_day, tokens(1000, 100));         // first minute priced
  set.series(k_haiku, "us-east-1").add(k_monday + 8 * k_day - 1, tokens(2000, 200)); // last minute
  close_period(set);
  usage::WorkloadOptions options;
  options.to_month = usage::ToMonth::whole_weeks;
  const usage::UsageWorkloads result = usage::workloads(set, options);
  REQUIRE(result.workloads.size() == 1);
  const workload::WorkloadSpec& spec = result.workloads[0];
  // 8 days of data: the last 10,080 minutes, from Tuesday 00:00, are priced; Monday's 7,000 tokens are left out.
  CHECK(spec.coverage->period_first_minute == k_monday + k_day);
  CHECK(spec.coverage->period_minutes == k_week);
  CHECK(spec.coverage->minutes_with_data == 2);
  CHECK(spec.coverage->to_month == "whole-weeks");
  CHECK(factor(spec) == Approx(43'800.0 / 10'080.0));
  CHECK(contains(result.notes, "the last whole week of the usage"));

  usage::UsageSet short_set;
  short_set.series(k_haiku, "us-east-1").add(k_monday, tokens(1, 1));
  short_set.series(k_haiku, "us-east-1").add(k_monday + 3 * k_day, tokens(1, 1));
  close_period(short_set);
  CHECK_THROWS_AS(usage::workloads(short_set, options), InputError);
}

TEST_CASE("as-is (--to-month) takes the period's traffic as a month's (k = 1), with a warning when it is not a month") {
  usage::UsageSet set;
  set.series(k_haiku, "us-east-1").add(k_monday, tokens(1000, 100));
  set.series(k_haiku, "us-east-1").add(k_monday + k_week - 1, tokens(1000, 100));
  close_period(set);
  usage::WorkloadOptions options;
  options.to_month = usage::ToMonth::as_is;
  const usage::UsageWorkloads result = usage::workloads(set, options);
  REQUIRE(result.workloads.size() == 1);
  CHECK(factor(result.workloads[0]) == 1.0);
  CHECK(contains(result.warnings, "--to-month as-is prices 7 d of usage"));
}

TEST_CASE("a stated period longer than the data counts its minutes without data as idle") {
  usage::UsageSet set;
  set.series(k_haiku, "us-east-1").add(k_monday, tokens(1000, 100));
  set.first_minute = k_monday;
  set.last_minute = k_monday + 2 * k_week - 1; // --period of two weeks
  set.data_first_minute = set.data_last_minute = k_monday;
  set.period_origin = "--period";
  const usage::UsageWorkloads result = usage::workloads(set, {});
  REQUIRE(result.workloads.size() == 1);
  const workload::WorkloadSpec& spec = result.workloads[0];
  CHECK(spec.coverage->period_minutes == 2 * k_week);
  CHECK(spec.coverage->period_origin == "--period");
  CHECK(factor(spec) == Approx(43'800.0 / 20'160.0)); // half the one-week factor
  // Its data stops far inside the period: said, with advice that fits a stated period.
  REQUIRE(spec.warnings.size() == 1);
  CHECK(spec.warnings[0].find("covers only 1 min") != std::string::npos);
  CHECK(spec.warnings[0].find("covers the whole period (--period)") != std::string::npos);
}

TEST_CASE("a model seen over part of the common period is warned, naming both spans") {
  usage::UsageSet set;
  for (std::int64_t day = 0; day < 7; ++day) {
    set.series(k_haiku, "us-east-1").add(k_monday + day * k_day, tokens(1000, 100));
  }
  set.series(k_haiku, "us-east-1").add(k_monday + k_week - 1, tokens(1000, 100));
  set.series(k_sonnet, "us-east-1").add(k_monday + 60, tokens(500, 50)); // Monday only
  set.series(k_sonnet, "us-east-1").add(k_monday + 120, tokens(500, 50));
  close_period(set);
  const usage::UsageWorkloads result = usage::workloads(set, {});
  REQUIRE(result.workloads.size() == 2);
  const auto& sonnet = result.workloads[0].model == k_sonnet ? result.workloads[0] : result.workloads[1];
  const auto& haiku = result.workloads[0].model == k_haiku ? result.workloads[0] : result.workloads[1];
  CHECK(haiku.warnings.empty());
  REQUIRE(sonnet.warnings.size() == 1);
  CHECK(sonnet.warnings[0].find(k_sonnet + " in us-east-1: its usage covers only 1 h 1 min "
                                           "(2024-05-13T01:00:00Z..2024-05-13T02:01:00Z) of the 7 d priced") !=
        std::string::npos);
  // Both are priced over the same week: the same factor.
  CHECK(factor(sonnet) == Approx(factor(haiku)));
}

TEST_CASE("two kinds of source on the same minutes of a model are refused, unless the user says they differ") {
  usage::UsageSet set;
  usage::ModelUsage& series = set.series(k_haiku, "us-east-1");
  series.note_file(usage::SourceKind::metrics, "metrics.json");
  series.note_file(usage::SourceKind::invocation_logs, "logs.jsonl");
  series.add(k_monday, tokens(1000, 100), usage::SourceKind::metrics);
  series.add(k_monday, tokens(1000, 100), usage::SourceKind::invocation_logs);
  series.add(k_monday + 1, tokens(1000, 100), usage::SourceKind::metrics);
  close_period(set);
  try {
    (void)usage::workloads(set, {});
    FAIL("expected an error");
  } catch (const InputError& e) {
    const std::string message = e.what();
    CHECK(message.find("CloudWatch metrics (metrics.json) and invocation logs (logs.jsonl) both describe 1 minute") !=
          std::string::npos);
    CHECK(message.find("--mixed-sources") != std::string::npos);
  }
  usage::WorkloadOptions options;
  options.mixed_sources = true;
  const usage::UsageWorkloads result = usage::workloads(set, options);
  REQUIRE(result.workloads.size() == 1);
  CHECK(result.workloads[0].coverage->minutes_with_data == 2);
}

TEST_CASE("two kinds of source on different minutes of a model are not an error") {
  usage::UsageSet set;
  usage::ModelUsage& series = set.series(k_haiku, "us-east-1");
  series.add(k_monday, tokens(1000, 100), usage::SourceKind::metrics);
  series.add(k_monday + 1, tokens(1000, 100), usage::SourceKind::invocation_logs);
  close_period(set);
  CHECK(usage::workloads(set, {}).workloads.size() == 1);
}

TEST_CASE("keep selects the series priced") {
  usage::UsageSet set;
  set.series(k_haiku, "us-east-1").add(k_monday, tokens(1000, 100));
  set.series(k_sonnet, "us-east-1").add(k_monday, tokens(1000, 100));
  close_period(set);
  usage::WorkloadOptions options;
  options.keep = [](const usage::ModelUsage& s) { return s.model() == k_sonnet; };
  const usage::UsageWorkloads result = usage::workloads(set, options);
  REQUIRE(result.workloads.size() == 1);
  CHECK(result.workloads[0].model == k_sonnet);
}
