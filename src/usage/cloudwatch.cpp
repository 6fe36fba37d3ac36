// CloudWatch formats: get-metric-data (and its query file), get-metric-statistics, and the CloudWatch Logs
// filter-log-events export. The documents are read with a SAX parser, one series or one event at a time, so
// memory follows the data points kept, not the file.

#include "readers.hpp"

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>
#include <bedrock_cost/util/json_sax.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <variant>

namespace bedrock_cost::usage::detail {

namespace {

using nlohmann::json;

using Segment = std::variant<std::string, std::size_t>;
using Path = std::vector<Segment>;

// The JSON pointer of the first `depth` segments of `path` (built in one string: linear in its length).
std::string pointer(const Path& path, std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < std::min(depth, path.size()); ++i) {
    if (const auto* key = std::get_if<std::string>(&path[i])) {
      util::append_child(text, *key);
    } else {
      util::append_child(text, std::get<std::size_t>(path[i]));
    }
  }
  return text;
}

// A JSON path as a stack of keys and indices, with a callback for every scalar (given the path to it) and every
// closed object (given the path of the object itself).
class PathSax : public nlohmann::json_sax<json> {
public:
  using OnScalar = std::function<void(const Path&, const json&)>;
  using OnEndObject = std::function<void(const Path&)>;

  // `source` names the file in the message of a parser error.
  PathSax(std::string source, OnScalar on_scalar, OnEndObject on_end_object = {})
      : m_source(std::move(source)), m_on_scalar(std::move(on_scalar)), m_on_end_object(std::move(on_end_object)) {}

  // The whole message of a parser error (empty when there was none).
  const std::string& error() const { return m_error; }

