#include "readers.hpp"

#include "log_pipeline.hpp"

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
#include <simdjson.h>
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

Context::Context(const ImportOptions& import_options, UsageSet& set)
    : options(import_options), usage(set), total(set) {}

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

std::string Where::str() const { return m_line < 0 ? *m_text : fmt::format("{}:{}", *m_text, m_line); }

std::string period_text(const MinuteRange& period) {
  return fmt::format("{}..{}", format_timestamp(period.first * 60), format_timestamp(period.end * 60));
}

void Context::invalid(const Where& where, const std::string& message) {
  if (!options.skip_invalid) {
    throw InputError(fmt::format("{}: {}", where.str(), message));
  }
  ++usage.stats.skipped_invalid;
  if (first_invalid.empty()) {
    first_invalid = fmt::format("{}: {}", where.str(), message);
  }
}

Context::~Context() = default;

ModelUsage* Context::series_of(std::string_view raw_model, std::optional<std::string_view> region) {
  const std::string_view region_text = region.value_or(std::string_view());
  if (recent_series_known && raw_model == recent_model && region_text == recent_region) {
    return recent_series; // most records name the model of the record before
  }
  auto [model, arn_region] = normalise_model(raw_model);
  const std::string where_region = region ? std::string(*region) : arn_region ? *arn_region : options.region;
  recent_series = &usage.series(model, where_region);
  recent_model.assign(raw_model);
  recent_region.assign(region_text);
  recent_series_known = true;
  return recent_series;
}

void Context::add(std::string_view raw_model, std::optional<std::string_view> region, std::int64_t epoch_seconds,
                  const Counts& counts, bool requests_known, const Where& where) {
  ModelUsage* series = series_of(raw_model, region);
  if (!fits(counts)) {
    invalid(where, k_too_much); // no traffic is that large; summing it could overflow
    return;
  }
  const std::int64_t minute = minute_of(epoch_seconds);
  if ((options.since_minute && minute < *options.since_minute) ||
      (options.until_minute && minute >= *options.until_minute)) {
    ++usage.stats.outside_window; // left out on purpose (--since, --until)
    return;
  }
  if (options.period && !options.period->contains(minute)) {
    invalid(where, fmt::format("{} is outside --period {}; leave such records out with --since/--until",
                               format_timestamp(epoch_seconds), period_text(*options.period)));
    return;
  }
  const bool none = usage.data_last_minute < usage.data_first_minute;
  const std::int64_t first = none ? minute : std::min(usage.data_first_minute, minute);
  const std::int64_t last = none ? minute : std::max(usage.data_last_minute, minute);
  if (last - first + 1 > ModelUsage::k_max_span_minutes) {
    // One stray timestamp must fail loudly (or be skipped), not stretch the period to years.
    invalid(where, fmt::format("{} is more than two years from the rest of the usage ({} to {}); check the timestamps",
                               format_timestamp(epoch_seconds), format_timestamp(usage.data_first_minute * 60),
                               format_timestamp(usage.data_last_minute * 60)));
    return;
  }
  try {
    series->add(minute, counts, source);
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: {} ({})", where.str(), e.what(), format_timestamp(epoch_seconds)));
  }
  series->note_file(source, where.file() != nullptr ? *where.file() : current_file);
  usage.data_first_minute = first;
  usage.data_last_minute = last;
  if (requests_known) {
    series->set_requests_known();
  }
  total.add(counts);
  ++usage.stats.records;
}

namespace {

// The next line of `lines` (false at the end); a line too long to be a record is an invalid record.
bool next_line(LineReader& lines, std::string_view& line, const Input& input, Context& context) {
  for (;;) {
    switch (lines.next(line)) {
    case LineReader::Status::line: return true;
    case LineReader::Status::end: return false;
    case LineReader::Status::too_long:
      context.invalid(fmt::format("{}:{}", input.name(), lines.line_number()),
                      fmt::format("a line longer than {} MiB (not a usage file?)", LineReader::k_max_line >> 20));
      break;
    }
  }
}

} // namespace

// One invocation-log record (a line of a JSON-lines file, or the message of a CloudWatch Logs event). Bodies
// are skipped, never parsed: only the top-level fields and the token counts are read.
void apply_invocation_record(const RecordFields& fields, Context& context, const Where& where) {
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
  Counts counts = fields.counts;
  counts.requests = 1;
  context.add(fields.model, fields.region.empty() ? std::nullopt : std::optional<std::string_view>(fields.region),
              *seconds, counts, true, where);
}

void read_invocation_record(const char* data, std::size_t length, std::size_t capacity, Context& context,
                            const Where& where) {
  RecordFields fields;
  context.parse_record(data, length, capacity, fields);
  apply_invocation_record(fields, context, where);
}

void read_invocation_log(Input& input, Context& context) {
  LineReader lines(input);
  if (!context.pipeline) {
    context.pipeline = std::make_unique<LogPipeline>(context);
  }
  LogPipeline& pipeline = *context.pipeline;
  const std::string& name = pipeline.file_name(input.name());
  std::string_view line;
  std::uint64_t next_progress = 0;
  while (next_line(lines, line, input, context)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    if (context.options.progress && lines.bytes() >= next_progress) {
      context.options.progress(context.bytes_before + input.raw_bytes_read(), context.bytes_total);
      next_progress = lines.bytes() + (std::uint64_t{64} << 20);
    }
    pipeline.add(line, name, lines.line_number());
  }
  context.usage.stats.bytes += lines.bytes();
}

