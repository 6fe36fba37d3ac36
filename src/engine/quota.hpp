#pragma once

// Internal to the engine: the on-demand quota check of DESIGN.md section 3.

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <string_view>

namespace bedrock_cost::engine {

// What the quota check of one workload looks at.
struct QuotaCheck {
  const catalog::Model& model;
  const catalog::Resolution& match;
  const workload::TrafficProfile& profile;
  const workload::QuotaSettings& given;
  std::string_view catalog_origin; // figures from elsewhere came from an overlay: the user's own quotas
};

// Adds a warning to `result` for each of the peak on-demand tokens per minute (output tokens weighted by the
// model's burndown factor; cache reads do not count) and requests per minute that exceeds the quota of the
// workload's route and Region: the user's when given, else the catalog's. Adds a note when a quota the user gave
// cannot be checked (no request counts for a requests-per-minute quota).
void add_quota_checks(WorkloadResult& result, const QuotaCheck& check);

} // namespace bedrock_cost::engine
