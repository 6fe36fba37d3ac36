#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/money.hpp>

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <stdexcept>
#include <utility>

namespace bedrock_cost::util {

namespace {

constexpr Int128 k_atto_per_nano = 1'000'000'000;
constexpr Int128 k_atto_per_cent = 10'000'000'000'000'000;
constexpr int k_atto_decimals = 18;

// A 256-bit unsigned value as (high, low) 128-bit halves; ordered as a number by the pair's ordering.
using Wide = std::pair<UInt128, UInt128>;

int sign(Int128 value) { return value > 0 ? 1 : (value < 0 ? -1 : 0); }

UInt128 magnitude(Int128 value) {
  return value < 0 ? UInt128{0} - static_cast<UInt128>(value) : static_cast<UInt128>(value);
}

// a x b in 256 bits, from four 64 x 64-bit partial products.
Wide multiply(UInt128 a, UInt128 b) {
  constexpr UInt128 k_low_mask = ~std::uint64_t{0};
  const UInt128 a_low = a & k_low_mask;
  const UInt128 a_high = a >> 64;
  const UInt128 b_low = b & k_low_mask;
  const UInt128 b_high = b >> 64;
  Wide product{a_high * b_high, a_low * b_low};
  for (const UInt128 middle : {a_high * b_low, a_low * b_high}) {
    const UInt128 shifted = middle << 64;
    product.second += shifted;
    product.first += (middle >> 64) + (product.second < shifted ? 1 : 0);
  }
  return product;
}

std::int64_t to_int64_checked(Int128 value) {
  if (value > std::numeric_limits<std::int64_t>::max() || value < std::numeric_limits<std::int64_t>::min()) {
    throw std::overflow_error("amount of money out of range");
  }
  return static_cast<std::int64_t>(value);
}

} // namespace

Int128 divide_rounded(Int128 numerator, Int128 denominator) {
  // Quotient and remainder, so that no intermediate sum can overflow near the ends of the range.
  const Int128 quotient = numerator / denominator;
  const Int128 remainder = numerator % denominator;
  const Int128 left_over = remainder < 0 ? -remainder : remainder;
  if (left_over < denominator - left_over) { // less than half
    return quotient;
  }
  return numerator < 0 ? quotient - 1 : quotient + 1;
}

int compare_products(Int128 a, Int128 b, Int128 c, Int128 d) {
  const int left = sign(a) * sign(b);
  const int right = sign(c) * sign(d);
  if (left != right) {
    return left > right ? 1 : -1;
  }
  const Wide ab = multiply(magnitude(a), magnitude(b));
  const Wide cd = multiply(magnitude(c), magnitude(d));
  const int order = ab == cd ? 0 : (ab < cd ? -1 : 1);
  return left * order;
}

Money scale(Money amount, Int128 numerator, Int128 denominator) {
  const auto gcd = [](Int128 a, Int128 b) {
    while (b != 0) {
      const Int128 r = a % b;
      a = b;
      b = r;
    }
    return a < 0 ? -a : a;
  };
  if (const Int128 g = gcd(numerator, denominator); g > 1) {
    numerator /= g;
    denominator /= g;
  }
  Int128 product = 0;
  if (__builtin_mul_overflow(amount.atto(), numerator, &product)) {
    throw std::overflow_error("amount of money out of range");
  }
  return Money::from_atto(divide_rounded(product, denominator));
}

Money Money::from_usd(Fixed9 usd) { return Money{static_cast<Int128>(usd.units()) * k_atto_per_nano}; }

Money Money::parse_usd(std::string_view text) { return Money{parse_scaled(text, k_atto_decimals, k_max_parsed_atto)}; }

std::int64_t Money::round_micros() const { return to_int64_checked(divide_rounded(m_atto, k_atto_per_micro)); }

std::int64_t Money::round_cents() const { return to_int64_checked(divide_rounded(m_atto, k_atto_per_cent)); }

double Money::to_double_micros() const {
  const std::string text = format_usd_micros(*this);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value); // correctly rounded: the nearest double
  return value;
}

Money token_cost(Int128 milli_tokens, Fixed9 usd_per_million_tokens) {
  // milli-tokens (10^-3) x USD/10^6 tokens (10^-9 units) = 10^-18 USD: no scaling needed.
  Int128 product = 0;
  if (__builtin_mul_overflow(milli_tokens, static_cast<Int128>(usd_per_million_tokens.units()), &product)) {
    throw std::overflow_error("amount of money out of range");
  }
  return Money::from_atto(product);
}

std::string format_usd_cents(Money amount) {
  const Int128 cents = divide_rounded(amount.atto(), k_atto_per_cent);
  const UInt128 whole = magnitude(cents);
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", group_thousands(fmt::format("{}", whole / 100)),
                     static_cast<unsigned>(whole % 100));
}

std::string format_usd_micros(Money amount) {
  const Int128 micros = divide_rounded(amount.atto(), Money::k_atto_per_micro);
  const UInt128 whole = magnitude(micros);
  std::string text = fmt::format("{}{}", micros < 0 ? "-" : "", whole / 1'000'000);
  if (const auto fraction = static_cast<unsigned>(whole % 1'000'000); fraction != 0) {
    std::string digits = fmt::format("{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += "." + digits;
  }
  return text;
}

} // namespace bedrock_cost::util
