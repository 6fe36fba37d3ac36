#include <bedrock_cost/engine/budget.hpp>

#include <fmt/format.h>

namespace bedrock_cost::engine {

std::optional<BudgetBasis> budget_basis(std::string_view name) {
  if (name == "recommended") {
    return BudgetBasis{BudgetBasis::Kind::recommended, Strategy::on_demand};
  }
  for (const Strategy s : {Strategy::on_demand, Strategy::provisioned, Strategy::blended, Strategy::reserved}) {
    if (name == to_string(s)) {
      return BudgetBasis{s == Strategy::on_demand ? BudgetBasis::Kind::on_demand : BudgetBasis::Kind::strategy, s};
    }
  }
  return std::nullopt;
}

std::string describe(const BudgetBasis& basis) {
  switch (basis.kind) {
  case BudgetBasis::Kind::recommended: return "the recommended total";
  case BudgetBasis::Kind::on_demand: return "the on-demand total";
  case BudgetBasis::Kind::strategy: return fmt::format("the {} total", to_string(basis.strategy));
  }
  return "the total";
}

util::Money budget_total(const CostReport& report, const BudgetBasis& basis) {
  switch (basis.kind) {
  case BudgetBasis::Kind::recommended: return report.total_recommended;
  case BudgetBasis::Kind::on_demand: return report.total_on_demand;
  case BudgetBasis::Kind::strategy: break;
  }
  util::Money total;
  for (const WorkloadResult& w : report.workloads) {
    std::optional<util::Money> best;
    for (const OptionResult& o : w.options) {
      if (o.strategy == basis.strategy && o.throttled_share == 0 && (!best || o.monthly < *best)) {
        best = o.monthly;
      }
    }
    total += best.value_or(w.options.front().monthly);
  }
  return total;
}

} // namespace bedrock_cost::engine
