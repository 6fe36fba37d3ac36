#include "common.hpp"

#include "price_cache.hpp"

#include <bedrock_cost/catalog/listing.hpp>
#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/calendar.hpp>
#include <bedrock_cost/util/edit_distance.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>
#include <bedrock_cost/util/plain_number.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace bedrock_cost::cli {

InputFile::InputFile(const std::string& path) : m_name(path) {
  if (path == "-") {
    m_name = "<stdin>";
    m_stream = &std::cin;
    return;
  }
  if (std::filesystem::is_directory(path)) {
    throw InputError(fmt::format("{}: is a directory, expected a file", path));
  }
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) {
    throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  m_owned = std::move(file);
  m_stream = m_owned.get();
}

void warn(Io& io, std::string_view text, std::string_view kind) {
  if (!io.quiet) {
    io.err << "bedrock-cost: " << kind << ": " << util::printable(text) << '\n';
  }
}

void warn(Io& io, std::string_view text, const std::vector<std::string>& items) {
  warn(io, text);
  for (const std::string& item : items) {
    if (!io.quiet) {
      io.err << "  " << util::printable(item) << '\n';
    }
  }
}

CLI::Validator number_between(double low, double high, std::string_view low_text, std::string_view high_text) {
  return {[=](std::string& input) -> std::string {
            const std::optional<double> value = util::parse_plain_decimal(input);
            if (!value) {
              return fmt::format("expected a number, got '{}'", util::excerpt(input));
            }
            if (*value < low || *value > high) {
              return fmt::format("must be between {} and {}, got {}", low_text, high_text, util::excerpt(input));
            }
            return {};
          },
          fmt::format("{}..{}", low_text, high_text)};
}

namespace {

// "expected a whole number, got '…'" unless `input` is a plain integer, which it rewrites in canonical digits.
std::string check_whole_number(std::string& input) {
  if (!util::is_plain_integer(input)) {
    return fmt::format("expected a whole number, got '{}'", util::excerpt(input));
  }
  if (const std::optional<std::int64_t> value = util::parse_plain_integer(input)) {
    input = std::to_string(*value);
  }
  return {};
}

} // namespace

CLI::Validator whole_number() { return {check_whole_number, ""}; }

CLI::Validator whole_number_between(std::int64_t low, std::int64_t high) {
  return {[=](std::string& input) -> std::string {
            if (std::string error = check_whole_number(input); !error.empty()) {
              return error;
            }
            const std::optional<std::int64_t> value = util::parse_plain_integer(input);
            if (!value || *value < low || *value > high) {
              return fmt::format("must be between {} and {}, got {}", low, high, util::excerpt(input));
            }
            return {};
          },
          fmt::format("{}..{}", low, high)};
}

void add_usage_read_options(CLI::App& app, UsageReadOptions& options) {
  app.add_option("--usage-format", options.format, "Format of the usage files [default: detected from the content]")
      ->check(CLI::IsMember(
          {"auto", "metric-data", "metric-queries", "metric-statistics", "invocation-log", "log-events", "csv"}));
  app.add_flag("--skip-invalid", options.skip_invalid, "Skip malformed records (and say how many) instead of stopping");
  app.add_option("--metric-period", options.metric_period_seconds,
                 "Seconds per CloudWatch data point when no query file says it [default: 60]")
      ->transform(whole_number()) // runs first
      ->check(CLI::IsMember({60, 300, 3600}));
  app.add_option("--model-for", options.model_for,
                 "The model of a get-metric-data result Id (or of a get-metric-statistics file) when no query file "
                 "says it (repeatable)")
      ->type_name("ID=MODEL")
      ->allow_extra_args(false); // one value each time: the usage files after it are not taken as more
  app.add_option("--period", options.period,
                 "The period the usage stands for, START..END in UTC (dates or timestamps, END excluded): minutes "
                 "without data in it are idle, data outside it an error [default: first to last minute with data]")
      ->type_name("START..END");
  app.add_option("--since", options.since, "Read only the usage from this time on (a date or timestamp, UTC)")
      ->type_name("TIME");
  app.add_option("--until", options.until, "Read only the usage before this time (a date or timestamp, UTC)")
      ->type_name("TIME");
  app.add_option("--to-month", options.to_month,
                 "How the usage's period becomes a month: scale it (M / period), price its last whole weeks only, or "
                 "take it as a month's traffic as it is")
      ->check(CLI::IsMember({"scale", "whole-weeks", "as-is"}))
      ->capture_default_str();
  app.add_flag("--mixed-sources", options.mixed_sources,
               "Add up CloudWatch metrics, invocation logs and CSVs that describe the same minutes of a model (by "
               "default an error: the same traffic counted twice)");
}

