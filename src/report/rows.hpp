#pragma once

// Internal: the row layouts shared by the table, CSV and Markdown renderers.

#include "grid.hpp"

#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/report/render.hpp>

#include <span>

namespace bedrock_cost::report::detail {

enum class Audience { people, machines };

// A table for people and the lines to print under it (footnotes, rows it leaves out).
struct NotedGrid {
  Grid grid;
  std::vector<std::string> notes;
};

// One row per workload x option, every CSV column: stable snake_case names and plain numbers.
Grid option_grid(std::span<const engine::WorkloadResult> workloads);
// The CSV columns `names` (every one a name of option_field_names()), in that order: for machines as CSV writes
// them, for people formatted as the tables are (dollars and cents, grouped counts, percentages).
Grid option_fields_grid(std::span<const engine::WorkloadResult> workloads, const std::vector<std::string>& names,
                        Audience audience);
// The names of the CSV columns, in order.
std::vector<std::string> option_field_names();
// The options for people, one row per workload x option. An option that throttles traffic is marked as not
// comparable (no saving shown, a footnote); the blended rows at N* = 0 MU, which repeat the on-demand row, are
// left out and one note per workload says which terms blending does not pay for.
NotedGrid option_table(std::span<const engine::WorkloadResult> workloads, bool with_workload_column);
// One row per workload x priced MU term: the price per MU and where one MU breaks even (for people); a term whose
// break-even lies above 100% utilisation says it never pays, and a note explains it.
NotedGrid break_even_table(std::span<const engine::WorkloadResult> workloads, bool with_workload_column);
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
// "Traffic: 50,000 tokens/min average, 120,000 peak (diurnal) (... tokens/month); the peak needs 3 MU" (", 4 with
// 20% headroom" when provisioned sizes above the peak).
std::string traffic_text(const engine::Traffic& traffic);
// "Coverage: …" of imported usage: the period priced, the minutes with data and the factor to a month; empty
// without coverage.
std::string coverage_text(const engine::Traffic& traffic, util::Fixed9 hours_per_month);
std::string coverage_text(const workload::Coverage& coverage, double month_factor, util::Fixed9 hours_per_month);
// "3 MU", "100,000 in + 10,000 out TPM", or "-".
std::string commitment_text(const engine::OptionResult& option);
// "Recommended: blended, 6 month, 2 MU at $1,095.00/month, saving $12.00 (1.1%) against on-demand" (no colour).
std::string recommendation_text(const engine::WorkloadResult& workload);
// "acme.x in us-east-1: 1,200 input + 300 output tokens, 4 requests over 26 min: unknown model ..." for people.
std::string unpriced_text(const engine::UnpricedUsage& usage);
// "Month = 730 hours. Prices: embedded catalog as of 2026-09-23 + quote.json." (with `catalog update`'s overlay:
// "… as of 2026-09-23 + AWS Price List downloaded 2026-12-07 (published 2026-12-01) + quote.json.")
std::string footer_text(const engine::CostReport& report);
// A model listing's "Catalog as of 2026-09-23." (with `catalog update`'s overlay: "Catalog as of 2026-09-23 + AWS
// Price List downloaded 2026-12-07 (published 2026-12-01).").
std::string listing_catalog_text(const catalog::Catalog& catalog);

} // namespace bedrock_cost::report::detail
