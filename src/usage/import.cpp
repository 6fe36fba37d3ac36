#include "input.hpp"
#include "readers.hpp"

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/usage.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string_view>
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

// Decides the format of a file from its first bytes (decompressed), then puts them back.
Format detect(Input& input) {
  std::string head(std::size_t{1} << 16, '\0');
  std::size_t size = 0;
  while (size < head.size()) {
    const std::size_t n = input.read(head.data() + size, head.size() - size);
    if (n == 0) {
      break;
    }
    size += n;
  }
  head.resize(size);
  input.unread(head);
  std::size_t start = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (start < head.size() && std::isspace(static_cast<unsigned char>(head[start])) != 0) {
    ++start;
  }
  if (start == head.size()) {
    throw InputError(fmt::format("{}: empty: no usage to read", input.name()));
  }
  const std::string_view text = std::string_view(head).substr(start);
  if (text.front() == '[') {
    return Format::metric_queries;
  }
  if (text.front() == '{') {
    // One record per line (invocation logs), or one document (CloudWatch output)?
    const std::string_view first_line = text.substr(0, text.find('\n'));
    if (first_line.find("\"schemaType\"") != std::string_view::npos ||
        (first_line.find("\"modelId\"") != std::string_view::npos &&
         first_line.find("\"requestId\"") != std::string_view::npos)) {
      return Format::invocation_log;
    }
    std::size_t best = std::string_view::npos;
    Format format = Format::automatic;
    for (const auto& [key, candidate] :
         {std::pair{"\"MetricDataResults\"", Format::metric_data},
          std::pair{"\"Datapoints\"", Format::metric_statistics}, std::pair{"\"events\"", Format::log_events}}) {
      if (const std::size_t at = text.find(key); at < best) {
        best = at;
        format = candidate;
      }
    }
    if (format != Format::automatic) {
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

void read_file(const std::string& path, Format format, Context& context, std::istream* stdin_stream) {
  Input input(path, stdin_stream);
  if (format == Format::automatic) {
    format = detect(input);
  }
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

} // namespace

void import_usage(const std::vector<std::string>& paths, const ImportOptions& options, UsageSet& usage) {
  detail::ReadOptions read_options;
  read_options.model = options.model;
  read_options.period_seconds = options.period_seconds;
  read_options.region = options.region;
  read_options.skip_invalid = options.skip_invalid;
  read_options.progress = options.progress;
  Context context(read_options, usage);

  // Every file, folders expanded; stdin is read once, so its format must be given or detected from the one read.
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
  for (const std::string& file : files) {
    std::error_code error;
    if (file != "-") {
      context.bytes_total += static_cast<std::uint64_t>(fs::file_size(file, error));
    }
  }
  // Query files first: they say which model and metric each get-metric-data result Id measures. (A query file
  // is a JSON array; its name usually says so, but only its content is trusted.)
  std::size_t query_files = 0;
  std::stable_partition(files.begin(), files.end(), [&](const std::string& file) {
    if (file == "-" || (options.format != Format::automatic && options.format != Format::metric_data &&
                        options.format != Format::metric_queries)) {
      return false;
    }
    Input input(file, nullptr);
    char first = ' ';
    while (std::isspace(static_cast<unsigned char>(first)) != 0 && input.read(&first, 1) == 1) {
    }
    query_files += first == '[' ? 1 : 0;
    return first == '[';
  });
  if (query_files > 0 && query_files == files.size()) {
    throw InputError(fmt::format("{}: a get-metric-data query file holds no data: give the output of the call with "
                                 "it (--usage q.json output.json)",
                                 files.front()));
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    // A forced metric-data format still reads the query files first as queries.
    const Format format = i < query_files ? Format::metric_queries : options.format;
    read_file(files[i], format, context, options.stdin_stream);
    if (options.progress) {
      options.progress(context.bytes_before, context.bytes_total);
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