  bool null() override { return scalar(json(nullptr)); }
  bool boolean(bool value) override { return scalar(json(value)); }
  bool number_integer(number_integer_t value) override { return scalar(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return scalar(json(value)); }
  bool number_float(number_float_t value, const string_t& /*text*/) override { return scalar(json(value)); }
  bool string(string_t& value) override { return scalar(json(std::move(value))); }
  bool binary(binary_t& /*value*/) override { return scalar(json(nullptr)); }
  bool start_object(std::size_t /*size*/) override {
    m_path.emplace_back(std::string());
    return true;
  }
  bool key(string_t& value) override {
    std::get<std::string>(m_path.back()) = value; // reuses the segment's buffer: no allocation per key
    return true;
  }
  bool end_object() override {
    m_path.pop_back();
    if (m_on_end_object) {
      m_on_end_object(m_path);
    }
    leave();
    return true;
  }
  bool start_array(std::size_t /*size*/) override {
    m_path.emplace_back(std::size_t{0});
    return true;
  }
  bool end_array() override {
    m_path.pop_back();
    leave();
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& e) override {
    // The pointer of the value being read: an array's index already names the next element.
    m_error = util::json_error_message(m_source, pointer(m_path, m_path.size()), e);
    return false;
  }

private:
  bool scalar(const json& value) {
    if (m_on_scalar) {
      m_on_scalar(m_path, value);
    }
    leave();
    return true;
  }
  // After a value inside an array, the next one has the next index.
  void leave() {
    if (!m_path.empty()) {
      if (auto* index = std::get_if<std::size_t>(&m_path.back())) {
        ++*index;
      }
    }
  }
  std::string m_source;
  OnScalar m_on_scalar;
  OnEndObject m_on_end_object;
  std::string m_error;
  // The path of the current value, kept up to date as the parser goes rather than rebuilt for every value.
  Path m_path;
};

bool is(const Path& path, std::size_t index, std::string_view key) {
  const auto* text = index < path.size() ? std::get_if<std::string>(&path[index]) : nullptr;
  return text != nullptr && *text == key;
}

void run_sax(Input& input, PathSax& sax) {
  InputStreamBuf buffer(input);
  std::istream stream(&buffer);
  bool ok = false;
  try {
    ok = util::sax_parse(stream, input.name(), sax);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: {}", input.name(), e.what()));
  }
  if (!ok) {
    throw InputError(sax.error().empty() ? fmt::format("{}: not valid JSON", input.name()) : sax.error());
  }
}

// Which field of Counts a CloudWatch metric fills; nullptr for metrics that are not traffic.
std::int64_t Counts::*metric_field(std::string_view metric) {
  if (metric == "InputTokenCount") {
    return &Counts::input;
  }
  if (metric == "OutputTokenCount") {
    return &Counts::output;
  }
  if (metric == "Invocations") {
    return &Counts::requests;
  }
  if (metric == "CacheReadInputTokenCount" || metric == "CacheReadInputTokens") {
    return &Counts::cache_read;
  }
  if (metric == "CacheWriteInputTokenCount" || metric == "CacheWriteInputTokens") {
    return &Counts::cache_write;
  }
  return nullptr;
}

// A series of (timestamp, value) points of one metric of one model.
struct Series {
  std::string id;
  std::string label;
  std::string status;
  std::vector<json> timestamps;
  std::vector<json> values;
  std::size_t messages = 0;
  std::string where;       // file: JSON path of the result
  bool datapoints = false; // get-metric-statistics: point i is <where>/i/Timestamp and <where>/i/Sum
};

// The period of a series without a query: the greatest common divisor of the gaps between its points (60 s
// when there is a single point).
std::int64_t inferred_period(std::vector<std::int64_t> seconds) {
  std::sort(seconds.begin(), seconds.end());
  seconds.erase(std::unique(seconds.begin(), seconds.end()), seconds.end());
  std::int64_t gcd = 0;
  for (std::size_t i = 1; i < seconds.size(); ++i) {
    gcd = std::gcd(gcd, seconds[i] - seconds[i - 1]);
  }
  return gcd > 0 ? gcd : 60;
}

// Points of a period longer than a minute must be at least a period apart: closer ones are not data of that period
// (the output of another query, or the wrong --metric-period), and spreading each over a period's minutes would overlap
// (and take time in proportion to points x period).
void check_spacing(const Series& series, std::vector<std::int64_t> seconds, std::int64_t period, bool period_known) {
  std::sort(seconds.begin(), seconds.end());
  seconds.erase(std::unique(seconds.begin(), seconds.end()), seconds.end()); // repeated points count once
  for (std::size_t i = 1; i < seconds.size(); ++i) {
    if (const std::int64_t gap = seconds[i] - seconds[i - 1]; gap < period) {
      throw InputError(fmt::format("{}: points {} s apart, closer than their period of {} s ({}); give the query "
                                   "file of this output, or the right --metric-period",
                                   series.where, gap, period,
                                   period_known ? "from the query file" : "--metric-period"));
    }
  }
}

// The time of each point of `series`, in epoch seconds; throws InputError at the first unreadable one.
std::vector<std::int64_t> point_seconds(const Series& series) {
  if (series.timestamps.size() != series.values.size()) {
    throw InputError(
        fmt::format("{}: {} timestamps but {} values", series.where, series.timestamps.size(), series.values.size()));
  }
  std::vector<std::int64_t> seconds;
  seconds.reserve(series.timestamps.size());
  for (std::size_t i = 0; i < series.timestamps.size(); ++i) {
    const json& t = series.timestamps[i];
    std::optional<std::int64_t> parsed;
    if (t.is_string()) {
      parsed = parse_timestamp(t.get<std::string>(), EpochUnit::seconds);
    } else if (t.is_number() && t.get<double>() >= 0 && t.get<double>() < 253402300800.0) {
      parsed = static_cast<std::int64_t>(t.get<double>());
    }
    if (!parsed) {
      throw InputError(fmt::format("{}: unreadable timestamp {}",
                                   series.datapoints ? fmt::format("{}/{}/Timestamp", series.where, i)
                                                     : fmt::format("{}/Timestamps/{}", series.where, i),
                                   util::excerpt(t.dump())));
    }
    seconds.push_back(*parsed);
  }
  return seconds;
}

// The minutes each point of `series` stands for: its query's period, else --metric-period, else 60 s (the points
// alone cannot tell omitted, idle minutes from a longer period). Notes what it assumed; throws InputError for a
// period that is no whole number of minutes, or points closer than their period.
std::int64_t point_minutes(const Series& series, const std::vector<std::int64_t>& seconds, std::int64_t period,
                           bool period_known, Context& context) {
  if (!period_known) {
    period = context.options.period_seconds.value_or(60);
    if (!context.options.period_seconds) {
      if (const std::int64_t spacing = inferred_period(seconds); spacing > 60) {
        context.usage.notes.push_back(fmt::format("{}: the points are {} s or more apart; read as 60-second sums "
                                                  "(give the query file or --metric-period if the data is coarser)",
                                                  series.where, spacing));
      }
    }
  }
  if (period > 60 && period % 60 != 0) {
    throw InputError(fmt::format("{}: a period of {} s is not a whole number of minutes", series.where, period));
  }
  const std::int64_t minutes = std::max<std::int64_t>(1, period / 60);
  check_spacing(series, seconds, period, period_known);
  if (minutes > 1) {
    context.usage.notes.push_back(
        fmt::format("{}: {}-second data points spread evenly over their {} minutes", series.where, period, minutes));
  }
  return minutes;
}

// One point of a metric: its value checked (a whole, non-negative count), a repeat of a point already added
// counted or warned about, then spread evenly over its `minutes` from the minute of `second`.
struct Point {
  const std::string& metric;
  const std::string& model;
  std::int64_t Counts::*field = nullptr;
  std::int64_t minutes = 1;
};

void add_point(const Point& point, std::int64_t second, const json& v, const std::string& where,
               std::map<std::int64_t, std::int64_t>& seen, Context& context) {
  const double value = v.is_number() ? v.get<double>() : -1.0;
  if (!std::isfinite(value) || value < 0 || value > 9.0e15) {
    context.invalid(where, fmt::format("expected a non-negative count, got {}", util::excerpt(v.dump())));
    return;
  }
  const double whole = std::round(value);
  if (std::fabs(value - whole) > 1e-6) {
    context.invalid(where, fmt::format("{} is not a whole number of {} (was the statistic Sum?)", v.dump(),
                                       point.metric == "Invocations" ? "requests" : "tokens"));
    return;
  }
  const auto count = static_cast<std::int64_t>(whole);
  if (const auto [at, fresh] = seen.emplace(second, count); !fresh) {
    if (at->second == count) {
      ++context.usage.stats.duplicates; // the same point again (pages merged by the CLI)
    } else { // two fetches of one period, say, the first while CloudWatch was still filling it in
      context.usage.warnings.push_back(fmt::format("{}: {} of {} at {} is given twice, as {} and as {}; the first is "
                                                   "counted (were two fetches of different times merged?)",
                                                   where, point.metric, point.model, format_timestamp(second),
                                                   at->second, count));
    }
    return;
  }
  Counts total;
  total.*point.field = count;
  if (!context.fits(total)) { // checked for the whole point, which may be spread over several minutes
    context.invalid(where, Context::k_too_much);
    return;
  }
  const std::int64_t start = second - second % 60;
  for (std::int64_t m = 0; m < point.minutes; ++m) {
    Counts counts;
    // Even shares, the remainder to the first minutes: the period's total is kept exactly.
    counts.*point.field = count / point.minutes + (m < count % point.minutes ? 1 : 0);
    context.add(point.model, std::nullopt, start + m * 60, counts, point.field == &Counts::requests, where);
    if (m > 0) {
      --context.usage.stats.records; // one data point, however many minutes it spans
    }
  }
}

// Adds a metric's points, spreading a period longer than a minute evenly over its minutes.
void add_series(const Series& series, const std::string& metric, const std::string& model, std::int64_t period,
                bool period_known, Context& context) {
  const auto field = metric_field(metric);
  if (field == nullptr) {
    context.usage.notes.push_back(fmt::format("{}: metric {} ({}) is not traffic; ignored", series.where,
                                              util::excerpt(metric), util::excerpt(series.id)));
    return;
  }
  const std::vector<std::int64_t> seconds = point_seconds(series);
  const Point point{metric, model, field, point_minutes(series, seconds, period, period_known, context)};
  auto& seen = context.seen_points[fmt::format("{}\x1f{}\x1f{}", series.id, metric, model)];
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    const std::string where =
        series.datapoints ? fmt::format("{}/{}/Sum", series.where, i) : fmt::format("{}/Values/{}", series.where, i);
    add_point(point, seconds[i], series.values[i], where, seen, context);
  }
}

// The model of a series whose query (if any) names none: --model-for ID=MODEL, else --model. --model names one model
// for every such series, so two series of one metric (two models' InputTokenCount, say) must not both take it:
// their traffic would be priced as one model's.
std::string unqueried_model(const std::string& id, const std::string& where, const std::string& metric,
                            Context& context) {
  if (const auto mapped = context.options.model_for_id.find(id); mapped != context.options.model_for_id.end()) {
    context.model_for_used.insert(id);
    return mapped->second;
  }
  if (!context.options.model) {
    throw InputError(fmt::format("{}: cannot tell which model '{}' measures: give the query file too (--usage "
                                 "query.json output.json), or name the model with --model-for {}=MODEL (or --model "
                                 "when the file measures one model)",
                                 where, id, id));
  }
  const auto [at, fresh] = context.model_flag_series.emplace(metric, std::pair{id, where});
  if (!fresh && at->second.first != id) {
    throw InputError(fmt::format("{}: '{}' and '{}' (at {}) both measure {}, and --model names one model for every "
                                 "series: the traffic of several models would be priced as {}'s. Give the query file "
                                 "of this output (--usage q.json output.json), or say which Id is which model with "
                                 "--model-for ID=MODEL",
                                 where, id, at->second.first, at->second.second, metric, *context.options.model));
  }
  return *context.options.model;
}

// The model of a get-metric-statistics file (one series, naming no model): --model-for FILE=MODEL, else --model.
// Files of one metric under --model are the pages of one series (a week of 60-second points takes seven calls);
// two whose times overlap are two series, two models' perhaps, and are refused as in unqueried_model.
std::string statistics_model(const Series& series, const std::string& file, Context& context) {
  if (const auto mapped = context.options.model_for_id.find(file); mapped != context.options.model_for_id.end()) {
    context.model_for_used.insert(file);
    return mapped->second;
  }
  if (!context.options.model) {
    throw InputError(
        fmt::format("{}: get-metric-statistics output does not name the model: give --model (or --model-for {}=MODEL)",
                    file, util::excerpt(file)));
  }
  std::optional<std::int64_t> first;
  std::optional<std::int64_t> last;
  for (const json& timestamp : series.timestamps) {
    const auto seconds = timestamp.is_string() ? parse_timestamp(timestamp.get_ref<const std::string&>())
                                               : std::optional<std::int64_t>();
    if (seconds) {
      first = first ? std::min(*first, *seconds) : *seconds;
      last = last ? std::max(*last, *seconds) : *seconds;
    }
  }
  if (first) {
    auto& pages = context.statistics_pages[series.label];
    for (const auto& page : pages) {
      if (*first <= page.last && page.first <= *last) {
        throw InputError(fmt::format(
            "{}: this file and {} both measure {} over the same times, and --model names one model for every "
            "file: the traffic of several models would be priced as {}'s. Read each model's files in a run of its "
            "own, or say which file is which model with --model-for FILE=MODEL",
            series.where, util::excerpt(page.file), util::excerpt(series.label),
            util::excerpt(*context.options.model)));
      }
    }
    pages.push_back({file, *first, *last});
  }
  return *context.options.model;
}

void finish_series(const Series& series, Context& context) {
  if (!series.status.empty() && series.status != "Complete") {
    context.usage.warnings.push_back(fmt::format(
        "{}: StatusCode {} for '{}'{}", series.where, util::excerpt(series.status), util::excerpt(series.id),
        series.status == "PartialData" ? ": CloudWatch returned part of the data; narrow the time range "
                                         "or fetch the remaining pages"
                                       : ""));
  }
  if (series.messages > 0) {
    context.usage.warnings.push_back(fmt::format("{}: CloudWatch attached {} message(s) to '{}'", series.where,
                                                 series.messages, util::excerpt(series.id)));
  }
  std::string metric = series.label;
  std::optional<std::string> model;
  std::int64_t period = 60;
  bool period_known = false;
  if (const auto query = context.queries.find(series.id); query != context.queries.end()) {
    metric = query->second.metric;
    if (query->second.model) {
      model = query->second.model;
    }
    period = query->second.period_seconds;
    period_known = true;
    const bool sum = query->second.stat == "Sum" || (metric == "Invocations" && query->second.stat == "SampleCount");
    if (!sum && metric_field(metric) != nullptr) {
      throw InputError(fmt::format(R"({}: statistic {} cannot be added up; query {} with "Stat": "Sum")",
                                   query->second.where, util::excerpt(query->second.stat), metric));
    }
  }
  if (!model) { // no query file, or a query without a ModelId dimension
    model = unqueried_model(series.id, series.where, metric, context);
  }
  add_series(series, metric, *model, period, period_known, context);
}

// The ModelId dimension of a query's metric, if it has one.
std::optional<std::string> query_model(const util::JsonReader& reader, const json& metric, const std::string& path) {
  std::optional<std::string> model;
  const json* dimensions = util::JsonReader::member(metric, "Dimensions");
  if (dimensions == nullptr) {
    return model;
  }
  const std::string dimensions_path = util::child_path(path, "Dimensions");
  reader.expect_array(*dimensions, dimensions_path);
  for (std::size_t i = 0; i < dimensions->size(); ++i) {
    const json& dimension = (*dimensions)[i];
    const std::string dimension_path = util::child_path(dimensions_path, i);
    if (!dimension.is_object()) {
      reader.fail(dimension_path, "expected a dimension object with Name and Value");
    }
    const std::string name = *reader.string(dimension, dimension_path, "Name", true);
    const std::string value = *reader.string(dimension, dimension_path, "Value", true);
    if (name == "ModelId") {
      model = value;
    }
  }
  return model;
}

} // namespace

