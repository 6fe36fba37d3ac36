#include "readers.hpp"

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <numeric>
#include <set>
#include <stdexcept>

namespace bedrock_cost::usage::detail {

namespace {

constexpr std::int64_t k_dedupe_hours = 6;

std::int64_t minute_of(std::int64_t epoch_seconds) { return epoch_seconds / 60; }

} // namespace

namespace {

// All the tokens and requests of `counts` (each at most k_max_total), or more than k_max_total.
std::int64_t sum(const Counts& counts) {
  std::int64_t total = 0;
  for (const std::int64_t count :
       {counts.input, counts.output, counts.cache_read, counts.cache_write, counts.requests}) {
    total += std::min(count, UsageSet::k_max_total + 1);
    total = std::min(total, UsageSet::k_max_total + 1);
  }
  return total;
}

} // namespace

UsageTotal::UsageTotal(const UsageSet& usage) {
  for (const auto& [key, series] : usage.models) {
    m_counted = std::min(m_counted + sum(series.total()), UsageSet::k_max_total + 1);
  }
}

bool UsageTotal::fits(const Counts& counts) const { return m_counted + sum(counts) <= UsageSet::k_max_total; }

void UsageTotal::add(const Counts& counts) { m_counted = std::min(m_counted + sum(counts), UsageSet::k_max_total + 1); }

Context::Context(const ReadOptions& read_options, UsageSet& set) : options(read_options), usage(set), total(set) {}

bool RecentRequests::HourSet::insert(std::uint64_t hash) {
  hash |= 1;                                // 0 marks an empty slot
  if ((used + 1) * 10 > slots.size() * 7) { // grow at 70% full
    std::vector<std::uint64_t> old = std::move(slots);
    slots.assign(std::max<std::size_t>(1024, old.size() * 2), 0);
    used = 0;
    for (const std::uint64_t h : old) {
      if (h != 0) {
        place(h);
      }
    }
  }
  return place(hash);
}

bool RecentRequests::HourSet::place(std::uint64_t hash) {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash >> 7) & mask;; i = (i + 1) & mask) {
    if (slots[i] == hash) {
      return false;
    }
    if (slots[i] == 0) {
      slots[i] = hash;
      ++used;
      return true;
    }
  }
}

bool RecentRequests::remember(std::string_view request_id, std::int64_t minute) {
  const std::int64_t hour = minute / 60;
  if (!m_hours.empty() && hour < m_hours.rbegin()->first - k_dedupe_hours) {
    return true; // older than the window: not checked (see docs/usage-formats.md)
  }
  const bool fresh = m_hours[hour].insert(std::hash<std::string_view>{}(request_id));
  // Forget the hours far behind the newest: memory follows the traffic of the window, not the files.
  while (m_hours.begin()->first < m_hours.rbegin()->first - k_dedupe_hours) {
    m_hours.erase(m_hours.begin());
  }
  return fresh;
}

void Context::invalid(const std::string& where, const std::string& message) {
  if (!options.skip_invalid) {
    throw InputError(fmt::format("{}: {}", where, message));
  }
  ++usage.stats.skipped_invalid;
  if (first_invalid.empty()) {
    first_invalid = fmt::format("{}: {}", where, message);
  }
}

void Context::add(const std::string& raw_model, std::optional<std::string> region, std::int64_t epoch_seconds,
                  const Counts& counts, bool requests_known, const std::string& where) {
  auto [model, arn_region] = normalise_model(raw_model);
  const std::string& where_region = region ? *region : arn_region ? *arn_region : options.region;
  if (options.model_filter && !options.model_filter(model)) {
    return;
  }
  if (!fits(counts)) {
    invalid(where, k_too_much); // no traffic is that large; summing it could overflow
    return;
  }
  const std::int64_t minute = minute_of(epoch_seconds);
  const std::int64_t first = usage.last_minute < usage.first_minute ? minute : std::min(usage.first_minute, minute);
  const std::int64_t last = usage.last_minute < usage.first_minute ? minute : std::max(usage.last_minute, minute);
  if (last - first + 1 > ModelUsage::k_max_span_minutes) {
    // One stray timestamp must fail loudly, not allocate years of minutes.
    throw InputError(fmt::format("{}: {} is more than two years from the rest of the usage ({} to {}); check the "
                                 "timestamps",
                                 where, format_timestamp(epoch_seconds), format_timestamp(usage.first_minute * 60),
                                 format_timestamp(usage.last_minute * 60)));
  }
  usage.first_minute = first;
  usage.last_minute = last;
  ModelUsage& series = usage.series(model, where_region);
  try {
    series.add(minute, counts);
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: {} ({})", where, e.what(), format_timestamp(epoch_seconds)));
  }
  if (requests_known) {
    series.set_requests_known();
  }
  total.add(counts);
  ++usage.stats.records;
}

