#pragma once

#include <bedrock_cost/util/fixed.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace bedrock_cost::util {

// An amount of US dollars held exactly as a 128-bit count of atto-dollars (10^-18 USD).
// A token count in milli-tokens times a Fixed9 price per 1M tokens is exactly atto-dollars, so a month of
// per-minute buckets adds up with no rounding at all. Rounding happens once, when an amount is rendered.
class Money {
public:
  static constexpr std::int64_t k_atto_per_micro = 1'000'000'000'000;
  // The largest magnitude parse_usd reads, 10^19 USD: the difference of any two parsed amounts fits.
  static constexpr Int128 k_max_parsed_atto = Int128{10} * 1'000'000'000'000'000'000 * 1'000'000'000'000'000'000;

  constexpr Money() = default;
  static constexpr Money from_atto(Int128 atto) { return Money{atto}; }
  static Money from_usd(Fixed9 usd);
  // An exact decimal amount of USD ("1314", "1.7e9", "0.000001"); throws std::invalid_argument with a one-line
  // reason when the text is not a decimal, has more than 18 decimal places or is more than 10^19 USD.
  static Money parse_usd(std::string_view text);

  constexpr Int128 atto() const { return m_atto; }
  // The amount rounded half away from zero to whole micro-dollars (10^-6 USD); throws std::overflow_error beyond
  // 64 bits (more than $9.2 trillion).
  std::int64_t round_micros() const;
  // The amount rounded half away from zero to whole cents; throws std::overflow_error beyond 64 bits.
  std::int64_t round_cents() const;
  // Rounded to micro-dollars, as a double (the nearest double to that decimal; for JSON numbers); any amount.
  double to_double_micros() const;

  Money& operator+=(Money other) {
    m_atto += other.m_atto;
    return *this;
  }
  friend Money operator+(Money a, Money b) { return a += b; }
  friend Money operator-(Money a, Money b) { return Money{a.m_atto - b.m_atto}; }
  friend constexpr bool operator==(Money, Money) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): false positive on a defaulted <=> before clang-tidy 18 (llvm#53961)
  friend constexpr auto operator<=>(Money, Money) = default;

private:
  constexpr explicit Money(Int128 atto) : m_atto(atto) {}
  Int128 m_atto = 0;
};

// Exact cost of `milli_tokens` (10^-3 tokens) at `usd_per_million_tokens`; throws std::overflow_error if the
// product does not fit in 128 bits (never for a count that fits in 64 bits).
Money token_cost(Int128 milli_tokens, Fixed9 usd_per_million_tokens);

// Rounds numerator / denominator half away from zero; denominator > 0.
Int128 divide_rounded(Int128 numerator, Int128 denominator);

// The sign (-1, 0 or 1) of a x b - c x d, computed exactly (the products take up to 256 bits).
int compare_products(Int128 a, Int128 b, Int128 c, Int128 d);

// amount x numerator / denominator, rounded half away from zero to the atto-dollar (the fraction is reduced
// first); throws std::overflow_error if the product does not fit in 128 bits.
Money scale(Money amount, Int128 numerator, Int128 denominator);

// "1,234,567.89"-style text of a Money rounded to cents (with a leading '-' when negative); any amount.
std::string format_usd_cents(Money amount);
// Plain decimal text rounded to micro-dollars with trailing zeros removed: "0.625", "1095", "-3.5"; any amount.
std::string format_usd_micros(Money amount);

} // namespace bedrock_cost::util