namespace {

// StartTime or EndTime of the --cli-input-json form, if given: an ISO 8601 time or epoch seconds.
std::optional<std::int64_t> call_time(const util::JsonReader& reader, const json& document, std::string_view key) {
  const json* value = util::JsonReader::member(document, key);
  if (value == nullptr) {
    return std::nullopt;
  }
  std::optional<std::int64_t> seconds;
  if (value->is_string()) {
    seconds = parse_timestamp(value->get<std::string>(), EpochUnit::seconds);
  } else if (value->is_number() && value->get<double>() >= 0 && value->get<double>() < 253402300800.0) {
    seconds = static_cast<std::int64_t>(value->get<double>());
  }
  if (!seconds) {
    reader.fail(util::child_path("", key), fmt::format("unreadable timestamp {}", value->dump()));
  }
  return seconds;
}

// The queries of a query file and their JSON path: the array that --metric-data-queries takes, or the one in the
// object --cli-input-json takes, with what that object says of the whole call (its time range).
std::tuple<const json*, std::string, MetricQuery> query_list(const util::JsonReader& reader, const json& document) {
  if (!document.is_object()) {
    return {&document, "", MetricQuery{}};
  }
  const std::string path = "/MetricDataQueries";
  const json* queries = util::JsonReader::member(document, "MetricDataQueries");
  if (queries == nullptr) {
    reader.fail(path, "missing: a --cli-input-json query file holds its queries there");
  }
  MetricQuery call;
  call.start_seconds = call_time(reader, document, "StartTime");
  call.end_seconds = call_time(reader, document, "EndTime");
  return {queries, path, call};
}

} // namespace

