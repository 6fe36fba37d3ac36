#pragma once

// Internal to the CLI: what `estimate` prices (estimate_input.cpp), read from its flags, a workload file or usage
// files.

#include "commands.hpp"

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::cli {

// What to estimate: the workloads, and how the engine prices them.
struct EstimateInput {
  std::vector<workload::WorkloadSpec> workloads;
  engine::EstimateOptions options;
};

// The workloads of --usage, else of --workload, else of the single-workload flags (--model, the traffic, MU
// capacity and quotas), with the pricing options (--hours-per-month, --headroom, --term, and the charts that
// --format html and --chart draw); throws UsageError for flags that do not go together, InputError for bad input.
EstimateInput estimate_input(const EstimateCliOptions& options, const catalog::Catalog& catalog, Io& io);

// A decimal flag (MU capacity, prices, a budget) exact to 9 places: not negative, and more than 0 if `positive`;
// throws UsageError "estimate: FLAG: …".
util::Fixed9 decimal_flag(const std::string& text, std::string_view flag, bool positive);

} // namespace bedrock_cost::cli