usage::WorkloadOptions workload_options(const UsageReadOptions& read) {
  usage::WorkloadOptions options;
  options.to_month = usage::to_month_from_name(read.to_month).value_or(usage::ToMonth::scale);
  options.mixed_sources = read.mixed_sources;
  return options;
}

namespace {

// Minutes since 1970-01-01 UTC of a date (YYYY-MM-DD, at 00:00 UTC) or a timestamp; a usage error naming `flag`.
std::int64_t time_flag(std::string_view text, std::string_view flag) {
  const bool date = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const auto seconds = usage::parse_timestamp(date ? fmt::format("{}T00:00:00Z", text) : std::string(text));
  if (!seconds) {
    throw UsageError(fmt::format("{}: expected a date (2024-05-13) or a timestamp (2024-05-13T09:00:00Z) in UTC, got "
                                 "'{}'",
                                 flag, text));
  }
  return *seconds / 60;
}

std::pair<std::string, std::string> model_for_entry(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    throw UsageError(fmt::format("--model-for: expected ID=MODEL (a get-metric-data result Id and a model ID), got "
                                 "'{}'",
                                 text));
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

// --period START..END, --since and --until into the import options.
void usage_window(const UsageReadOptions& read, usage::ImportOptions& options) {
  if (read.period) {
    const std::string& text = *read.period;
    const std::size_t dots = text.find("..");
    if (dots == std::string::npos) {
      throw UsageError(
          text.find_first_not_of("0123456789") == std::string::npos
              ? fmt::format("--period: '{}' looks like the seconds of a CloudWatch data point, which is "
                            "--metric-period now; --period is the period the usage stands for, "
                            "START..END (e.g. 2024-05-13..2024-05-20)",
                            text)
              : fmt::format("--period: expected START..END (e.g. 2024-05-13..2024-05-20), got '{}'", text));
    }
    const usage::MinuteRange period{time_flag(text.substr(0, dots), "--period"),
                                    time_flag(text.substr(dots + 2), "--period")};
    if (period.end <= period.first) {
      throw UsageError(fmt::format("--period: the end must come after the start, got '{}'", text));
    }
    if (period.minutes() > usage::ModelUsage::k_max_span_minutes) {
      throw UsageError(fmt::format("--period: at most two years, got '{}'", text));
    }
    if (read.since || read.until) {
      throw UsageError("--period goes without --since and --until: the period is the window read");
    }
    options.period = period;
  }
  if (read.since) {
    options.since_minute = time_flag(*read.since, "--since");
  }
  if (read.until) {
    options.until_minute = time_flag(*read.until, "--until");
  }
  if (options.since_minute && options.until_minute && *options.until_minute <= *options.since_minute) {
    throw UsageError("--until must come after --since");
  }
  for (const std::string& entry : read.model_for) {
    const auto [id, model] = model_for_entry(entry);
    if (!options.model_for_id.emplace(id, model).second) {
      throw UsageError(fmt::format("--model-for: the Id '{}' is given twice", id));
    }
  }
}

} // namespace

void print_import_messages(const usage::UsageSet& usage, Io& io) {
  for (const auto& warning : usage.warnings) {
    warn(io, warning);
  }
  for (const auto& note : usage.notes) {
    warn(io, note, "note");
  }
}

void print_and_keep(Io& io, const std::vector<std::string>& lines, std::vector<std::string>& kept,
                    std::string_view kind) {
  for (const std::string& line : lines) {
    warn(io, line, kind);
    kept.push_back(line);
  }
}

usage::UsageSet import_usage(const std::vector<std::string>& files, const UsageReadOptions& read,
                             const std::optional<std::string>& model, const std::string& region, Io& io) {
  usage::ImportOptions options;
  options.format = usage::format_from_name(read.format).value_or(usage::Format::automatic);
  options.model = model;
  options.region = region;
  options.skip_invalid = read.skip_invalid;
  options.period_seconds = read.metric_period_seconds;
  usage_window(read, options);
  options.stdin_stream = io.in;
  bool drawn = false;
  if (io.err_is_terminal && !io.quiet) {
    options.progress = [&io, &drawn, last = -1](std::uint64_t done, std::uint64_t total) mutable {
      const int percent = total > 0 ? static_cast<int>(std::min<std::uint64_t>(100, done * 100 / total)) : -1;
      if (percent == last || total < (std::uint64_t{64} << 20)) {
        return; // only for long reads, and only when the figure changes
      }
      last = percent;
      drawn = true;
      const int width = 30;
      const int filled = percent * width / 100;
      io.err << fmt::format("\rreading usage [{}{}] {:3}% of {} MB", std::string(static_cast<std::size_t>(filled), '#'),
                            std::string(static_cast<std::size_t>(width - filled), ' '), percent, total >> 20)
             << std::flush;
    };
  }
  usage::UsageSet usage;
  try {
    usage::import_usage(files, options, usage);
  } catch (...) {
    if (drawn) {
      io.err << '\n';
    }
    throw;
  }
  if (drawn) {
    io.err << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }
  return usage;
}

void add_catalog_options(CLI::App& app, CatalogOptions& options) {
  app.add_option("--catalog", options.catalog_file, "Use this catalog instead of the embedded one")->type_name("FILE");
  app.add_option("--prices", options.overlay_files,
                 "Merge an overlay of prices (e.g. your AWS quote) on top; repeatable, later files win")
      ->type_name("FILE")
      ->take_all();
  app.add_flag("--offline", options.offline,
               "Leave out the AWS prices 'catalog update' downloaded: the embedded catalog (or --catalog) only");
}

void add_output_options(CLI::App& app, OutputOptions& options, bool estimate_formats) {
  app.add_option("--format,-f", options.format,
                 estimate_formats ? "Output format (focus: FinOps FOCUS 1.2 CSV; html: a report with charts)"
                                  : "Output format")
      ->check(estimate_formats ? CLI::IsMember({"table", "json", "csv", "markdown", "focus", "html"})
                               : CLI::IsMember({"table", "json", "csv", "markdown"}))
      ->capture_default_str();
  app.add_option("--output,-o", options.output_file,
                 "Write the report to FILE instead of stdout (see docs/output-files.md)")
      ->type_name("FILE");
}

catalog::Catalog load_catalog(const CatalogOptions& options) {
  catalog::Catalog result;
  if (options.catalog_file.empty()) {
    result = catalog::embedded_catalog();
    if (!options.offline) {
      apply_cached_overlay(result);
    }
  } else {
    InputFile file(options.catalog_file);
    result = catalog::load_catalog(file.stream(), file.name());
  }
  for (const std::string& path : options.overlay_files) {
    InputFile file(path);
    catalog::apply_overlay(result, file.stream(), file.name());
  }
  return result;
}

void check_region_priced(const catalog::Catalog& catalog, const std::string& region) {
  if (const auto known = catalog::regions(catalog); !catalog::covers(known, region)) {
    const auto suggestions = util::nearest(region, known, 1);
    throw InputError(fmt::format("--region: no prices for Region '{}' in the catalog{}", util::excerpt(region),
                                 suggestions.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestions[0])));
  }
}

