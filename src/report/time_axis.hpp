#pragma once

// Internal: the time axis of the traffic and model-unit charts.

#include <bedrock_cost/engine/cost_report.hpp>

#include <string>
#include <vector>

namespace bedrock_cost::report::detail {

struct TimeAxis {
  std::vector<double> ticks;       // minutes since the series' first minute
  std::vector<std::string> labels; // one per tick
  std::string title;
};

// About 12 ticks at most over the series' span, at round times of the clock (UTC): for imported usage labelled with
// dates and weekdays ("Tue 14 May", "09:00"), for a shaped week (which begins on a Monday 00:00 UTC) with weekdays,
// and otherwise as minutes, hours or days since the start.
TimeAxis time_axis(const engine::TrafficSeries& series);

} // namespace bedrock_cost::report::detail
