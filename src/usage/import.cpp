#include "input.hpp"
#include "log_pipeline.hpp"
#include "readers.hpp"

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/usage.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <string_view>
#include <sys/stat.h>
#include <system_error>

namespace bedrock_cost::usage {

namespace {

namespace fs = std::filesystem;
using detail::Context;
using detail::Input;

bool usage_file_name(const fs::path& path) {
  const std::string name = path.filename().string();
  constexpr std::array<std::string_view, 8> k_suffixes{".jsonl", ".json",   ".json.gz", ".jsonl.gz",
                                                       ".csv",   ".csv.gz", ".gz",      ".log"};
  return std::ranges::any_of(k_suffixes, [&name](std::string_view suffix) { return name.ends_with(suffix); });
}

// The files of a folder tree, in name order, skipping the data/ folders where S3 delivery puts offloaded
// request and response bodies.
std::vector<std::string> walk(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
  if (error) {
    throw InputError(fmt::format("{}: cannot read the folder: {}", folder, error.message()));
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
    if (error) {
      throw InputError(fmt::format("{}: cannot read the folder: {}", folder, error.message()));
    }
    if (it->is_directory() && it->path().filename() == "data") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && usage_file_name(it->path())) {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

constexpr std::size_t k_head = std::size_t{1} << 16; // the bytes looked at to tell a file's format

// The head of a file's content after a UTF-8 byte-order mark and blanks.
std::string_view text_head(Input& input) {
  std::string_view text = input.head(k_head);
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  return text;
}

// The format of a head of text starting with '{': one record per line (invocation logs), or one document
// (CloudWatch output, or the --cli-input-json form of a get-metric-data query file) told by the first of its keys;
// automatic when it is none of these.
Format object_format(std::string_view text) {
  const std::string_view first_line = text.substr(0, text.find('\n'));
  if (first_line.find("\"schemaType\"") != std::string_view::npos ||
      (first_line.find("\"modelId\"") != std::string_view::npos &&
       first_line.find("\"requestId\"") != std::string_view::npos)) {
    return Format::invocation_log;
  }
  std::size_t best = std::string_view::npos;
  Format format = Format::automatic;
  for (const auto& [key, candidate] :
       {std::pair{"\"MetricDataResults\"", Format::metric_data}, std::pair{"\"Datapoints\"", Format::metric_statistics},
        std::pair{"\"events\"", Format::log_events}, std::pair{"\"MetricDataQueries\"", Format::metric_queries}}) {
    if (const std::size_t at = text.find(key); at < best) {
      best = at;
      format = candidate;
    }
  }
  return format;
}

// A get-metric-data query file: a JSON array of queries, or the --cli-input-json object that holds them.
bool is_query_file(std::string_view head) {
  return head.starts_with('[') || (head.starts_with('{') && object_format(head) == Format::metric_queries);
}

// Decides the format of a file from its first bytes (decompressed), which stay to be read.
Format detect(Input& input) {
  const std::string_view text = text_head(input);
  if (text.empty()) {
    throw InputError(fmt::format("{}: empty: no usage to read", input.name()));
  }
  if (text.front() == '[') {
    return Format::metric_queries;
  }
  if (text.front() == '{') {
    if (const Format format = object_format(text); format != Format::automatic) {
      return format;
    }
  } else if (text.substr(0, text.find('\n')).find("timestamp") != std::string_view::npos) {
    return Format::csv;
  }
  throw InputError(fmt::format("{}: cannot tell what this file is (expected CloudWatch get-metric-data or "
                               "get-metric-statistics output, model invocation logs, a filter-log-events export or a "
                               "per-minute CSV); name the format with --usage-format",
                               input.name()));
}

SourceKind source_kind(Format format) {
  switch (format) {
  case Format::invocation_log:
  case Format::log_events: return SourceKind::invocation_logs;
  case Format::csv: return SourceKind::csv;
  default: return SourceKind::metrics;
  }
}

// One file to read. A pipe, FIFO, device or stdin is opened once, when the list is made, and read from there:
// opening it again would lose what the first open read (or wait for a writer that has gone).
struct Source {
  std::string path;
  std::unique_ptr<Input> input; // opened already (not a regular file)
  bool query = false;           // a get-metric-data query file: read before the data it describes
};

void read_file(Source& source, Format format, Context& context, std::istream* stdin_stream) {
  std::unique_ptr<Input> opened = std::move(source.input);
  if (!opened) {
    opened = std::make_unique<Input>(source.path, stdin_stream);
  }
  Input& input = *opened;
  if (format == Format::automatic) {
    format = detect(input);
  }
  if (format != Format::invocation_log && context.pipeline) {
    context.pipeline->flush(); // records are added in the order they were read, whatever the format
  }
  context.source = source_kind(format);
  context.current_file = input.name();
  switch (format) {
  case Format::metric_queries: detail::read_metric_queries(input, context); break;
  case Format::metric_data: detail::read_metric_data(input, context); break;
  case Format::metric_statistics: detail::read_metric_statistics(input, context); break;
  case Format::invocation_log: detail::read_invocation_log(input, context); break;
  case Format::log_events: detail::read_log_events(input, context); break;
  case Format::csv: detail::read_csv(input, context); break;
  case Format::automatic: break;
  }
  context.bytes_before += input.raw_bytes_read();
  ++context.usage.stats.files;
}

// Every path with folders expanded, each file once (the same file named twice, or reached through two paths, is
// read once, with a warning); stdin at most once.
std::vector<std::string> expand(const std::vector<std::string>& paths, UsageSet& usage) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    if (path != "-" && fs::is_directory(path, error)) {
      auto found = walk(path);
      if (found.empty()) {
        throw InputError(fmt::format("{}: no usage files in the folder (*.jsonl, *.json, *.json.gz, *.csv)", path));
      }
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(path);
    }
  }
  if (std::count(files.begin(), files.end(), "-") > 1) {
    throw InputError("-: standard input can be read only once");
  }
  std::map<std::pair<dev_t, ino_t>, std::string> seen;
  std::vector<std::string> unique;
  for (std::string& file : files) {
    struct stat info {};
    if (file != "-" && ::stat(file.c_str(), &info) == 0) {
      const auto [at, fresh] = seen.emplace(std::pair{info.st_dev, info.st_ino}, file);
      if (!fresh) {
        usage.warnings.push_back(at->second == file
                                     ? fmt::format("{}: given twice; read once", file)
                                     : fmt::format("{}: the same file as {}; read once", file, at->second));
        continue;
      }
    }
    unique.push_back(std::move(file));
  }
  return unique;
}

// The sources to read, query files first: they say which model and metric each get-metric-data result Id measures.
// (A query file is a JSON array, or an object with MetricDataQueries; its name usually says so, but only its content
// is trusted.)
std::vector<Source> sources(std::vector<std::string> files, const ImportOptions& options) {
  const bool may_be_query = options.format == Format::automatic || options.format == Format::metric_data ||
                            options.format == Format::metric_queries;
  std::vector<Source> result;
  for (std::string& file : files) {
    Source source{std::move(file), nullptr, false};
    struct stat info {};
    const bool regular = source.path != "-" && ::stat(source.path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
    if (!regular) {
      source.input = std::make_unique<Input>(source.path, options.stdin_stream);
    }
    if (may_be_query) {
      if (source.input) {
        source.query = is_query_file(text_head(*source.input));
      } else {
        Input peek(source.path, nullptr);
        source.query = is_query_file(text_head(peek));
      }
    }
    result.push_back(std::move(source));
  }
  std::stable_partition(result.begin(), result.end(), [](const Source& s) { return s.query; });
  return result;
}

// The time range the --cli-input-json query files fetched (StartTime to EndTime, in whole minutes), if any says it.
// The range is bounded as --period is (two years): CloudWatch keeps 455 days at most, so a longer one is a mistyped
// date, which would spread the traffic over decades.
std::optional<MinuteRange> queried_range(const Context& context) {
  std::optional<MinuteRange> range;
  for (const auto& [id, query] : context.queries) {
    if (query.start_seconds && query.end_seconds && *query.start_seconds < *query.end_seconds) {
      const std::int64_t first = *query.start_seconds / 60;
      const std::int64_t end = (*query.end_seconds + 59) / 60;
      range = range ? MinuteRange{std::min(range->first, first), std::max(range->end, end)} : MinuteRange{first, end};
      if (range->minutes() > ModelUsage::k_max_span_minutes) {
        throw InputError(fmt::format("{}: StartTime..EndTime spans more than two years (CloudWatch keeps 455 days "
                                     "at most); check the dates, or state the period with --period",
                                     query.where));
      }
    }
  }
  return range;
}

// The period every model is priced over: --period, else the window of --since/--until (each side the data's
// first or last minute when not given), else the time range the query files fetched (widened to any data outside
// it), else from the first minute with data to the last.
void settle_period(UsageSet& usage, const ImportOptions& options, const std::optional<MinuteRange>& queried) {
  const bool data = usage.data_first_minute <= usage.data_last_minute;
  if (options.period) {
    usage.first_minute = options.period->first;
    usage.last_minute = options.period->end - 1;
    usage.period_origin = "--period";
  } else if (data && !options.since_minute && !options.until_minute && queried) {
    // CloudWatch omits the minutes without traffic: what was fetched is the period, its empty minutes idle.
    usage.first_minute = std::min(queried->first, usage.data_first_minute);
    usage.last_minute = std::max(queried->end - 1, usage.data_last_minute);
    usage.period_origin = "the query file's StartTime..EndTime";
  } else if (data) {
    usage.first_minute = options.since_minute.value_or(usage.data_first_minute);
    usage.last_minute = options.until_minute ? *options.until_minute - 1 : usage.data_last_minute;
    if (options.since_minute || options.until_minute) {
      usage.period_origin = options.since_minute && options.until_minute ? "--since/--until"
                            : options.since_minute                       ? "--since"
                                                                         : "--until";
    }
  }
  if (usage.stats.outside_window > 0) {
    usage.notes.push_back(fmt::format("{} record(s) or data point(s) outside the window of --since/--until left out",
                                      usage.stats.outside_window));
  }
}

} // namespace

void import_usage(const std::vector<std::string>& paths, const ImportOptions& options, UsageSet& usage) {
  Context context(options, usage);

  std::vector<std::string> files = expand(paths, usage);
  for (const std::string& file : files) {
    std::error_code error;
    const std::uintmax_t size = file == "-" ? 0 : fs::file_size(file, error);
    context.bytes_total += error ? 0 : static_cast<std::uint64_t>(size); // a pipe has no size
  }
  std::vector<Source> list = sources(std::move(files), options);
  const auto query_files = static_cast<std::size_t>(
      std::count_if(list.begin(), list.end(), [](const Source& source) { return source.query; }));
  if (query_files > 0 && query_files == list.size()) {
    throw InputError(fmt::format("{}: a get-metric-data query file holds no data: give the output of the call with "
                                 "it (--usage q.json output.json)",
                                 list.front().path == "-" ? "<stdin>" : list.front().path));
  }
  for (Source& source : list) {
    // A forced metric-data format still reads the query files first as queries.
    read_file(source, source.query ? Format::metric_queries : options.format, context, options.stdin_stream);
    if (options.progress) {
      options.progress(context.bytes_before, context.bytes_total);
    }
  }
  if (context.pipeline) {
    context.pipeline->flush();
  }
  std::erase_if(usage.models, [](const auto& entry) { return entry.second.empty(); }); // only invalid records
  settle_period(usage, options, queried_range(context));
  for (const auto& [id, model] : options.model_for_id) {
    if (!context.model_for_used.contains(id)) {
      usage.warnings.push_back(fmt::format("--model-for {}={}: no get-metric-data series without a query has the Id "
                                           "'{}'",
                                           id, model, id));
    }
  }
  if (usage.stats.skipped_invalid > 0) {
    usage.warnings.push_back(fmt::format("skipped {} invalid record(s) (--skip-invalid); the first: {}",
                                         usage.stats.skipped_invalid, context.first_invalid));
  }
  if (usage.stats.failed > 0) {
    usage.warnings.push_back(fmt::format("{} invocation record(s) without an output token count (failed calls) were "
                                         "not counted",
                                         usage.stats.failed));
  }
  if (usage.stats.duplicates > 0) {
    usage.notes.push_back(fmt::format("{} repeated record(s) or data point(s) counted once", usage.stats.duplicates));
  }
}

} // namespace bedrock_cost::usage
