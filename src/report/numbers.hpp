#pragma once

// Internal: the one set of number formats the renderers share.

#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/money.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace bedrock_cost::report::detail {

// "1,642,500,000": a count rounded to a whole number, with thousands separators.
std::string grouped(double value);
// "37500.75": fixed notation, at most `decimals` decimals, trailing zeros removed (for CSV).
std::string plain(double value, int decimals = 3);
// "$1,095.00" for people; "1095" / "0.625" (micro-dollar precision) for machines.
std::string usd(util::Money amount);
std::string usd_plain(util::Money amount);
// A price per 1M tokens as an exact decimal: "0.25", "0.00875".
std::string price(const std::optional<util::Fixed9>& value, std::string_view missing = "-");
// "7 d", "2 h 5 min": a span of minutes for people.
std::string duration(std::int64_t minutes);
// "12.5%" for people.
std::string percent(double share);
// XML and HTML text: util::printable() (XML 1.0 forbids most control characters, even as &#27;), then &, <, > and "
// as entities.
std::string escape(std::string_view text);

} // namespace bedrock_cost::report::detail
