#include <bedrock_cost/usage/usage.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

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

void ModelUsage::add(std::int64_t epoch_minute, const Counts& counts) {
  if (m_minutes.empty()) {
    m_first = epoch_minute;
    m_minutes.emplace_back();
  }
  const std::int64_t last = m_first + static_cast<std::int64_t>(m_minutes.size()) - 1;
  const std::int64_t low = std::min(m_first, epoch_minute);
  const std::int64_t high = std::max(last, epoch_minute);
  if (high - low + 1 > k_max_span_minutes) {
    throw std::range_error(
        fmt::format("the usage of {} would span more than two years of minutes", util::excerpt(m_model)));
  }
  for (; m_first > epoch_minute; --m_first) {
    m_minutes.emplace_front();
  }
  while (m_first + static_cast<std::int64_t>(m_minutes.size()) - 1 < epoch_minute) {
    m_minutes.emplace_back();
  }
  Counts& minute = m_minutes[static_cast<std::size_t>(epoch_minute - m_first)];
  Counts next_minute = minute;
  Counts next_total = m_total;
  next_minute += counts;
  next_total += counts;
  // A minute is priced in milli-tokens: reject here, where the record is known, what profile() could not hold.
  for (const std::int64_t count :
       {next_minute.input, next_minute.output, next_minute.cache_read, next_minute.cache_write, next_minute.requests}) {
    to_milli(count);
  }
  minute = next_minute;
  m_total = next_total;
}

workload::TrafficProfile ModelUsage::profile(std::int64_t first_minute, std::int64_t span_minutes) const {
  workload::TrafficProfile profile;
  profile.bucket_minutes = 1;
  profile.requests_known = m_requests_known;
  profile.buckets.resize(static_cast<std::size_t>(span_minutes));
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(m_minutes.size()); ++i) {
    const Counts& c = m_minutes[static_cast<std::size_t>(i)];
    const std::int64_t at = m_first + i - first_minute;
    if (at < 0 || at >= span_minutes) {
      throw std::out_of_range("a minute of usage outside the period of the usage");
    }
    workload::Bucket& b = profile.buckets[static_cast<std::size_t>(at)];
    b.input = to_milli(c.input);
    b.output = to_milli(c.output);
    b.cache_read = to_milli(c.cache_read);
    b.cache_write = to_milli(c.cache_write);
    b.requests = to_milli(c.requests);
  }
  return profile;
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
