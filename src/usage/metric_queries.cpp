#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/metric_queries.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace bedrock_cost::usage {

namespace {

constexpr std::int64_t k_day = 86'400;
constexpr std::int64_t k_default_days = 14; // the 15 days of 60-second data, less a day's margin
constexpr std::size_t k_max_id_length = 255;

// "q.json" as {"q", ".json"}; a leading dot of the name is not an extension.
std::pair<std::string, std::string> split_extension(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::size_t name = slash == std::string::npos ? 0 : slash + 1;
  const std::size_t dot = path.rfind('.');
  if (dot == std::string::npos || dot <= name) {
    return {path, ""};
  }
  return {path.substr(0, dot), path.substr(dot)};
}

// The file of call `number` (from 1) of `calls`: the query file itself when there is one call, else q-1.json, ...
std::string call_file(const std::string& query_file, std::size_t number, std::size_t calls) {
  if (calls == 1) {
    return query_file;
  }
  const auto [stem, extension] = split_extension(query_file);
  return fmt::format("{}-{}{}", stem, number, extension);
}

std::string output_file(const std::string& query_file) {
  const auto [stem, extension] = split_extension(query_file);
  return fmt::format("{}-output{}", stem, extension.empty() ? ".json" : extension);
}

// `word` as one shell word: as it is when it holds only characters no shell treats specially, else single-quoted.
std::string shell_word(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_./:=@%+,-").find(c) != std::string_view::npos;
  });
  if (plain) {
    return std::string(word);
  }
  std::string quoted = "'";
  for (const char c : word) {
    quoted += c == '\'' ? std::string(R"('\'')") : std::string(1, c);
  }
  return quoted + "'";
}

// The models in order, each once.
std::vector<std::string> distinct(const std::vector<std::string>& models) {
  std::vector<std::string> result;
  std::set<std::string> seen;
  for (const std::string& model : models) {
    if (seen.insert(model).second) {
      result.push_back(model);
    }
  }
  return result;
}

// `id`, or with "_2", "_3", ... when another query has it already.
std::string unique_id(std::string id, std::set<std::string>& used) {
  const std::string base = id;
  for (int n = 2; !used.insert(id).second; ++n) {
    const std::string suffix = fmt::format("_{}", n);
    id = base.substr(0, k_max_id_length - suffix.size()) + suffix;
  }
  return id;
}

// What CloudWatch keeps of a range starting `age_seconds` ago at `period_seconds`, when it is not all of it.
std::optional<std::string> retention_warning(std::int64_t age_seconds, std::int64_t period_seconds) {
  if (age_seconds > k_days_kept_3600s * k_day) {
    return fmt::format("the time range starts more than {} days ago: CloudWatch keeps no metric data that old, even "
                       "at --metric-period 3600",
                       k_days_kept_3600s);
  }
  if (period_seconds < 300 && age_seconds > k_days_kept_60s * k_day) {
    return fmt::format("the time range starts more than {} days ago: CloudWatch returns no 60-second data for it; "
                       "use --metric-period 300 (kept {} days) or --metric-period 3600 (kept {} days)",
                       k_days_kept_60s, k_days_kept_300s, k_days_kept_3600s);
  }
  if (period_seconds < 3600 && age_seconds > k_days_kept_300s * k_day) {
    return fmt::format("the time range starts more than {} days ago: CloudWatch returns no 300-second data for it; "
                       "use --metric-period 3600 (kept {} days)",
                       k_days_kept_300s, k_days_kept_3600s);
  }
  return std::nullopt;
}

void check_range(std::int64_t start_seconds, std::int64_t end_seconds) {
  if (end_seconds <= start_seconds) {
    throw UsageError(fmt::format("the time range is empty: --until {} is not after --since {}",
                                 format_timestamp(end_seconds), format_timestamp(start_seconds)));
  }
}

void check_request(const QueryRequest& request) {
  if (request.models.empty()) {
    throw UsageError("cloudwatch-query: give the models: --model ID (repeatable) or --all-models");
  }
  if (request.period_seconds != 60 && request.period_seconds != 300 && request.period_seconds != 3600) {
    throw UsageError(fmt::format("--metric-period: expected 60, 300 or 3600 seconds, got {}", request.period_seconds));
  }
  check_range(request.start_seconds, request.end_seconds);
}

