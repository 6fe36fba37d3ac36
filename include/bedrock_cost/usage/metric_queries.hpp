#pragma once

// The `aws cloudwatch get-metric-data` calls that fetch the AWS/Bedrock metrics the importer reads
// (docs/usage-formats.md, "Getting the data"), written as `--cli-input-json` files.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::usage {

// An AWS/Bedrock metric of a model's traffic, and the word its query Ids start with.
struct TrafficMetric {
  std::string_view name;
  std::string_view key;
};

// The metrics the importer reads, in query order.
inline constexpr std::array<TrafficMetric, 5> k_traffic_metrics = {{{"InputTokenCount", "input"},
                                                                    {"OutputTokenCount", "output"},
                                                                    {"Invocations", "invocations"},
                                                                    {"CacheReadInputTokenCount", "cache_read"},
                                                                    {"CacheWriteInputTokenCount", "cache_write"}}};

// CloudWatch's limits on one GetMetricData call: queries per call, and data points per page (more points come as
// further pages, which the AWS CLI fetches unless told --no-paginate).
inline constexpr std::size_t k_max_queries_per_call = 500;
inline constexpr std::int64_t k_max_points_per_page = 100'800;

// How long CloudWatch keeps data of each period, in days.
inline constexpr std::int64_t k_days_kept_60s = 15;
inline constexpr std::int64_t k_days_kept_300s = 63;
inline constexpr std::int64_t k_days_kept_3600s = 455;

// The time range of the queries, as the command line gives it.
struct TimeRangeRequest {
  std::optional<std::int64_t> since_seconds; // --since
  std::optional<std::int64_t> until_seconds; // --until
  std::optional<std::int64_t> days;          // --days
  std::int64_t period_seconds = 60;
};

// [start, end) in seconds since 1970-01-01 UTC. Without --until the range ends at `now_seconds` rounded down to
// the period; without --since it starts --days (default 14) before its end. Throws UsageError when it is empty or
// starts after `now_seconds`.
std::pair<std::int64_t, std::int64_t> query_time_range(const TimeRangeRequest& request, std::int64_t now_seconds);

// What to fetch.
struct QueryRequest {
  std::vector<std::string> models; // ModelId dimension values, in order (a repeated one is queried once)
  std::string region = "us-east-1";
  std::int64_t start_seconds = 0; // StartTime, inclusive
  std::int64_t end_seconds = 0;   // EndTime, exclusive
  std::int64_t period_seconds = 60;
  // The query file; when the queries need several calls, "q.json" becomes q-1.json, q-2.json, ...
  std::string query_file = "q.json";
};

// One MetricDataQuery: the Sum of one metric of one model.
struct MetricQuerySpec {
  std::string id; // a valid CloudWatch Id: a lower-case letter first, then letters, digits and '_'
  std::string model;
  std::string_view metric;
};

// One get-metric-data call: its queries, the file that holds them and the file its output goes to.
struct QueryCall {
  std::vector<MetricQuerySpec> queries;
  std::string query_file;
  std::string output_file; // "q.json" -> "q-output.json"
};

// The calls that fetch every metric of every model over the time range.
struct QueryPlan {
  QueryRequest request;
  std::vector<QueryCall> calls;
  std::size_t models = 0;
  std::int64_t points_per_query = 0; // periods in [start, end)
  std::vector<std::string> warnings; // the time range against what CloudWatch keeps

  std::size_t queries() const;
  // The most data points `call` returns (a point in every period of every query), and the pages they take.
  std::int64_t points(const QueryCall& call) const;
  std::int64_t pages(const QueryCall& call) const;
};

// The calls, each of at most k_max_queries_per_call queries (all the metrics of a model in one call); warns when
// the range starts before what CloudWatch keeps at the period, counted back from `now_seconds`. Throws UsageError
// when there is no model, the range is empty or the period is not 60, 300 or 3600 seconds.
QueryPlan plan_metric_queries(const QueryRequest& request, std::int64_t now_seconds);

// A valid CloudWatch query Id for a metric of a model: `key` and the model ID with every character other than a
// letter, digit or '_' as '_', cut to 255 characters ("input_anthropic_claude_3_haiku_20240307_v1_0").
std::string query_id(std::string_view key, std::string_view model);

// The --cli-input-json document of one call (MetricDataQueries, StartTime, EndTime, ScanBy), as indented JSON.
std::string query_document(const QueryPlan& plan, const QueryCall& call);

// `aws cloudwatch get-metric-data --region R --cli-input-json file://Q --output json > O` for one call.
std::string fetch_command(const QueryPlan& plan, const QueryCall& call);
// `bedrock-cost estimate --usage Q… O…`: every query file and output, in call order.
std::string estimate_command(const QueryPlan& plan);

} // namespace bedrock_cost::usage
