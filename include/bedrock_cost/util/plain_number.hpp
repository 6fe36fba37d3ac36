#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bedrock_cost::util {

// True when `text` is a number as a person writes it: an optional sign, decimal digits with an optional
// fraction ("5", "0.25", ".5", "5."), and an optional exponent ("1e6", "2.5E-3"). Nothing else: no blanks,
// no hex ("0x10"), no "inf" or "nan", no "1e", no trailing text.
bool is_plain_decimal(std::string_view text);

// True when `text` is an optional sign and decimal digits only ("010" is ten: there is no octal or hex).
bool is_plain_integer(std::string_view text);

// The value of a plain decimal; nullopt when `text` is not one or is beyond the range of a double.
std::optional<double> parse_plain_decimal(std::string_view text);

// The value of a plain integer; nullopt when `text` is not one or is beyond the range of int64.
std::optional<std::int64_t> parse_plain_integer(std::string_view text);

} // namespace bedrock_cost::util
