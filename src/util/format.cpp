#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <cmath>

namespace bedrock_cost::util {

std::string group_thousands(std::uint64_t value) { return group_thousands(fmt::format("{}", value)); }

std::string group_thousands(std::string_view digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0 && (n - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

std::string format_count(double value) {
  const double rounded = std::round(value);
  if (!(std::fabs(rounded) < 1.8e19)) {
    return fmt::format("{:.0f}", rounded); // beyond 64 bits (or not a number): no grouping
  }
  const bool negative = rounded < 0;
  return fmt::format("{}{}", negative ? "-" : "", group_thousands(static_cast<std::uint64_t>(std::fabs(rounded))));
}

std::string format_decimal(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const auto point = text.find('.');
  std::string fraction;
  if (point != std::string::npos) {
    fraction = text.substr(point);
    text.erase(point);
    fraction.erase(fraction.find_last_not_of('0') + 1);
    if (fraction == ".") {
      fraction.clear();
    }
  }
  std::string grouped;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 0 && (text.size() - i) % 3 == 0) {
      grouped += ',';
    }
    grouped += text[i];
  }
  const bool negative = value < 0 && (grouped != "0" || !fraction.empty());
  return fmt::format("{}{}{}", negative ? "-" : "", grouped, fraction);
}

std::string format_duration(std::int64_t minutes) {
  if (minutes % 1440 == 0) {
    return fmt::format("{} d", minutes / 1440);
  }
  if (minutes >= 1440) {
    return fmt::format("{} d {} h {} min", minutes / 1440, minutes % 1440 / 60, minutes % 60);
  }
  if (minutes >= 60) {
    return fmt::format("{} h {} min", minutes / 60, minutes % 60);
  }
  return fmt::format("{} min", minutes);
}

std::string excerpt(std::string_view text) {
  if (text.size() <= k_excerpt_bytes) {
    return std::string(text);
  }
  std::size_t end = k_excerpt_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) { // inside a UTF-8 sequence
    --end;
  }
  return fmt::format("{}…", text.substr(0, end));
}

} // namespace bedrock_cost::util
