#pragma once

// Internal: the SVG charts of the HTML report and of --chart. Each chart is one self-contained <svg> element
// (inline styles by class, see k_chart_css), deterministic (fixed-precision coordinates, no clock, no random
// ids) and small (series at chart resolution).

#include <bedrock_cost/engine/cost_report.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::report::detail {

// Every chart's width in SVG user units (its viewBox); heights vary.
inline constexpr double k_chart_width = 960;

// The CSS every chart's classes need (put once in the page, or in a standalone SVG document).
extern const std::string_view k_chart_css;

// "250K", "1.5M", "12": a count with a K/M/B suffix.
std::string short_count(double value);
// "$12,000", "$950", "$12.50": dollars with thousands separators, cents only below $100.
std::string short_dollars(double value);
// Ticks from 0 to at least `max`: 0, step, 2 step, ... with step 1, 2 or 5 x 10^k, about `count` of them.
std::vector<double> nice_ticks(double max, int count = 5);
// Ticks at multiples of such a step from at most `low` to at least `high`, about `count` of them.
std::vector<double> nice_ticks_between(double low, double high, int count = 5);

// The charts of one workload (`index` makes element ids unique in a page): traffic (each point's average, and a
// band up to its busiest minute), with dates and weekdays when the traffic has them; model units needed with the
// capacity of N_peak and each term's N*, overflow shaded (none when no commitment pays); monthly cost against MUs
// per term, scaled to the costs that matter, with the cheapest Reserved option; committed and on-demand dollars
// per option. Charts the data does not support (no MU capacity) are left out, and `notes` says why.
struct WorkloadCharts {
  std::vector<std::string> svgs;
  std::vector<std::string> notes;
};
WorkloadCharts workload_charts(const engine::WorkloadResult& workload, int index);

// On-demand against recommended monthly cost per workload, for a portfolio's total section.
std::string portfolio_chart(const engine::CostReport& report);

} // namespace bedrock_cost::report::detail
