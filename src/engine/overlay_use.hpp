#pragma once

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/engine/cost_report.hpp>

#include <string>
#include <vector>

namespace bedrock_cost::engine {

struct UnusedOverlayRows {
  std::vector<std::string> warnings; // rows for a model no workload runs, or for other Regions or profiles
  std::vector<std::string> notes;    // rows whose terms the estimate was asked not to price
};

// A line for each row of the overlays that applied to no workload of the report, saying why: no workload runs its
// model, they run in other Regions (or through another profile), or the terms priced leave its terms out.
UnusedOverlayRows unused_overlay_rows(const catalog::Catalog& catalog, const CostReport& report,
                                      const std::vector<std::string>& terms);

// True when an overlay has a Provisioned Throughput or Reserved-tier row for the model (whether it applied or not).
bool overlay_prices_commitment(const catalog::Catalog& catalog, const std::string& model);

} // namespace bedrock_cost::engine
