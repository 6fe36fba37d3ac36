#pragma once

// Internal: the row layouts shared by the table, CSV and Markdown renderers.

#include "grid.hpp"

#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/report/render.hpp>

#include <span>

namespace bedrock_cost::report::detail {

enum class Audience { people, machines };

// One row per workload x option. For machines: stable snake_case columns and plain numbers (CSV).
Grid option_grid(std::span<const engine::WorkloadResult> workloads, Audience audience, bool with_workload_column);
// The on-demand bill of one workload, one row per priced dimension (for people).
Grid cost_line_grid(const engine::WorkloadResult& workload);
// One row per listed model x on-demand row.
Grid model_grid(const ModelListing& listing, Audience audience);

// "on-demand", "provisioned", ... for people.
std::string strategy_label(engine::Strategy strategy);
// "1 month", "no commitment", or "-" for people.
std::string term_label(const std::optional<std::string>& term);
// "us-east-1" or "us-east-1 via global. profile".
std::string location(const engine::WorkloadResult& workload);
// "us-east-1, us-west-2" or "global. profile", with a non-standard variant in brackets.
std::string row_location(const catalog::OnDemandRow& row);
// "Recommended: on-demand at $1,095.00/month" (without colour).
std::string recommendation_text(const engine::WorkloadResult& workload);
// "Month = 730 hours. Prices: embedded catalog as of 2026-09-23 + quote.json."
std::string footer_text(const engine::CostReport& report);

} // namespace bedrock_cost::report::detail
