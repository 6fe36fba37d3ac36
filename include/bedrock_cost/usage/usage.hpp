#pragma once

// Usage import: per-minute traffic per model from the data AWS already gives you (docs/usage-formats.md).

#include <bedrock_cost/workload/workload.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bedrock_cost::usage {

enum class Format {
  automatic,
  metric_data,       // aws cloudwatch get-metric-data output
  metric_queries,    // its query file, --metric-data-queries or --cli-input-json (maps query Ids to models, metrics)
  metric_statistics, // aws cloudwatch get-metric-statistics output
  invocation_log,    // model invocation logs, JSON lines (plain or gzip) as delivered to S3
  log_events,        // aws logs filter-log-events output (records as JSON strings)
  csv,               // timestamp,model_id,input_tokens,output_tokens,requests
};

// "metric-data", "invocation-log", ...: the --usage-format spelling.
std::string_view to_string(Format format);
std::optional<Format> format_from_name(std::string_view name);

// Whole tokens and requests.
struct Counts {
  std::int64_t input = 0; // excluding cache reads and writes
  std::int64_t output = 0;
  std::int64_t cache_read = 0;
  std::int64_t cache_write = 0;
  std::int64_t requests = 0;

  // Throws std::overflow_error when a sum does not fit in 64 bits.
  Counts& operator+=(const Counts& other);
  std::int64_t tokens() const { return input + output + cache_read + cache_write; }
};

// Where a minute's counts came from: a minute described by two kinds of source is likely counted twice.
enum class SourceKind : std::uint8_t {
  metrics = 1,         // CloudWatch get-metric-data or get-metric-statistics output
  invocation_logs = 2, // model invocation logs (JSON lines, or a filter-log-events export)
  csv = 4,             // a per-minute CSV
};
// "CloudWatch metrics", "invocation logs", "a per-minute CSV".
std::string_view describe(SourceKind kind);

// One model's traffic in one Region, minute by minute. Only the minutes with data are held (memory follows the
// data, not the span its timestamps claim).
class ModelUsage {
public:
  // The most minutes one model's usage may span (two years): a stray timestamp fails loudly.
  static constexpr std::int64_t k_max_span_minutes = std::int64_t{2} * 366 * 1440;

  // One minute's counts and the kinds of source (SourceKind bits) that gave them.
  struct Minute {
    Counts counts;
    std::uint8_t sources = 0;
  };

  ModelUsage(std::string model, std::string region) : m_model(std::move(model)), m_region(std::move(region)) {}
  ~ModelUsage() = default;
  // A copy starts without the cached minute (it points into the original's minutes); a move keeps it.
  ModelUsage(const ModelUsage& other);
  ModelUsage& operator=(const ModelUsage& other);
  ModelUsage(ModelUsage&&) noexcept = default;
  ModelUsage& operator=(ModelUsage&&) noexcept = default;

  // Adds counts to the minute starting at `epoch_minute` (minutes since 1970-01-01 UTC); throws
  // std::range_error when the usage would span more than k_max_span_minutes, std::overflow_error on overflow.
  void add(std::int64_t epoch_minute, const Counts& counts, SourceKind source = SourceKind::csv);

  const std::string& model() const { return m_model; }
  const std::string& region() const { return m_region; }
  bool empty() const { return m_minutes.empty(); }
  // The first and last minute with data, and the minutes from one to the other.
  std::int64_t first_minute() const { return m_first; }
  std::int64_t last_minute() const { return m_last; }
  std::int64_t span_minutes() const { return empty() ? 0 : m_last - m_first + 1; }
  // Minutes with data (a data point or record, even of zero tokens).
  std::int64_t minutes_with_data() const { return static_cast<std::int64_t>(m_minutes.size()); }
  // The counts of one minute (zero when it has no data).
  Counts at(std::int64_t epoch_minute) const;
  // The minutes with data, in time order.
  std::vector<std::pair<std::int64_t, Minute>> minutes() const;
  const Counts& total() const { return m_total; }
  bool requests_known() const { return m_requests_known; }
  void set_requests_known() { m_requests_known = true; }
  // The kinds of source (SourceKind bits) of any minute.
  std::uint8_t sources() const { return m_sources; }
  // Records that `file` gave minutes of this usage, as a source of `kind`.
  void note_file(SourceKind kind, const std::string& file);
  // The files of each kind of source, in the order first read.
  const std::vector<std::pair<SourceKind, std::string>>& files() const { return m_files; }

