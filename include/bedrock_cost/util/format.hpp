#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bedrock_cost::util {

// "1,642,500,000": digits grouped in thousands with commas.
std::string group_thousands(std::uint64_t value);
// The same for a string of decimal digits (a number of any size).
std::string group_thousands(std::string_view digits);
// A count rounded to a whole number, grouped in thousands, with a leading '-' when negative: "-37,501".
std::string format_count(double value);

// A number with its integer part grouped and at most `decimals` decimals, trailing zeros removed:
// "37,500.75", "800,000", "0.5".
std::string format_decimal(double value, int decimals = 3);

} // namespace bedrock_cost::util
