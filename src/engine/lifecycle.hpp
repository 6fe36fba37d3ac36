#pragma once

// Internal to the engine: where a model stands in its lifecycle (AWS, "Model lifecycle") in a Region on a date, and
// what that changes in an estimate: a warning with the dates, the extended-access price where the catalog has one,
// and no new Provisioned Throughput for a Legacy model.

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/engine/cost_report.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace bedrock_cost::engine {

// The model's lifecycle in the resolved Region on `today` (YYYY-MM-DD; empty: not judged, nullopt), with
// whether the catalog's extended-access price applies: an extended-access row of the same route as `standard` (the
// row the request is priced with: a profile's own row, or the Region's); nullopt for a model with no lifecycle row
// there (Active).
std::optional<LifecycleStatus> lifecycle_status(const catalog::Resolution& match, std::string_view today,
                                                const catalog::OnDemandRow& standard);

// The on-demand row to price the workload with: the extended-access row of `standard`'s route when `status` says it
// applies, else `standard`.
const catalog::OnDemandRow& lifecycle_prices(const catalog::Resolution& match, const LifecycleStatus& status,
                                             const catalog::OnDemandRow& standard);

// The warning for a model that is not Active: its phase, the dates, what that means for its price and for
// Provisioned Throughput, and the source; `origin` names where the model was given.
std::string lifecycle_warning(const catalog::Resolution& match, const LifecycleStatus& status, std::string_view origin);

} // namespace bedrock_cost::engine
