#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bedrock_cost::util {

__extension__ typedef __int128 Int128;           // NOLINT(modernize-use-using): __extension__ needs a typedef
__extension__ typedef unsigned __int128 UInt128; // NOLINT(modernize-use-using): __extension__ needs a typedef

// The decimal `text` ("0.25", "-3", "1e-05", "2.1875E2") times 10^decimals, exactly; throws
// std::invalid_argument with a one-line reason when the text is not a decimal, has more than `decimals` decimal
// places, or its magnitude is more than `max_magnitude`.
Int128 parse_scaled(std::string_view text, int decimals, Int128 max_magnitude);

// A non-negative-or-signed decimal held exactly as an integer count of 10^-9 (nine decimal places).
// Prices (USD per 1M tokens, per MU-hour, per 1K TPM-month) use it, so that 0.1 + 0.2 is exactly 0.3.
class Fixed9 {
public:
  static constexpr std::int64_t k_scale = 1'000'000'000;

  constexpr Fixed9() = default;
  // The value units × 10^-9.
  static constexpr Fixed9 from_units(std::int64_t units) { return Fixed9{units}; }
  // Parses a decimal such as "0.25", "-3", "1e-05" or "2.1875E2"; throws std::invalid_argument with a
  // one-line reason when the text is not a decimal, has more than 9 decimal places, or is out of range.
  static Fixed9 parse(std::string_view text);
  // The exact decimal value of a double's shortest round-trip representation (what a JSON literal said).
  static Fixed9 from_double(double value);

  constexpr std::int64_t units() const { return m_units; }
  double to_double() const { return static_cast<double>(m_units) / static_cast<double>(k_scale); }
  // Shortest exact decimal text, e.g. "0.25", "3", "0.00875".
  std::string to_string() const;

  friend constexpr bool operator==(Fixed9, Fixed9) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): false positive on a defaulted <=> before clang-tidy 18 (llvm#53961)
  friend constexpr auto operator<=>(Fixed9, Fixed9) = default;

private:
  constexpr explicit Fixed9(std::int64_t units) : m_units(units) {}
  std::int64_t m_units = 0;
};

} // namespace bedrock_cost::util
