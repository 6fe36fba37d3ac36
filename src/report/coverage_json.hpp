#pragma once

// The JSON of what imported usage covers, shared by the estimate and the profile documents.

#include <bedrock_cost/workload/workload.hpp>

#include <nlohmann/json.hpp>

namespace bedrock_cost::report::detail {

// {"period_start", "period_end", "period_minutes", "period_from", "first_minute_with_data",
// "last_minute_with_data", "minutes_with_data", "to_month", "month_factor"}.
nlohmann::ordered_json coverage_json(const workload::Coverage& coverage, double month_factor);

} // namespace bedrock_cost::report::detail
