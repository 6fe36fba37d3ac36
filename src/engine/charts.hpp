#pragma once

// Internal to the engine: the data the charts of the HTML report draw.

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/engine/capacity.hpp>
#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <string>
#include <utility>
#include <vector>

namespace bedrock_cost::engine {

// At most this many points per traffic series: a week of minutes (10,080) becomes 720 points of 14 minutes.
inline constexpr std::size_t k_chart_points = 720;
// At most about this many MU counts per cost curve (N* and its neighbours are always among them).
inline constexpr std::int64_t k_curve_points = 60;

// The profile at chart resolution: each point's busiest minute and its average; `origin` says what its first
// minute is (the epoch minute comes from the profile).
TrafficSeries traffic_series(const workload::TrafficProfile& profile, const CapacityModel& model, TimeOrigin origin);

// Blended cost against the number of MUs for each term, from 0 to past the largest count the options use.
std::vector<CostCurve> cost_curves(const CapacityModel& model,
                                   const std::vector<std::pair<std::string, catalog::Figure>>& terms,
                                   const WorkloadResult& result);

} // namespace bedrock_cost::engine
