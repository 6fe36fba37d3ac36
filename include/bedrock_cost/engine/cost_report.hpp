#pragma once

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/money.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::engine {

enum class Strategy { on_demand, provisioned, blended, reserved };

// "on_demand", "provisioned", "blended" or "reserved": the JSON and CSV spelling.
std::string_view to_string(Strategy strategy);

// One priced dimension of the on-demand bill (input, output, batch, cache).
struct CostLine {
  catalog::Dimension dimension = catalog::Dimension::input;
  double tokens_per_month = 0;
  util::Fixed9 usd_per_million_tokens;
  util::Money monthly;
  catalog::Provenance provenance;
};

// One way of paying for a workload.
struct OptionResult {
  Strategy strategy = Strategy::on_demand;
  std::optional<std::string> term; // "1_month", ...; none for on-demand
  std::optional<std::int64_t> model_units;
  util::Money provisioned; // committed part, USD per month
  util::Money on_demand;   // pay-per-token part, USD per month
  util::Money monthly;     // provisioned + on_demand
  util::Money savings_vs_on_demand;
  std::optional<double> utilization; // of the commitment, in [0, 1]
  double throttled_share = 0;        // of all tokens, in [0, 1]
  double overflow_share = 0;         // of all tokens served on-demand above a commitment, in [0, 1]
  std::vector<std::string> assumptions;
};

// What the workload sends, scaled to the month.
struct Traffic {
  double input_tokens_per_month = 0;  // plain + cache + batch input tokens
  double output_tokens_per_month = 0; // plain + batch output tokens
  std::array<double, catalog::k_dimension_count> tokens_per_month_by_dimension{};
  double avg_tpm = 0;  // input + output tokens per minute, averaged over the profile
  double peak_tpm = 0; // busiest bucket, tokens per minute
  std::optional<double> avg_rpm;
  std::optional<std::int64_t> peak_model_units; // needs an MU capacity
};

struct Recommendation {
  Strategy strategy = Strategy::on_demand;
  std::optional<std::string> term;
  std::optional<std::int64_t> model_units;
  util::Money monthly;
  util::Money savings_vs_on_demand;
};

struct WorkloadResult {
  std::string name;
  std::string requested_model; // as the user wrote it
  std::string model_id;
  std::string model_name;
  std::string provider;
  std::string region;
  std::optional<std::string> profile; // cross-Region inference profile prefix
  Traffic traffic;
  std::vector<CostLine> on_demand_lines;
  std::vector<OptionResult> options;
  Recommendation recommendation;
  std::vector<std::string> warnings; // also printed on stderr by the CLI
};

// The whole answer of `estimate`: built by the engine, printed by the renderers.
struct CostReport {
  std::string generated_by;
  std::string catalog_as_of;
  std::string catalog_source;
  std::string catalog_origin;
  std::vector<std::string> overlays;
  util::Fixed9 hours_per_month;
  std::vector<WorkloadResult> workloads;
  util::Money total_on_demand;
  util::Money total_recommended;
};

} // namespace bedrock_cost::engine
