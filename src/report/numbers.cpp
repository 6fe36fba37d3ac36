#include "numbers.hpp"

#include <fmt/format.h>

#include <cmath>

namespace bedrock_cost::report::detail {

std::string grouped(double value) {
  const double rounded = std::round(value);
  const bool negative = rounded < 0;
  const std::string digits = fmt::format("{:.0f}", std::fabs(rounded));
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return out;
}

std::string plain(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') {
      text.pop_back();
    }
  }
  return text == "-0" ? "0" : text;
}

std::string usd(util::Money amount) { return fmt::format("${}", util::format_usd_cents(amount)); }

std::string usd_plain(util::Money amount) { return util::format_usd_micros(amount); }

std::string price(const std::optional<util::Fixed9>& value, std::string_view missing) {
  return value ? value->to_string() : std::string(missing);
}

std::string percent(double share) { return plain(share * 100.0, 1) + "%"; }

} // namespace bedrock_cost::report::detail