void read_metric_queries(Input& input, Context& context) {
  InputStreamBuf buffer(input);
  std::istream stream(&buffer);
  const util::JsonReader reader(input.name());
  const json document = reader.parse(stream);
  const auto [queries, base, call] = query_list(reader, document);
  reader.expect_array(*queries, base);
  for (std::size_t i = 0; i < queries->size(); ++i) {
    const json& query = (*queries)[i];
    const std::string path = util::child_path(base, i);
    if (!query.is_object()) {
      reader.fail(path, "expected a MetricDataQuery object");
    }
    const json* id = util::JsonReader::member(query, "Id");
    const json* stat = util::JsonReader::member(query, "MetricStat");
    if (id == nullptr || !id->is_string()) {
      reader.fail(util::child_path(path, "Id"), "missing query Id");
    }
    if (stat == nullptr) {
      continue; // a metric-math expression: nothing to read
    }
    MetricQuery result = call;
    result.where = fmt::format("{}: {}", input.name(), path);
    const json* metric = stat->contains("Metric") ? &(*stat)["Metric"] : nullptr;
    if (metric == nullptr || !metric->contains("MetricName") || !(*metric)["MetricName"].is_string()) {
      reader.fail(util::child_path(util::child_path(path, "MetricStat"), "Metric"), "missing MetricName");
    }
    result.metric = (*metric)["MetricName"].get<std::string>();
    result.model = query_model(reader, *metric, util::child_path(util::child_path(path, "MetricStat"), "Metric"));
    if (const json* period = util::JsonReader::member(*stat, "Period")) {
      if (!period->is_number_integer() || period->get<std::int64_t>() <= 0) {
        reader.fail(util::child_path(util::child_path(path, "MetricStat"), "Period"), "expected a period in seconds");
      }
      result.period_seconds = period->get<std::int64_t>();
    }
    result.stat = reader.string(*stat, util::child_path(path, "MetricStat"), "Stat", false).value_or("Sum");
    context.queries[id->get<std::string>()] = result;
  }
  context.usage.stats.bytes += input.raw_bytes_read();
}

