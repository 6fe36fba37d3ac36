#include "numbers.hpp"

#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

#include <cmath>

namespace bedrock_cost::report::detail {

std::string grouped(double value) { return util::format_count(value); }

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

std::string usd(util::Money amount) {
  const std::string text = util::format_usd_cents(amount);
  return text.front() == '-' ? fmt::format("-${}", text.substr(1)) : fmt::format("${}", text);
}

std::string usd_plain(util::Money amount) { return util::format_usd_micros(amount); }

std::string price(const std::optional<util::Fixed9>& value, std::string_view missing) {
  return value ? value->to_string() : std::string(missing);
}

std::string percent(double share) {
  // A share that rounds to 0% or 100% but is not: never hide a throttled or idle sliver.
  if (share > 0 && share < 0.0005) {
    return "<0.1%";
  }
  if (share < 1 && share > 0.9995 && share <= 1.0005) {
    return ">99.9%";
  }
  return plain(share * 100.0, 1) + "%";
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : util::printable(text)) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace bedrock_cost::report::detail