std::vector<NamedFile> catalog_inputs(const CatalogOptions& options) {
  std::vector<NamedFile> inputs = named_files("--prices", options.overlay_files);
  inputs.push_back({"--catalog", options.catalog_file});
  return inputs;
}

void write_stdout(Io& io, std::string_view text) {
  errno = 0;
  io.out << text;
  io.out.flush();
  if (!io.out) {
    const int saved = errno;
    throw InputError(saved != 0 ? fmt::format("stdout: cannot write: {}", std::strerror(saved))
                                : std::string("stdout: cannot write"));
  }
}

report::OutputFormat output_format(const OutputOptions& options) {
  return report::parse_format(options.format).value_or(report::OutputFormat::table);
}

std::string today() {
  if (const char* given = std::getenv("BEDROCK_COST_TODAY"); given != nullptr && given[0] != '\0') {
    std::string text(given);
    if (text.size() != 10 || !util::is_valid_date(text)) {
      throw UsageError(fmt::format("BEDROCK_COST_TODAY: expected a date YYYY-MM-DD, got '{}'",
                                   util::printable(util::excerpt(text))));
    }
    return text;
  }
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const util::CivilDate date = util::civil_from_days(days.time_since_epoch().count());
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

report::RenderOptions render_options(const OutputOptions& options, const Io& io) {
  report::RenderOptions render;
  render.fields = options.fields;
  const char* no_color = std::getenv("NO_COLOR");
  render.color = options.output_file.empty() && io.out_is_terminal && (no_color == nullptr || no_color[0] == '\0');
  return render;
}

void write_report(const OutputOptions& options, Io& io, const std::string& text) {
  if (options.output_file.empty()) {
    write_stdout(io, text);
    return;
  }
  OutputFile(options.output_file, text).commit();
}

void emit(const OutputOptions& options, Io& io,
          const std::function<void(report::OutputFormat, const report::RenderOptions&, std::ostream&)>& write) {
  std::ostringstream buffer;
  write(output_format(options), render_options(options, io), buffer);
  write_report(options, io, buffer.str());
}

std::set<std::string, std::less<>> given_flags(const CLI::App& command) {
  std::set<std::string, std::less<>> given;
  for (const CLI::Option* option : command.get_options()) {
    if (option->count() > 0) {
      given.insert(option->get_name());
    }
  }
  return given;
}

} // namespace bedrock_cost::cli
