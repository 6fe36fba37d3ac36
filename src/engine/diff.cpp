#include <bedrock_cost/engine/diff.hpp>

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace bedrock_cost::engine {

namespace {

// Name, model, Region and which occurrence of them: a key repeated in a result pairs up in order.
using Key = std::tuple<std::string, std::string, std::string, std::size_t>;

std::vector<Key> keys(const ResultSummary& summary) {
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> seen;
  std::vector<Key> out;
  out.reserve(summary.workloads.size());
  for (const WorkloadSummary& w : summary.workloads) {
    const std::size_t occurrence = seen[{w.name, w.model, w.region}]++;
    out.emplace_back(w.name, w.model, w.region, occurrence);
  }
  return out;
}

std::map<Key, const WorkloadSummary*> by_key(const ResultSummary& summary, const std::vector<Key>& order) {
  std::map<Key, const WorkloadSummary*> out;
  for (std::size_t i = 0; i < order.size(); ++i) {
    out.emplace(order[i], &summary.workloads[i]);
  }
  return out;
}

std::optional<WorkloadSummary> find(const std::map<Key, const WorkloadSummary*>& side, const Key& key) {
  const auto found = side.find(key);
  return found == side.end() ? std::nullopt : std::optional<WorkloadSummary>(*found->second);
}

util::Money monthly_or_zero(const std::optional<WorkloadSummary>& side) { return side ? side->monthly : util::Money{}; }

util::Money committed_or_zero(const std::optional<WorkloadSummary>& side) {
  return side ? side->committed : util::Money{};
}

} // namespace

ResultSummary summarize(const CostReport& report) {
  ResultSummary summary;
  for (const WorkloadResult& w : report.workloads) {
    const Recommendation& rec = w.recommendation;
    summary.workloads.push_back({w.name, w.model_id, w.region, rec.strategy, rec.term, rec.model_units,
                                 rec.reserved_input_tpm, rec.reserved_output_tpm, rec.committed, rec.monthly});
  }
  summary.total_recommended = report.total_recommended;
  for (const UnpricedUsage& u : report.unpriced) {
    summary.unpriced.push_back(fmt::format("{} in {}", u.model, u.region));
  }
  return summary;
}

util::Money DiffRow::change() const { return monthly_or_zero(head) - monthly_or_zero(base); }

util::Money DiffRow::committed_change() const { return committed_or_zero(head) - committed_or_zero(base); }

ScenarioDiff diff(const ResultSummary& base, std::string_view base_name, const ResultSummary& head,
                  std::string_view head_name) {
  const std::vector<Key> base_order = keys(base);
  const std::vector<Key> head_order = keys(head);
  const auto base_by_key = by_key(base, base_order);
  const auto head_by_key = by_key(head, head_order);
  ScenarioDiff result;
  result.base_name = base_name;
  result.head_name = head_name;
  result.base_total = base.total_recommended;
  result.head_total = head.total_recommended;
  result.base_unpriced = base.unpriced;
  result.head_unpriced = head.unpriced;
  const auto add = [&](const Key& key) {
    result.rows.push_back(
        DiffRow{std::get<0>(key), std::get<1>(key), std::get<2>(key), find(base_by_key, key), find(head_by_key, key)});
  };
  for (const Key& key : head_order) {
    add(key);
  }
  for (const Key& key : base_order) {
    if (!head_by_key.contains(key)) {
      add(key);
    }
  }
  return result;
}

bool rises_by_more_than(const ScenarioDiff& diff, util::Fixed9 percent) {
  // change / base > percent / 100, with the percent in units of 10^-9: change x 100 x 10^9 > base x units.
  return util::compare_products(diff.change().atto(), util::Int128{100} * util::Fixed9::k_scale, diff.base_total.atto(),
                                percent.units()) > 0;
}

} // namespace bedrock_cost::engine
