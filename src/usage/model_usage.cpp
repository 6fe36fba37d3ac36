#include <bedrock_cost/usage/usage.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace bedrock_cost::usage {

namespace {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) {
    throw std::overflow_error("a token count does not fit in 64 bits");
  }
  return sum;
}

std::int64_t to_milli(std::int64_t count) {
  std::int64_t milli = 0;
  if (__builtin_mul_overflow(count, std::int64_t{1000}, &milli)) {
    throw std::overflow_error("a minute's token count is too large to price");
  }
  return milli;
}

constexpr std::array<std::pair<Format, std::string_view>, 6> k_format_names = {{
    {Format::metric_data, "metric-data"},
    {Format::metric_queries, "metric-queries"},
    {Format::metric_statistics, "metric-statistics"},
    {Format::invocation_log, "invocation-log"},
    {Format::log_events, "log-events"},
    {Format::csv, "csv"},
}};

} // namespace

std::string_view to_string(Format format) {
  for (const auto& [value, name] : k_format_names) {
    if (value == format) {
      return name;
    }
  }
  return "auto";
}

std::optional<Format> format_from_name(std::string_view name) {
  if (name == "auto") {
    return Format::automatic;
  }
  for (const auto& [value, spelling] : k_format_names) {
    if (spelling == name) {
      return value;
    }
  }
  return std::nullopt;
}

Counts& Counts::operator+=(const Counts& other) {
  input = checked_add(input, other.input);
  output = checked_add(output, other.output);
  cache_read = checked_add(cache_read, other.cache_read);
  cache_write = checked_add(cache_write, other.cache_write);
  requests = checked_add(requests, other.requests);
  return *this;
}

ModelUsage::ModelUsage(const ModelUsage& other)
    : m_model(other.m_model), m_region(other.m_region), m_first(other.m_first), m_last(other.m_last),
      m_minutes(other.m_minutes), m_total(other.m_total), m_requests_known(other.m_requests_known),
      m_sources(other.m_sources), m_files(other.m_files) {}

ModelUsage& ModelUsage::operator=(const ModelUsage& other) {
  if (this != &other) {
    ModelUsage copy(other);
    *this = std::move(copy);
  }
  return *this;
}

void ModelUsage::add(std::int64_t epoch_minute, const Counts& counts, SourceKind source) {
  const std::int64_t low = empty() ? epoch_minute : std::min(m_first, epoch_minute);
  const std::int64_t high = empty() ? epoch_minute : std::max(m_last, epoch_minute);
  if (high - low + 1 > k_max_span_minutes) {
    throw std::range_error(
        fmt::format("the usage of {} would span more than two years of minutes", util::excerpt(m_model)));
  }
  Minute* minute = m_recent != nullptr && m_recent_minute == epoch_minute ? m_recent : nullptr;
  Counts next_minute = minute != nullptr ? minute->counts : at(epoch_minute);
  Counts next_total = m_total;
  next_minute += counts;
  next_total += counts;
  // A minute is priced in milli-tokens: reject here, where the record is known, what profile() could not hold.
  for (const std::int64_t count :
       {next_minute.input, next_minute.output, next_minute.cache_read, next_minute.cache_write, next_minute.requests}) {
    to_milli(count);
  }
  if (minute == nullptr) {
    minute = &m_minutes[epoch_minute];
    m_recent = minute;
    m_recent_minute = epoch_minute;
  }
  minute->counts = next_minute;
  minute->sources |= static_cast<std::uint8_t>(source);
  m_sources |= static_cast<std::uint8_t>(source);
  m_total = next_total;
  m_first = low;
  m_last = high;
}

void ModelUsage::note_file(SourceKind kind, const std::string& file) {
  if (!m_files.empty() && m_files.back().first == kind && m_files.back().second == file) {
    return; // the usual case: the file of the record before
  }
  if (std::find(m_files.begin(), m_files.end(), std::pair{kind, file}) == m_files.end()) {
    m_files.emplace_back(kind, file);
  }
}

Counts ModelUsage::at(std::int64_t epoch_minute) const {
  const auto found = m_minutes.find(epoch_minute);
  return found == m_minutes.end() ? Counts{} : found->second.counts;
}

std::vector<std::pair<std::int64_t, ModelUsage::Minute>> ModelUsage::minutes() const {
  std::vector<std::pair<std::int64_t, Minute>> sorted(m_minutes.begin(), m_minutes.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return sorted;
}

workload::TrafficProfile ModelUsage::profile(std::int64_t first_minute, std::int64_t span_minutes, bool clip) const {
  workload::TrafficProfile profile;
  profile.bucket_minutes = 1;
  profile.requests_known = m_requests_known;
  profile.sparse = true;
  profile.total_buckets = span_minutes;
  profile.start_epoch_minute = first_minute;
  const auto sorted = minutes();
  profile.buckets.reserve(sorted.size());
  profile.positions.reserve(sorted.size());
  for (const auto& [epoch_minute, minute] : sorted) {
    const std::int64_t at = epoch_minute - first_minute;
    if (at < 0 || at >= span_minutes) {
      if (clip) {
        continue;
      }
      throw std::out_of_range("a minute of usage outside the period of the usage");
    }
    const Counts& c = minute.counts;
    workload::Bucket b;
    b.input = to_milli(c.input);
    b.output = to_milli(c.output);
    b.cache_read = to_milli(c.cache_read);
    b.cache_write = to_milli(c.cache_write);
    b.requests = to_milli(c.requests);
    profile.buckets.push_back(b);
    profile.positions.push_back(at);
  }
  return profile;
}

std::string_view describe(SourceKind kind) {
  switch (kind) {
  case SourceKind::metrics: return "CloudWatch metrics";
  case SourceKind::invocation_logs: return "invocation logs";
  case SourceKind::csv: return "a per-minute CSV";
  }
  return "usage";
}

ModelUsage& UsageSet::series(const std::string& model, const std::string& region) {
  const auto key = std::pair{model, region};
  auto found = models.find(key);
  if (found == models.end()) {
    found = models.emplace(key, ModelUsage(model, region)).first;
  }
  return found->second;
}

std::pair<std::string, std::optional<std::string>> normalise_model(std::string_view raw) {
  std::optional<std::string> region;
  std::string_view id = raw;
  if (id.starts_with("arn:")) {
    // arn:<partition>:bedrock:<region>:<account>:<type>/<id>
    std::size_t field_start = 0;
    for (int field = 0; field < 3 && field_start != std::string_view::npos; ++field) {
      field_start = id.find(':', field_start + 1);
    }
    if (field_start != std::string_view::npos) {
      const std::size_t field_end = id.find(':', field_start + 1);
      if (field_end != std::string_view::npos && field_end > field_start + 1) {
        region = std::string(id.substr(field_start + 1, field_end - field_start - 1));
      }
    }
    if (id.find(":application-inference-profile/") != std::string_view::npos ||
        id.find(":provisioned-model/") != std::string_view::npos) {
      return {std::string(raw), region}; // names no model: only a mapping could say which
    }
    if (const std::size_t slash = id.rfind('/'); slash != std::string_view::npos) {
      id = id.substr(slash + 1);
    }
  }
  // A provisioned context-length suffix: ":200k", ":48k".
  if (const std::size_t colon = id.rfind(':');
      colon != std::string_view::npos && id.size() > colon + 2 && id.back() == 'k') {
    const std::string_view digits = id.substr(colon + 1, id.size() - colon - 2);
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      id = id.substr(0, colon);
    }
  }
  return {std::string(id), region};
}

} // namespace bedrock_cost::usage