void read_metric_data(Input& input, Context& context) {
  Series series;
  std::size_t top_messages = 0;
  bool next_token = false;
  const auto on_scalar = [&](const Path& path, const json& value) {
    if (path.size() == 1 && is(path, 0, "NextToken") && value.is_string()) {
      next_token = true;
    }
    if (is(path, 0, "MetricDataResults") && path.size() >= 3) {
      if (is(path, 2, "Id") && value.is_string()) {
        series.id = value.get<std::string>();
      } else if (is(path, 2, "Label") && value.is_string()) {
        series.label = value.get<std::string>();
      } else if (is(path, 2, "StatusCode") && value.is_string()) {
        series.status = value.get<std::string>();
      } else if (is(path, 2, "Timestamps") && path.size() == 4) {
        series.timestamps.push_back(value);
      } else if (is(path, 2, "Values") && path.size() == 4) {
        series.values.push_back(value);
      }
    }
  };
  const auto on_end_object = [&](const Path& path) {
    if (path.size() == 2 && is(path, 0, "MetricDataResults")) {
      series.where = fmt::format("{}: {}", input.name(), pointer(path, 2));
      finish_series(series, context);
      series = Series{};
    } else if (path.size() == 4 && is(path, 0, "MetricDataResults") && is(path, 2, "Messages")) {
      ++series.messages;
    } else if (path.size() == 2 && is(path, 0, "Messages")) {
      ++top_messages;
    }
  };
  PathSax sax(input.name(), on_scalar, on_end_object);
  run_sax(input, sax);
  if (next_token) {
    context.usage.warnings.push_back(fmt::format("{}: /NextToken: this output is one page of several; fetch the rest "
                                                 "(the AWS CLI pages automatically unless told not to)",
                                                 input.name()));
  }
  if (top_messages > 0) {
    context.usage.warnings.push_back(
        fmt::format("{}: CloudWatch returned {} message(s) for the whole call (for example a limit reached)",
                    input.name(), top_messages));
  }
  context.usage.stats.bytes += input.raw_bytes_read();
}

