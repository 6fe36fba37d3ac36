#pragma once

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <vector>

namespace bedrock_cost::engine {

// Analysis settings, apart from how the result is rendered.
struct EstimateOptions {
  util::Fixed9 hours_per_month = util::Fixed9::from_units(730 * util::Fixed9::k_scale);
  util::Fixed9 headroom;          // fraction above the peak that provisioned MUs are sized for (0.2 = 20%)
  std::vector<std::string> terms; // commitment terms to price; empty: every term the catalog prices
  // Imported usage: a workload the catalog cannot price is listed in CostReport::unpriced with its totals
  // instead of failing the run.
  bool list_unpriced = false;
  // Also compute what the charts draw (WorkloadResult::charts): the traffic at chart resolution and each term's
  // cost curve over the number of MUs.
  bool charts = false;
  // The date (YYYY-MM-DD) a model's lifecycle is judged on: Legacy, in extended access or past its end of life. Empty:
  // not judged (the CLI always gives one).
  std::string today;
  // How the workloads were given (flags, a workload file or imported usage): the report words the notes that name a
  // setting for it (WorkloadResult::input).
  InputForm input_form = InputForm::flags;
  // About the input as a whole (imported usage's period, say): carried into CostReport::warnings and notes.
  std::vector<std::string> input_warnings;
  std::vector<std::string> input_notes;
  // What reading the input warned and noted (and already told the user): first in CostReport::warnings and notes.
  std::vector<std::string> read_warnings;
  std::vector<std::string> read_notes;
};

// The length of a term in months ("no_commitment" 0, "6_month" 6, "1_year" 12); for ordering and totals.
std::int64_t term_months(std::string_view term);

// Monthly cost of one profile on-demand, line by line; throws UnpricedWorkload (naming spec.origin) when the model
// has no price for a dimension the traffic uses.
std::vector<CostLine> on_demand_lines(const catalog::OnDemandRow& prices, const workload::TrafficProfile& profile,
                                      const EstimateOptions& options, const workload::WorkloadSpec& spec);

// Prices every workload against the catalog; throws UnpricedWorkload for an unknown model (with suggestions), a
// Region the catalog does not price, or a missing batch or cache price that the traffic needs (unless
// options.list_unpriced lists it), and InputError for traffic or an MU capacity it cannot size.
CostReport estimate(const catalog::Catalog& catalog, const std::vector<workload::WorkloadSpec>& workloads,
                    const EstimateOptions& options);

} // namespace bedrock_cost::engine
