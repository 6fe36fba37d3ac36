#pragma once

// Internal: what the charts of one workload share, and each chart (charts.cpp puts them together).

#include "chart_frame.hpp"

#include <bedrock_cost/engine/cost_report.hpp>

#include <cstddef>
#include <string>

namespace bedrock_cost::report::detail {

// The line styles term0 ... term3 of k_chart_css, used in turn for the MU terms.
inline constexpr std::size_t k_term_styles = 4;
// The height of the plot area of the traffic, model-unit and cost charts.
inline constexpr double k_plot_height = 230;

// "provisioned, 6 month, 9 MU (throttles 41.1%)".
std::string option_label(const engine::OptionResult& option);
// True when `option` is the workload's recommendation.
bool is_recommended(const engine::WorkloadResult& w, const engine::OptionResult& option);
// The blended option of `term`, or nullptr.
const engine::OptionResult* blended_option(const engine::WorkloadResult& w, const std::string& term);
// The cheapest blended option (the traffic above its N* is the overflow served on-demand), or nullptr.
const engine::OptionResult* cheapest_blended(const engine::WorkloadResult& w);
// True when blending pays for no term (N* = 0 everywhere).
bool no_commitment_pays(const engine::WorkloadResult& w);

// Tokens per minute over time: each point's average, and a pale band up to its busiest minute.
std::string traffic_chart(const engine::WorkloadResult& w, const std::string& id);
// Model units needed over time against N_peak and each term's N*, the overflow above the cheapest blended N*
// shaded (or, when no commitment pays, a note instead).
std::string model_unit_chart(const engine::WorkloadResult& w, const std::string& id);
// Monthly cost against the MUs committed per term, scaled to the costs that matter (on-demand, each term's minimum
// and its neighbours, the cheapest Reserved option, drawn as a line).
std::string cost_curve_chart(const engine::WorkloadResult& w, const std::string& id);

} // namespace bedrock_cost::report::detail