void read_metric_statistics(Input& input, Context& context) {
  Series series;
  series.id = "Datapoints";
  series.datapoints = true;
  json timestamp;
  json sum;
  const auto on_scalar = [&](const Path& path, const json& value) {
    if (path.size() == 1 && is(path, 0, "Label") && value.is_string()) {
      series.label = value.get<std::string>();
    } else if (path.size() == 3 && is(path, 0, "Datapoints")) {
      if (is(path, 2, "Timestamp")) {
        timestamp = value;
      } else if (is(path, 2, "Sum")) {
        sum = value;
      }
    }
  };
  const auto on_end_object = [&](const Path& path) {
    if (path.size() == 2 && is(path, 0, "Datapoints")) {
      if (sum.is_null()) {
        throw InputError(fmt::format("{}: {}: no Sum in the datapoint (fetch it with --statistics Sum)", input.name(),
                                     pointer(path, 2)));
      }
      series.timestamps.push_back(timestamp);
      series.values.push_back(sum);
      timestamp = json();
      sum = json();
    }
  };
  PathSax sax(input.name(), on_scalar, on_end_object);
  run_sax(input, sax);
  series.where = fmt::format("{}: /Datapoints", input.name());
  if (series.label.empty()) {
    throw InputError(
        fmt::format("{}: /Label: missing: get-metric-statistics output names its metric there", input.name()));
  }
  // Datapoints come in no particular order; add_series sorts nothing and needs nothing sorted.
  const std::string model = statistics_model(series, input.name(), context);
  add_series(series, series.label, model, 60, false, context);
  context.usage.stats.bytes += input.raw_bytes_read();
}

void read_log_events(Input& input, Context& context) {
  std::string padded;
  const auto on_scalar = [&](const Path& path, const json& value) {
    if (path.size() == 3 && is(path, 0, "events") && is(path, 2, "message")) {
      const std::string where = fmt::format("{}: {}", input.name(), pointer(path, 3));
      if (!value.is_string()) {
        context.invalid(where, "expected the record as a JSON string");
        return;
      }
      const auto& text = value.get_ref<const std::string&>();
      padded.assign(text);
      padded.append(LineReader::k_padding, ' ');
      read_invocation_record(padded.data(), text.size(), padded.size(), context, where);
    }
  };
  const auto on_end_object = [&](const Path& path) { // a message given as an object is not skipped silently
    if (path.size() == 3 && is(path, 0, "events") && is(path, 2, "message")) {
      context.invalid(fmt::format("{}: {}", input.name(), pointer(path, 3)), "expected the record as a JSON string");
    }
  };
  PathSax sax(input.name(), on_scalar, on_end_object);
  run_sax(input, sax);
  context.usage.stats.bytes += input.raw_bytes_read();
}

} // namespace bedrock_cost::usage::detail
