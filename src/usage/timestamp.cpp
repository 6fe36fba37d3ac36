#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/calendar.hpp>

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace bedrock_cost::usage {

namespace {

// Reads exactly `count` digits at `pos`.
bool digits(std::string_view text, std::size_t& pos, std::size_t count, unsigned& value) {
  if (pos + count > text.size()) {
    return false;
  }
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  pos += count;
  return true;
}

constexpr std::int64_t k_last_second = 253402300799; // 9999-12-31T23:59:59Z

std::optional<std::int64_t> parse_epoch(std::string_view text, EpochUnit unit) {
  std::int64_t whole = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto [next, error] = std::from_chars(begin, end, whole);
  if (error != std::errc() || next == begin) {
    return std::nullopt;
  }
  if (next != end) { // a fraction: ".0", ".123"
    if (*next != '.' || next + 1 == end) {
      return std::nullopt;
    }
    for (const char* p = next + 1; p != end; ++p) {
      if (*p < '0' || *p > '9') {
        return std::nullopt;
      }
    }
  }
  const std::int64_t seconds = unit == EpochUnit::milliseconds ? whole / 1000 : whole;
  if (whole < 0 || seconds > k_last_second) {
    return std::nullopt;
  }
  return seconds;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

struct TimeOfDay {
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
};

// The time after a date, from its separator at `pos` ("T", "t" or a space): hh:mm, then optionally :ss and a
// fraction of a second (ignored); false if it is malformed.
bool time_of_day(std::string_view text, std::size_t& pos, TimeOfDay& time) {
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') {
    return false;
  }
  ++pos;
  if (!digits(text, pos, 2, time.hour) || pos >= text.size() || text[pos++] != ':' ||
      !digits(text, pos, 2, time.minute)) {
    return false;
  }
  if (pos >= text.size() || text[pos] != ':') {
    return true;
  }
  ++pos;
  if (!digits(text, pos, 2, time.second)) {
    return false;
  }
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      ++pos;
    }
    return pos != start;
  }
  return true;
}

// The seconds east of UTC of what follows the time at `pos`: nothing (UTC), "Z", or +hh[:][mm] / -hh[:][mm]; the
// text must end there. nullopt if it does not.
std::optional<std::int64_t> utc_offset(std::string_view text, std::size_t pos) {
  if (pos == text.size()) {
    return 0;
  }
  const char sign = text[pos++];
  if (sign == 'Z' || sign == 'z') {
    return pos == text.size() ? std::optional<std::int64_t>(0) : std::nullopt;
  }
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  unsigned oh = 0;
  unsigned om = 0;
  if (!digits(text, pos, 2, oh)) {
    return std::nullopt;
  }
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
  }
  if (pos < text.size() && !digits(text, pos, 2, om)) {
    return std::nullopt;
  }
  if (pos != text.size() || oh > 23 || om > 59) {
    return std::nullopt;
  }
  return (sign == '+' ? 1 : -1) * static_cast<std::int64_t>(oh * 3600 + om * 60);
}

} // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view text, EpochUnit bare_unit) {
  text = trimmed(text);
  if (text.size() < 10 || text[4] != '-') {
    return parse_epoch(text, bare_unit);
  }
  std::size_t pos = 0;
  unsigned year = 0;
  unsigned month = 0;
  unsigned day = 0;
  if (!digits(text, pos, 4, year) || text[pos++] != '-' || !digits(text, pos, 2, month) || pos >= text.size() ||
      text[pos++] != '-' || !digits(text, pos, 2, day)) {
    return std::nullopt;
  }
  TimeOfDay time;
  if (pos < text.size() && !time_of_day(text, pos, time)) {
    return std::nullopt;
  }
  const std::optional<std::int64_t> offset = utc_offset(text, pos);
  if (!offset || year < 1970 || month < 1 || month > 12 || day < 1 || day > util::days_in_month(year, month) ||
      time.hour > 23 || time.minute > 59 || time.second > 60) {
    return std::nullopt;
  }
  const std::int64_t seconds = util::days_from_civil(year, month, day) * 86400 + std::int64_t{time.hour} * 3600 +
                               std::int64_t{time.minute} * 60 + std::min(time.second, 59U) - *offset;
  if (seconds < 0 || seconds > k_last_second) {
    return std::nullopt;
  }
  return seconds;
}

std::string format_timestamp(std::int64_t epoch_seconds) {
  const std::int64_t days = epoch_seconds >= 0 ? epoch_seconds / 86400 : (epoch_seconds - 86399) / 86400;
  const std::int64_t rest = epoch_seconds - days * 86400;
  const util::CivilDate date = util::civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, rest / 3600,
                     (rest % 3600) / 60, rest % 60);
}

} // namespace bedrock_cost::usage
