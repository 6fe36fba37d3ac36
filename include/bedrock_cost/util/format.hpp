#pragma once

#include <cstddef>
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
// A span of minutes in words: "7 d", "4 d 3 h 20 min", "5 h 0 min", "42 min".
std::string format_duration(std::int64_t minutes);

// The most bytes of input text (a value, a name, a JSON pointer) that a message quotes.
constexpr std::size_t k_excerpt_bytes = 200;

// `text` as a message quotes it: whole when at most k_excerpt_bytes long, else its first k_excerpt_bytes (cut
// back to a UTF-8 character boundary) followed by "…", so that a huge input never makes a huge message.
std::string excerpt(std::string_view text);

} // namespace bedrock_cost::util
