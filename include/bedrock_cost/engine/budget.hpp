#pragma once

#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/util/money.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace bedrock_cost::engine {

// What a budget gate compares: the recommended total (default), the on-demand total, or the total if every
// workload took its cheapest option of one strategy that throttles nothing (a workload without one stays
// on-demand).
struct BudgetBasis {
  enum class Kind { recommended, on_demand, strategy } kind = Kind::recommended;
  Strategy strategy = Strategy::on_demand;
};

// "recommended", "on_demand", "provisioned", "blended" or "reserved"; nothing for anything else.
std::optional<BudgetBasis> budget_basis(std::string_view name);
// "the recommended total", "the provisioned total", ...
std::string describe(const BudgetBasis& basis);

// The monthly total the gate compares with its limit.
util::Money budget_total(const CostReport& report, const BudgetBasis& basis);

} // namespace bedrock_cost::engine