// One invocation-log record (a line of a JSON-lines file, or the message of a CloudWatch Logs event). Bodies
// are skipped, never parsed: only the top-level fields and the token counts are read.
void read_invocation_record(const char* data, std::size_t length, std::size_t capacity, Context& context,
                            const std::string& where) {
  RecordFields fields;
  context.parse_record(data, length, capacity, fields);
  if (!fields.problem.empty()) {
    context.invalid(where, fields.problem);
    return;
  }
  if (!fields.has_timestamp || fields.model.empty()) {
    context.invalid(where, !fields.has_timestamp ? "no timestamp" : "no modelId");
    return;
  }
  const auto seconds = parse_timestamp(fields.timestamp, EpochUnit::seconds);
  if (!seconds) {
    context.invalid(where, fmt::format("unreadable timestamp '{}'", util::excerpt(fields.timestamp)));
    return;
  }
  if (!fields.has_output) {
    ++context.usage.stats.failed; // a failed call: AWS logs no output tokens for it
    return;
  }
  if (!fields.has_input) {
    context.invalid(where, "no input.inputTokenCount");
    return;
  }
  if (!fields.request_id.empty() && !context.recent_requests.remember(fields.request_id, minute_of(*seconds))) {
    ++context.usage.stats.duplicates;
    return;
  }
  fields.counts.requests = 1;
  context.add(std::string(fields.model),
              fields.region.empty() ? std::nullopt : std::optional<std::string>(fields.region), *seconds, fields.counts,
              true, where);
}

void read_invocation_log(Input& input, Context& context) {
  LineReader lines(input);
  std::string_view line;
  std::uint64_t next_progress = 0;
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    if (context.options.progress && lines.bytes() >= next_progress) {
      context.options.progress(context.bytes_before + input.raw_bytes_read(), context.bytes_total);
      next_progress = lines.bytes() + (std::uint64_t{64} << 20);
    }
    read_invocation_record(line.data(), line.size(), line.size() + lines.capacity_after(line), context,
                           fmt::format("{}:{}", input.name(), lines.line_number()));
  }
  context.usage.stats.bytes += lines.bytes();
}

namespace {

// RFC 4180 fields of one line (quotes doubled inside quoted fields; no embedded newlines in usage CSVs).
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  std::size_t i = 0;
  for (;;) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) {
          return false; // an unterminated quote
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != ',') {
        return false;
      }
    } else {
      const std::size_t comma = line.find(',', i);
      field.assign(line.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
      i = comma == std::string_view::npos ? line.size() : comma;
    }
    fields.push_back(field);
    if (i >= line.size()) {
      return true;
    }
    ++i; // the comma
  }
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t");
  return first == std::string_view::npos ? std::string() : std::string(text.substr(first, last - first + 1));
}

bool parse_count(const std::string& text, std::int64_t& out) {
  if (text.empty()) {
    out = 0;
    return true;
  }
  const char* end = text.data() + text.size();
  auto [next, error] = std::from_chars(text.data(), end, out);
  if (error == std::errc() && next != end && *next == '.') { // "412.0"
    ++next;
    while (next != end && *next == '0') {
      ++next;
    }
  }
  return error == std::errc() && next == end && out >= 0;
}

} // namespace

void read_csv(Input& input, Context& context) {
  LineReader lines(input);
  std::string_view line;
  std::vector<std::string> fields;
  // Column positions by name; -1 when absent.
  std::map<std::string, int> column;
  bool header = false;
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    const std::string where = fmt::format("{}:{}", input.name(), lines.line_number());
    if (!header && line.starts_with("\xEF\xBB\xBF")) {
      line.remove_prefix(3); // a UTF-8 byte-order mark (PowerShell's Export-Csv writes one)
    }
    if (!split_csv(line, fields)) {
      context.invalid(where, "malformed CSV (an unterminated quote?)");
      continue;
    }
    if (!header) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        column.emplace(trimmed(fields[i]), static_cast<int>(i));
      }
      for (const char* required : {"timestamp", "model_id", "input_tokens", "output_tokens", "requests"}) {
        if (!column.contains(required)) {
          throw InputError(fmt::format("{}: the header has no '{}' column (expected timestamp,model_id,input_tokens,"
                                       "output_tokens,requests)",
                                       where, required));
        }
      }
      header = true;
      continue;
    }
    const auto cell = [&](const char* name) -> std::string {
      const auto found = column.find(name);
      if (found == column.end() || static_cast<std::size_t>(found->second) >= fields.size()) {
        return {};
      }
      return trimmed(fields[static_cast<std::size_t>(found->second)]);
    };
    if (fields.size() < column.size()) {
      context.invalid(where, fmt::format("expected {} columns, got {}", column.size(), fields.size()));
      continue;
    }
    const auto seconds = parse_timestamp(cell("timestamp"), EpochUnit::seconds);
    if (!seconds) {
      context.invalid(where, fmt::format("unreadable timestamp '{}'", util::excerpt(cell("timestamp"))));
      continue;
    }
    const std::string model = cell("model_id");
    if (model.empty()) {
      context.invalid(where, "empty model_id");
      continue;
    }
    Counts counts;
    bool ok = true;
    for (const auto& [name, target] :
         {std::pair{"input_tokens", &counts.input}, std::pair{"output_tokens", &counts.output},
          std::pair{"requests", &counts.requests}, std::pair{"cache_read_input_tokens", &counts.cache_read},
          std::pair{"cache_write_input_tokens", &counts.cache_write}}) {
      if (!parse_count(cell(name), *target)) {
        context.invalid(where,
                        fmt::format("{} is not a non-negative whole number: '{}'", name, util::excerpt(cell(name))));
        ok = false;
        break;
      }
    }
    if (!ok) {
      continue;
    }
    const std::string region = cell("region");
    context.add(model, region.empty() ? std::nullopt : std::optional<std::string>(region), *seconds, counts, true,
                where);
  }
  if (!header) {
    throw InputError(fmt::format("{}: empty CSV: expected the header timestamp,model_id,input_tokens,"
                                 "output_tokens,requests",
                                 input.name()));
  }
  context.usage.stats.bytes += lines.bytes();
}

} // namespace bedrock_cost::usage::detail
