#pragma once

// Internal to usage import: the readers of each format, sharing one Context.

#include "input.hpp"
#include "record_parser.hpp"

#include <bedrock_cost/usage/usage.hpp>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>

namespace bedrock_cost::usage::detail {

// What a get-metric-data query says about one result Id.
struct MetricQuery {
  std::string metric;
  std::optional<std::string> model; // the ModelId dimension
  std::int64_t period_seconds = 60;
  std::string stat;
  std::string where; // file: JSON path, for messages
  // The call's StartTime and EndTime, when the query file is in the --cli-input-json form that gives them.
  std::optional<std::int64_t> start_seconds;
  std::optional<std::int64_t> end_seconds;
};

// The requestIds seen in the hours within k_dedupe_hours of the newest record, to count a repeated record once.
class RecentRequests {
public:
  // False when this requestId was already seen (within k_dedupe_hours, 6, of the newest record).
  bool remember(std::string_view request_id, std::int64_t minute);

private:
  // requestId hashes by the hour of their record's timestamp (a repeated record has the same timestamp), for the
  // hours within k_dedupe_hours of the newest: open addressing, about 12 bytes a record.
  struct HourSet {
    std::vector<std::uint64_t> slots; // 0: empty
    std::size_t used = 0;
    bool insert(std::uint64_t hash); // false when it is there already
    bool place(std::uint64_t hash);  // insert, without growing
  };
  std::map<std::int64_t, HourSet> m_hours;
};

// The tokens and requests of all the usage read, kept at most UsageSet::k_max_total.
class UsageTotal {
public:
  explicit UsageTotal(const UsageSet& usage);
  // False when `counts` would take the total past UsageSet::k_max_total.
  bool fits(const Counts& counts) const;
  void add(const Counts& counts);

private:
  std::int64_t m_counted = 0;
};

// Where a record is, for messages: a text ("file: /JSON/pointer") or a file and line, made into "file:line" only
// when a message needs it (most records are fine).
class Where {
public:
  Where(const std::string& text) : m_text(&text) {} // NOLINT(google-explicit-constructor): a text is a place
  Where(const std::string& file, std::int64_t line) : m_text(&file), m_line(line) {}
  std::string str() const;
  // The file, when the place is a file and line (nullptr for a text).
  const std::string* file() const { return m_line < 0 ? nullptr : m_text; }

private:
  const std::string* m_text;
  std::int64_t m_line = -1;
};

// "2024-05-13T00:00:00Z..2024-05-20T00:00:00Z".
std::string period_text(const MinuteRange& period);

class LogPipeline;

// What the readers share: the options, the usage being built, queries and points already read, progress.
struct Context {
  Context(const ImportOptions& import_options, UsageSet& set);

  // A bad record: an InputError naming `where`, or (with --skip-invalid) counted and skipped.
  void invalid(const Where& where, const std::string& message);
  // False when `counts` would take the usage past UsageSet::k_max_total (say so with k_too_much).
  bool fits(const Counts& counts) const { return total.fits(counts); }
  static constexpr const char* k_too_much =
      "the counts would take the usage past 9,000,000,000,000,000 tokens and requests in all";
  // Adds one record's counts to its model's minute (an invalid record when it does not fit).
  void add(std::string_view raw_model, std::optional<std::string_view> region, std::int64_t epoch_seconds,
           const Counts& counts, bool requests_known, const Where& where);
  // The series of a model and Region as a record names them.
  ModelUsage* series_of(std::string_view raw_model, std::optional<std::string_view> region);

  const ImportOptions& options;
  UsageSet& usage;
  SourceKind source = SourceKind::csv; // of the file being read
  std::string current_file;            // its name
  RecordParserFunction parse_record = record_parser();
  std::map<std::string, MetricQuery> queries;                              // by query Id
  std::map<std::string, std::map<std::int64_t, std::int64_t>> seen_points; // per metric series: value by timestamp
  // Per metric, the first series without a query that took --model's model (its Id and place).
  std::map<std::string, std::pair<std::string, std::string>> model_flag_series;
  // get-metric-statistics files that took --model's model, per metric: the file and its first and last timestamp
  // (seconds). Files of one metric are pages of one series unless their times overlap.
  struct StatisticsPage {
    std::string file;
    std::int64_t first = 0;
    std::int64_t last = 0;
  };
  std::map<std::string, std::vector<StatisticsPage>> statistics_pages;
  std::set<std::string> model_for_used; // the Ids of --model-for that named a series
  std::string first_invalid;
  std::uint64_t bytes_before = 0; // of the files already read, for progress
  std::uint64_t bytes_total = 0;
  RecentRequests recent_requests;
  UsageTotal total;
  // Invocation-log lines waiting to be parsed on other cores and added in order (see LogPipeline).
  std::unique_ptr<LogPipeline> pipeline;
  // The series of the last record added, by the model and Region as the record gave them.
  std::string recent_model;
  std::string recent_region;
  ModelUsage* recent_series = nullptr; // std::map nodes stay put
  bool recent_series_known = false;

  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  Context(Context&&) = delete;
  Context& operator=(Context&&) = delete;
  ~Context();
};

// Adds one parsed invocation-log record to the usage (or an invalid record).
void apply_invocation_record(const RecordFields& fields, Context& context, const Where& where);
// Parses one invocation-log record (with `capacity` >= length + 64 readable bytes) and adds it.
void read_invocation_record(const char* data, std::size_t length, std::size_t capacity, Context& context,
                            const Where& where);
void read_invocation_log(Input& input, Context& context);
void read_csv(Input& input, Context& context);
void read_metric_queries(Input& input, Context& context);
void read_metric_data(Input& input, Context& context);
void read_metric_statistics(Input& input, Context& context);
void read_log_events(Input& input, Context& context);

} // namespace bedrock_cost::usage::detail
