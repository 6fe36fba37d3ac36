#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bedrock_cost::usage {

// What a bare number means as a timestamp: epoch seconds (CloudWatch metrics, CSV) or milliseconds
// (CloudWatch Logs events).
enum class EpochUnit { seconds, milliseconds };

// Parses every timestamp form the AWS CLI and SDKs print, to whole seconds since 1970-01-01 UTC (rounded down):
// ISO-8601 with 'T' or a space, optional fractional seconds, and 'Z', '+HH:MM', '+HHMM' or '+HH' (or no zone,
// taken as UTC); or a bare epoch number (integer or decimal) in `bare_unit`. Returns nothing for anything else,
// including dates that do not exist and times outside the years 1970-9999.
std::optional<std::int64_t> parse_timestamp(std::string_view text, EpochUnit bare_unit = EpochUnit::seconds);

// "2024-05-14T09:29:00Z" for seconds since the epoch.
std::string format_timestamp(std::int64_t epoch_seconds);

} // namespace bedrock_cost::usage