  // The traffic over [first_minute, first_minute + span_minutes) in one-minute buckets (minutes without data are
  // empty), in milli-tokens, starting at first_minute (its start_epoch_minute); only the minutes with data are
  // stored (a sparse profile). Minutes with data outside the period are left out when `clip`, else
  // std::out_of_range.
  workload::TrafficProfile profile(std::int64_t first_minute, std::int64_t span_minutes, bool clip = false) const;

private:
  std::string m_model;
  std::string m_region;
  std::int64_t m_first = 0;
  std::int64_t m_last = -1;
  std::unordered_map<std::int64_t, Minute> m_minutes;
  // The minute last added to: records come mostly in time order, many to a minute.
  std::int64_t m_recent_minute = 0;
  Minute* m_recent = nullptr;
  Counts m_total;
  bool m_requests_known = false;
  std::uint8_t m_sources = 0;
  std::vector<std::pair<SourceKind, std::string>> m_files;
};

struct ImportStats {
  std::int64_t files = 0;
  std::int64_t records = 0;         // log records or datapoints counted
  std::int64_t skipped_invalid = 0; // malformed lines skipped with --skip-invalid
  std::int64_t duplicates = 0;      // repeated requestIds or datapoints counted once
  std::int64_t failed = 0;          // invocation records without an output token count (failed calls)
  std::int64_t outside_window = 0;  // records or data points before --since or from --until on, left out
  std::uint64_t bytes = 0;          // uncompressed bytes read
};

// A span of minutes [first, end) since 1970-01-01 UTC.
struct MinuteRange {
  std::int64_t first = 0;
  std::int64_t end = 0;
  std::int64_t minutes() const { return end - first; }
  bool contains(std::int64_t minute) const { return minute >= first && minute < end; }
};

// Everything imported, by model and Region.
struct UsageSet {
  // The most tokens and requests all the usage may add up to (9 x 10^15, below 2^53): far above any real traffic,
  // and low enough that every sum, milli-token count and double made of the counts is exact.
  static constexpr std::int64_t k_max_total = 9'000'000'000'000'000;

  std::map<std::pair<std::string, std::string>, ModelUsage> models;
  // The period the usage stands for, which every model is priced over (its minutes without data are idle), in
  // minutes since 1970-01-01 UTC: --period, else the window of --since/--until, else from the first minute with
  // data to the last. Every minute with data falls in it.
  std::int64_t first_minute = 0;
  std::int64_t last_minute = -1;
  std::int64_t span_minutes() const { return last_minute - first_minute + 1; }
  // The first and last minute with data, of any model.
  std::int64_t data_first_minute = 0;
  std::int64_t data_last_minute = -1;
  // Where the period came from: "--period", "--since/--until" (or one of them), or empty for the data itself.
  std::string period_origin;
  ImportStats stats;
  std::vector<std::string> warnings;
  std::vector<std::string> notes; // how the data was read (periods spread, formats detected)

  ModelUsage& series(const std::string& model, const std::string& region);
};

struct ImportOptions {
  Format format = Format::automatic;
  std::optional<std::string> model; // the model of CloudWatch series that name none
  // The period of CloudWatch data points when no query file says it (default 60 s; coarser data is spread evenly).
  std::optional<std::int64_t> period_seconds;
  std::string region = "us-east-1"; // where the data does not say
  bool skip_invalid = false;
  // The model of each get-metric-data result Id, when no query file says it (--model-for ID=MODEL).
  std::map<std::string, std::string> model_for_id;
  // The period the data stands for (--period): a record outside it is an invalid record.
  std::optional<MinuteRange> period;
  // The window to read (--since, --until): records outside it are left out and counted.
  std::optional<std::int64_t> since_minute;
  std::optional<std::int64_t> until_minute; // exclusive
  // Called now and then with the bytes read so far and the total (0 when unknown, e.g. stdin or gzip).
  std::function<void(std::uint64_t read, std::uint64_t total)> progress;
  std::istream* stdin_stream = nullptr; // for the path "-"
};

// The model key of an ID, profile ID or ARN as it appears in usage data: the ARN prefix up to the last '/' and a
// provisioned context suffix (":200k") removed, a cross-Region profile prefix kept. Also returns the Region an
// ARN names, if any.
std::pair<std::string, std::optional<std::string>> normalise_model(std::string_view raw);

// Reads every path (a file, "-" for stdin, or a folder walked recursively for *.jsonl, *.json, *.json.gz, *.csv
// and *.csv.gz, skipping the data/ folders of offloaded bodies) into `usage`. Throws InputError naming the file
// and line or JSON path of the first bad record (or the first that takes the usage past UsageSet::k_max_total),
// unless options.skip_invalid.
void import_usage(const std::vector<std::string>& paths, const ImportOptions& options, UsageSet& usage);

} // namespace bedrock_cost::usage
