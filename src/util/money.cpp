#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/money.hpp>

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

namespace bedrock_cost::util {

namespace {

constexpr Int128 k_atto_per_nano = 1'000'000'000;
constexpr Int128 k_atto_per_cent = 10'000'000'000'000'000;

std::int64_t to_int64_checked(Int128 value) {
  if (value > std::numeric_limits<std::int64_t>::max() || value < std::numeric_limits<std::int64_t>::min()) {
    throw std::overflow_error("amount of money out of range");
  }
  return static_cast<std::int64_t>(value);
}

} // namespace

Int128 divide_rounded(Int128 numerator, Int128 denominator) {
  const Int128 half = denominator / 2;
  return numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
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

std::int64_t Money::round_micros() const { return to_int64_checked(divide_rounded(m_atto, k_atto_per_micro)); }

std::int64_t Money::round_cents() const { return to_int64_checked(divide_rounded(m_atto, k_atto_per_cent)); }

double Money::to_double_micros() const { return static_cast<double>(round_micros()) / 1e6; }

Money token_cost(Int128 milli_tokens, Fixed9 usd_per_million_tokens) {
  // milli-tokens (10^-3) x USD/10^6 tokens (10^-9 units) = 10^-18 USD: no scaling needed.
  Int128 product = 0;
  if (__builtin_mul_overflow(milli_tokens, static_cast<Int128>(usd_per_million_tokens.units()), &product)) {
    throw std::overflow_error("amount of money out of range");
  }
  return Money::from_atto(product);
}

std::string format_usd_cents(Money amount) {
  const std::int64_t cents = amount.round_cents();
  const bool negative = cents < 0;
  const auto magnitude = static_cast<std::uint64_t>(negative ? -static_cast<Int128>(cents) : cents);
  return fmt::format("{}{}.{:02}", negative ? "-" : "", group_thousands(magnitude / 100), magnitude % 100);
}

std::string format_usd_micros(Money amount) {
  const std::int64_t micros = amount.round_micros();
  const bool negative = micros < 0;
  const auto magnitude = static_cast<std::uint64_t>(negative ? -static_cast<Int128>(micros) : micros);
  std::string text = fmt::format("{}{}", negative ? "-" : "", magnitude / 1'000'000);
  if (const std::uint64_t fraction = magnitude % 1'000'000; fraction != 0) {
    std::string digits = fmt::format("{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += "." + digits;
  }
  return text;
}

} // namespace bedrock_cost::util
