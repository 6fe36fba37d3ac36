#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace bedrock_cost::util {

namespace {

constexpr int k_decimals = 9;
constexpr Int128 k_max_units = std::numeric_limits<std::int64_t>::max();

struct Decimal {
  bool negative = false;
  Int128 digits = 0; // all significant digits as an integer
  int exponent = 0;  // value = digits * 10^exponent
  int digit_count = 0;
};

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw std::invalid_argument(fmt::format("'{}' is {}", excerpt(text), why));
}

int parse_exponent(std::string_view text, std::size_t& pos) {
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  if (pos == text.size()) {
    fail(text, "not a number");
  }
  int value = 0;
  for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) != 0; ++pos) {
    if (value > 1000) {
      fail(text, "out of range");
    }
    value = value * 10 + (text[pos] - '0');
  }
  return negative ? -value : value;
}

Decimal parse_decimal(std::string_view text) {
  Decimal result;
  std::size_t pos = 0;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    result.negative = text[pos] == '-';
    ++pos;
  }
  bool seen_point = false;
  bool seen_digit = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      break;
    }
    seen_digit = true;
    if (result.digits == 0 && c == '0') {
      if (seen_point) {
        --result.exponent;
      }
      continue;
    }
    if (++result.digit_count > 30) {
      fail(text, "too long a number");
    }
    result.digits = result.digits * 10 + (c - '0');
    if (seen_point) {
      --result.exponent;
    }
  }
  if (!seen_digit) {
    fail(text, "not a number");
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    result.exponent += parse_exponent(text, pos);
  }
  if (pos != text.size()) {
    fail(text, "not a number");
  }
  return result;
}

} // namespace

Int128 parse_scaled(std::string_view text, int decimals, Int128 max_magnitude) {
  const Decimal d = parse_decimal(text);
  Int128 units = d.digits;
  int shift = d.exponent + decimals;
  if (units != 0) {
    for (; shift < 0; ++shift) {
      if (units % 10 != 0) {
        fail(text, fmt::format("more precise than {} decimal places", decimals));
      }
      units /= 10;
    }
    for (; shift > 0; --shift) {
      if (units > max_magnitude / 10) {
        fail(text, "out of range");
      }
      units *= 10;
    }
  }
  if (units > max_magnitude) {
    fail(text, "out of range");
  }
  return d.negative ? -units : units;
}

Fixed9 Fixed9::parse(std::string_view text) {
  return Fixed9{static_cast<std::int64_t>(parse_scaled(text, k_decimals, k_max_units))};
}

Fixed9 Fixed9::from_double(double value) {
  if (!std::isfinite(value)) {
    throw std::invalid_argument("not a finite number");
  }
  return parse(fmt::format("{}", value));
}

std::string Fixed9::to_string() const {
  const bool negative = m_units < 0;
  const auto magnitude = static_cast<std::uint64_t>(negative ? -static_cast<Int128>(m_units) : m_units);
  std::string text = fmt::format("{}{}", negative ? "-" : "", magnitude / k_scale);
  std::uint64_t fraction = magnitude % k_scale;
  if (fraction != 0) {
    std::string digits = fmt::format("{:09}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += "." + digits;
  }
  return text;
}

} // namespace bedrock_cost::util
