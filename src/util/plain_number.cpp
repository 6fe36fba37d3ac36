#include <bedrock_cost/util/plain_number.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace bedrock_cost::util {

namespace {

// Moves `pos` past a '+' or '-' at it.
void skip_sign(std::string_view text, std::size_t& pos) {
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    ++pos;
  }
}

// Moves `pos` past the decimal digits at it; returns how many there were.
std::size_t skip_digits(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    ++pos;
  }
  return pos - start;
}

} // namespace

bool is_plain_decimal(std::string_view text) {
  std::size_t pos = 0;
  skip_sign(text, pos);
  std::size_t digits = skip_digits(text, pos);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    digits += skip_digits(text, pos);
  }
  if (digits == 0) {
    return false;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    skip_sign(text, pos);
    if (skip_digits(text, pos) == 0) {
      return false;
    }
  }
  return pos == text.size();
}

bool is_plain_integer(std::string_view text) {
  std::size_t pos = 0;
  skip_sign(text, pos);
  return skip_digits(text, pos) > 0 && pos == text.size();
}

std::optional<double> parse_plain_decimal(std::string_view text) {
  if (!is_plain_decimal(text)) {
    return std::nullopt;
  }
  // strtod reads exactly this grammar the same in every locale the tool runs in (it never sets one); a value too
  // small for a double reads as 0 or a subnormal, one too large as infinity.
  const std::string copy(text);
  const double value = std::strtod(copy.c_str(), nullptr);
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

std::optional<std::int64_t> parse_plain_integer(std::string_view text) {
  if (!is_plain_integer(text)) {
    return std::nullopt;
  }
  const std::string_view digits = text.front() == '+' ? text.substr(1) : text; // from_chars takes no '+'
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && end == digits.data() + digits.size() ? std::optional<std::int64_t>(value)
                                                                      : std::nullopt;
}

} // namespace bedrock_cost::util
