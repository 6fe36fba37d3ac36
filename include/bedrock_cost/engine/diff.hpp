#pragma once

// `bedrock-cost diff BASE.json HEAD.json` and `estimate --compare-to`: what changed between two results.

#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/money.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::engine {

// One workload of a result as a diff compares it: who it is and what was recommended for it.
struct WorkloadSummary {
  std::string name;
  std::string model;
  std::string region;
  Strategy strategy = Strategy::on_demand;
  std::optional<std::string> term; // "3_month", ...; none on-demand
  std::optional<std::int64_t> model_units;
  std::optional<double> reserved_input_tpm; // Reserved tier: tokens per minute reserved
  std::optional<double> reserved_output_tpm;
  util::Money committed; // the committed part of the monthly cost (MUs or reserved TPM), USD per month
  util::Money monthly;   // recommended, USD per month
};

// What a diff needs of an estimate result, whether computed now or read from a saved JSON result.
struct ResultSummary {
  std::vector<WorkloadSummary> workloads; // in the result's order
  util::Money total_recommended;          // USD per month
  // Usage the total leaves out because the catalog could not price it: "model in region" each.
  std::vector<std::string> unpriced;
};

// The summary of a report the engine just computed (exact money, no rounding).
ResultSummary summarize(const CostReport& report);

// One workload, matched by name, model and Region (the n-th of a repeated key with the n-th); absent on one side
// when it was added or removed.
struct DiffRow {
  std::string name;
  std::string model;
  std::string region;
  std::optional<WorkloadSummary> base;
  std::optional<WorkloadSummary> head;

  // Head minus base, an absent side counting as zero (USD per month).
  util::Money change() const;
  util::Money committed_change() const;
};

struct ScenarioDiff {
  std::string base_name;
  std::string head_name;
  std::vector<DiffRow> rows; // head's order, then the workloads only the base had
  util::Money base_total;    // recommended totals, USD per month
  util::Money head_total;
  std::vector<std::string> base_unpriced; // usage each total leaves out ("model in region")
  std::vector<std::string> head_unpriced;

  util::Money change() const { return head_total - base_total; }
};

// Compares two summaries; `base_name` and `head_name` say where they came from (a file, "this estimate").
ScenarioDiff diff(const ResultSummary& base, std::string_view base_name, const ResultSummary& head,
                  std::string_view head_name);

// True when the recommended total rises by more than `percent` percent of the base total, decided exactly for
// any amounts (the comparison takes up to 256 bits).
bool rises_by_more_than(const ScenarioDiff& diff, util::Fixed9 percent);

} // namespace bedrock_cost::engine