nlohmann::ordered_json query_json(const MetricQuerySpec& query, std::int64_t period_seconds) {
  nlohmann::ordered_json metric;
  metric["Namespace"] = "AWS/Bedrock";
  metric["MetricName"] = query.metric;
  metric["Dimensions"] = nlohmann::ordered_json::array({{{"Name", "ModelId"}, {"Value", query.model}}});
  nlohmann::ordered_json stat;
  stat["Metric"] = std::move(metric);
  stat["Period"] = period_seconds;
  stat["Stat"] = "Sum";
  nlohmann::ordered_json result;
  result["Id"] = query.id;
  result["MetricStat"] = std::move(stat);
  result["ReturnData"] = true;
  return result;
}

} // namespace

std::pair<std::int64_t, std::int64_t> query_time_range(const TimeRangeRequest& request, std::int64_t now_seconds) {
  if (request.since_seconds && request.days) {
    throw UsageError("cloudwatch-query: give --since or --days, not both");
  }
  if (request.since_seconds && *request.since_seconds >= now_seconds) {
    throw UsageError(
        fmt::format("--since {} is in the future: there is no data yet", format_timestamp(*request.since_seconds)));
  }
  const std::int64_t period = std::max<std::int64_t>(1, request.period_seconds);
  const std::int64_t end = request.until_seconds.value_or(now_seconds - now_seconds % period);
  const std::int64_t start = request.since_seconds.value_or(end - request.days.value_or(k_default_days) * k_day);
  check_range(start, end);
  return {start, end};
}

std::string query_id(std::string_view key, std::string_view model) {
  std::string id = fmt::format("{}_{}", key, model);
  for (char& c : id) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    c = word ? c : '_';
  }
  return id.substr(0, k_max_id_length);
}

QueryPlan plan_metric_queries(const QueryRequest& request, std::int64_t now_seconds) {
  check_request(request);
  QueryPlan plan;
  plan.request = request;
  const std::vector<std::string> models = distinct(request.models);
  plan.models = models.size();
  constexpr std::size_t k_models_per_call = k_max_queries_per_call / k_traffic_metrics.size();
  const std::size_t calls = (models.size() + k_models_per_call - 1) / k_models_per_call;
  std::set<std::string> used;
  for (std::size_t i = 0; i < models.size(); ++i) {
    if (i % k_models_per_call == 0) {
      QueryCall& call = plan.calls.emplace_back();
      call.query_file = call_file(request.query_file, plan.calls.size(), calls);
      call.output_file = output_file(call.query_file);
    }
    for (const TrafficMetric& metric : k_traffic_metrics) {
      plan.calls.back().queries.push_back({unique_id(query_id(metric.key, models[i]), used), models[i], metric.name});
    }
  }
  const std::int64_t span = request.end_seconds - request.start_seconds;
  plan.points_per_query = (span + request.period_seconds - 1) / request.period_seconds;
  if (auto warning = retention_warning(now_seconds - request.start_seconds, request.period_seconds)) {
    plan.warnings.push_back(std::move(*warning));
  }
  return plan;
}

std::size_t QueryPlan::queries() const {
  std::size_t count = 0;
  for (const QueryCall& call : calls) {
    count += call.queries.size();
  }
  return count;
}

std::int64_t QueryPlan::points(const QueryCall& call) const {
  return static_cast<std::int64_t>(call.queries.size()) * points_per_query;
}

std::int64_t QueryPlan::pages(const QueryCall& call) const {
  return std::max<std::int64_t>(1, (points(call) + k_max_points_per_page - 1) / k_max_points_per_page);
}

std::string query_document(const QueryPlan& plan, const QueryCall& call) {
  nlohmann::ordered_json document;
  document["MetricDataQueries"] = nlohmann::ordered_json::array();
  for (const MetricQuerySpec& query : call.queries) {
    document["MetricDataQueries"].push_back(query_json(query, plan.request.period_seconds));
  }
  document["StartTime"] = format_timestamp(plan.request.start_seconds);
  document["EndTime"] = format_timestamp(plan.request.end_seconds);
  document["ScanBy"] = "TimestampAscending";
  return util::dump_json(document, 2) + "\n";
}

std::string fetch_command(const QueryPlan& plan, const QueryCall& call) {
  return fmt::format("aws cloudwatch get-metric-data --region {} --cli-input-json {} --output json > {}",
                     shell_word(plan.request.region), shell_word("file://" + call.query_file),
                     shell_word(call.output_file));
}

std::string estimate_command(const QueryPlan& plan) {
  std::string command = fmt::format("bedrock-cost estimate --region {} --usage", shell_word(plan.request.region));
  for (const QueryCall& call : plan.calls) {
    command += fmt::format(" {} {}", shell_word(call.query_file), shell_word(call.output_file));
  }
  return command;
}

} // namespace bedrock_cost::usage
