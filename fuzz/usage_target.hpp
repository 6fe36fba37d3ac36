#pragma once

// Shared by the usage-import fuzz targets.

#include "fuzz_target.hpp"

#include <bedrock_cost/usage/summary.hpp>
#include <bedrock_cost/usage/usage.hpp>

#include <optional>
#include <sstream>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace bedrock_cost::fuzz {

// A file held in memory (memfd) that the importer opens by its path, like a query file named on the command line.
class MemoryFile {
public:
  explicit MemoryFile(std::string_view content) : m_fd(::memfd_create("fuzz-usage", MFD_CLOEXEC)) {
    if (m_fd < 0) {
      finding("set-up", "memfd_create failed");
    }
    for (std::size_t done = 0; done < content.size();) {
      const ssize_t n = ::write(m_fd, content.data() + done, content.size() - done);
      if (n <= 0) {
        finding("set-up", "cannot write the memory file");
      }
      done += static_cast<std::size_t>(n);
    }
    m_path = "/proc/self/fd/" + std::to_string(m_fd);
  }
  ~MemoryFile() { ::close(m_fd); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  const std::string& path() const { return m_path; }

private:
  int m_fd;
  std::string m_path;
};

// Imports `text` from standard input (after `query_text` as a get-metric-data query file, when given), then
// summarises the usage and builds every model's minute profile, as `profile` and `estimate --usage` do.
inline void import_usage(const std::string& text, usage::ImportOptions options,
                         const std::optional<std::string>& query_text = std::nullopt) {
  std::optional<MemoryFile> query;
  std::vector<std::string> paths;
  if (query_text) {
    query.emplace(*query_text);
    paths.push_back(query->path());
  }
  paths.emplace_back("-");
  std::istringstream in(text);
  options.stdin_stream = &in;
  options.progress = [](std::uint64_t, std::uint64_t) {};
  run_input({"<stdin>", query ? std::string_view(query->path()) : "<stdin>"}, [&] {
    usage::UsageSet set;
    usage::import_usage(paths, options, set);
    // Summaries and profiles hold only the minutes with data, so a span of two years costs no more than a minute.
    static_cast<void>(usage::summarise(set));
    for (const auto& [key, series] : set.models) {
      if (!series.empty()) {
        static_cast<void>(series.profile(set.first_minute, set.span_minutes()));
      }
    }
  });
}

// The options of a second read of each input: the format named (--usage-format), --skip-invalid, a --model for
// the CloudWatch series that name none, and 300-second data points (--period 300).
inline usage::ImportOptions forced(usage::Format format) {
  usage::ImportOptions options;
  options.format = format;
  options.skip_invalid = true;
  options.model = "anthropic.claude-3-haiku-20240307-v1:0";
  options.period_seconds = 300;
  return options;
}

// Reads one usage file twice: with its format detected from the content, then with `format` named (see forced).
inline void import_both_ways(const std::uint8_t* data, std::size_t size, usage::Format format,
                             std::optional<std::string> model = std::nullopt) {
  const std::string text = text_of(data, size);
  usage::ImportOptions detected;
  detected.model = std::move(model);
  import_usage(text, detected);
  import_usage(text, forced(format));
}

} // namespace bedrock_cost::fuzz
