#include "common.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/plain_number.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

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
    io.err << "bedrock-cost: " << kind << ": " << text << '\n';
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
  app.add_option("--period", options.period_seconds,
                 "Seconds per CloudWatch data point when no query file says it [default: 60]")
      ->transform(whole_number()) // runs first
      ->check(CLI::IsMember({60, 300, 3600}));
}

usage::UsageSet import_usage(const std::vector<std::string>& files, const UsageReadOptions& read,
                             const std::optional<std::string>& model, const std::string& region, Io& io) {
  usage::ImportOptions options;
  options.format = usage::format_from_name(read.format).value_or(usage::Format::automatic);
  options.model = model;
  options.region = region;
  options.skip_invalid = read.skip_invalid;
  options.period_seconds = read.period_seconds;
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
  for (const auto& warning : usage.warnings) {
    warn(io, warning);
  }
  for (const auto& note : usage.notes) {
    warn(io, note, "note");
  }
  return usage;
}

void add_catalog_options(CLI::App& app, CatalogOptions& options) {
  app.add_option("--catalog", options.catalog_file, "Use this catalog instead of the embedded one")->type_name("FILE");
  app.add_option("--prices", options.overlay_files,
                 "Merge an overlay of prices (e.g. your AWS quote) on top; repeatable, later files win")
      ->type_name("FILE")
      ->take_all();
}

void add_output_options(CLI::App& app, OutputOptions& options, bool estimate_formats) {
  app.add_option("--format,-f", options.format,
                 estimate_formats ? "Output format (focus: FinOps FOCUS 1.2 CSV; html: a report with charts)"
                                  : "Output format")
      ->check(estimate_formats ? CLI::IsMember({"table", "json", "csv", "markdown", "focus", "html"})
                               : CLI::IsMember({"table", "json", "csv", "markdown"}))
      ->capture_default_str();
  app.add_option("--output,-o", options.output_file, "Write the report to FILE (atomically) instead of stdout")
      ->type_name("FILE");
}

catalog::Catalog load_catalog(const CatalogOptions& options) {
  catalog::Catalog result;
  if (options.catalog_file.empty()) {
    result = catalog::embedded_catalog();
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

// Blocks SIGINT, SIGTERM, SIGHUP and SIGQUIT while it lives, so that Ctrl-C during a write takes effect only once
// the report is whole and in place (or the temporary file removed): never a truncated report or a stray
// temporary file.
class DeferSignals {
public:
  DeferSignals() {
    sigset_t blocked;
    sigemptyset(&blocked);
    for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) {
      sigaddset(&blocked, signal);
    }
    ::sigprocmask(SIG_BLOCK, &blocked, &m_previous);
  }
  ~DeferSignals() { ::sigprocmask(SIG_SETMASK, &m_previous, nullptr); }
  DeferSignals(const DeferSignals&) = delete;
  DeferSignals& operator=(const DeferSignals&) = delete;
  DeferSignals(DeferSignals&&) = delete;
  DeferSignals& operator=(DeferSignals&&) = delete;

private:
  sigset_t m_previous{};
};

StagedFile::StagedFile(const std::string& path, const std::string& content)
    : m_defer(std::make_unique<DeferSignals>()), m_path(path) {
  const std::filesystem::path target(path);
  if (std::filesystem::is_directory(target)) {
    throw InputError(fmt::format("{}: is a directory, expected a file name", path));
  }
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  std::string temp = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    throw InputError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      std::remove(temp.c_str());
      throw InputError(fmt::format("{}: cannot write: {}", path, std::strerror(saved)));
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int saved = errno;
    std::remove(temp.c_str());
    throw InputError(fmt::format("{}: cannot write: {}", path, std::strerror(saved)));
  }
  m_temp = std::move(temp);
}

StagedFile::~StagedFile() {
  if (!m_temp.empty()) {
    std::remove(m_temp.c_str());
  }
}

void StagedFile::commit() {
  if (std::rename(m_temp.c_str(), m_path.c_str()) != 0) {
    const int saved = errno;
    throw InputError(fmt::format("{}: cannot write: {}", m_path, std::strerror(saved))); // the destructor cleans up
  }
  m_temp.clear();
}

void emit(const OutputOptions& options, Io& io,
          const std::function<void(report::OutputFormat, const report::RenderOptions&, std::ostream&)>& write) {
  const auto format = report::parse_format(options.format).value_or(report::OutputFormat::table);
  report::RenderOptions render_options;
  render_options.fields = options.fields;
  const char* no_color = std::getenv("NO_COLOR");
  render_options.color =
      options.output_file.empty() && io.out_is_terminal && (no_color == nullptr || no_color[0] == '\0');
  std::ostringstream buffer;
  write(format, render_options, buffer);
  if (options.output_file.empty()) {
    errno = 0;
    io.out << buffer.str();
    io.out.flush();
    if (!io.out) { // a full disk, say: the report is not whole, so the run fails
      const int saved = errno;
      throw InputError(saved != 0 ? fmt::format("stdout: cannot write: {}", std::strerror(saved))
                                  : std::string("stdout: cannot write"));
    }
    return;
  }
  StagedFile(options.output_file, buffer.str()).commit();
}

} // namespace bedrock_cost::cli