namespace {

// A quoted field from its opening quote at `i`, doubled quotes inside read as one; leaves `i` after the closing
// quote. False if the quote is never closed.
bool quoted_field(std::string_view line, std::size_t& i, std::string& field) {
  for (++i; i < line.size(); ++i) {
    if (line[i] != '"') {
      field += line[i];
    } else if (i + 1 < line.size() && line[i + 1] == '"') {
      field += '"';
      ++i;
    } else {
      ++i;
      return true;
    }
  }
  return false; // an unterminated quote
}

// RFC 4180 fields of one line (quotes doubled inside quoted fields; no embedded newlines in usage CSVs).
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  std::size_t i = 0;
  for (;;) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      if (!quoted_field(line, i, field) || (i < line.size() && line[i] != ',')) {
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

namespace {

// The columns of a usage CSV, from its header: the position of each name.
class CsvColumns {
public:
  // Reads the header's fields; throws InputError naming `where` when a required column is missing or a name repeats.
  CsvColumns(const std::vector<std::string>& fields, const std::string& where) : m_count(fields.size()) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const auto [at, fresh] = m_position.emplace(trimmed(fields[i]), i);
      if (!fresh && !at->first.empty()) {
        throw InputError(fmt::format("{}: the header names '{}' twice (columns {} and {})", where, at->first,
                                     at->second + 1, i + 1));
      }
    }
    for (const char* required : {"timestamp", "model_id", "input_tokens", "output_tokens", "requests"}) {
      if (!m_position.contains(required)) {
        throw InputError(fmt::format("{}: the header has no '{}' column (expected timestamp,model_id,input_tokens,"
                                     "output_tokens,requests)",
                                     where, required));
      }
    }
  }

  std::size_t count() const { return m_count; }
  // The trimmed cell of column `name` in a row (empty when the header has no such column).
  std::string cell(const std::vector<std::string>& row, const char* name) const {
    const auto found = m_position.find(name);
    return found == m_position.end() ? std::string() : trimmed(row[found->second]);
  }

private:
  std::size_t m_count;
  std::map<std::string, std::size_t, std::less<>> m_position;
};

// One data row of a usage CSV, added to the usage (or an invalid record).
void read_csv_row(const CsvColumns& columns, const std::vector<std::string>& row, Context& context,
                  const std::string& where) {
  if (row.size() != columns.count()) {
    context.invalid(where, fmt::format("expected {} columns (as the header), got {}{}", columns.count(), row.size(),
                                       row.size() > columns.count() ? " (a number with a thousands separator, or a "
                                                                      "comma in an unquoted model ID?)"
                                                                    : ""));
    return;
  }
  const auto seconds = parse_timestamp(columns.cell(row, "timestamp"), EpochUnit::seconds);
  if (!seconds) {
    context.invalid(where, fmt::format("unreadable timestamp '{}'", columns.cell(row, "timestamp")));
    return;
  }
  const std::string model = columns.cell(row, "model_id");
  if (model.empty()) {
    context.invalid(where, "empty model_id");
    return;
  }
  Counts counts;
  for (const auto& [name, target] :
       {std::pair{"input_tokens", &counts.input}, std::pair{"output_tokens", &counts.output},
        std::pair{"requests", &counts.requests}, std::pair{"cache_read_input_tokens", &counts.cache_read},
        std::pair{"cache_write_input_tokens", &counts.cache_write}}) {
    if (!parse_count(columns.cell(row, name), *target)) {
      context.invalid(where, fmt::format("{} is not a non-negative whole number: '{}'", name, columns.cell(row, name)));
      return;
    }
  }
  const std::string region = columns.cell(row, "region");
  context.add(model, region.empty() ? std::nullopt : std::optional<std::string_view>(region), *seconds, counts, true,
              where);
}

} // namespace

void read_csv(Input& input, Context& context) {
  LineReader lines(input);
  std::string_view line;
  std::vector<std::string> fields;
  std::optional<CsvColumns> columns;
  while (next_line(lines, line, input, context)) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      continue;
    }
    const std::string where = fmt::format("{}:{}", input.name(), lines.line_number());
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      if (!columns) {
        throw InputError(fmt::format("{}: the header is not valid UTF-8 (is the file UTF-16, or binary?)", where));
      }
      context.invalid(where, "not valid UTF-8 text");
      continue;
    }
    if (!split_csv(line, fields)) {
      context.invalid(where, "malformed CSV (an unterminated quote?)");
      continue;
    }
    if (!columns) {
      columns.emplace(fields, where);
      continue;
    }
    read_csv_row(*columns, fields, context, where);
  }
  if (!columns) {
    throw InputError(fmt::format("{}: empty CSV: expected the header timestamp,model_id,input_tokens,"
                                 "output_tokens,requests",
                                 input.name()));
  }
  context.usage.stats.bytes += lines.bytes();
}

} // namespace bedrock_cost::usage::detail
