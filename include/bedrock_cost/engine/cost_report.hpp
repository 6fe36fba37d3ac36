#pragma once

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/engine/notes.hpp>
#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/money.hpp>
#include <bedrock_cost/workload/workload.hpp>

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

// One priced part of a commitment: model units by the hour, or reserved input or output tokens per minute by the
// month. quantity x usd_per_unit = monthly, exactly.
struct CommitmentLine {
  std::string unit;      // "MU-hours", "1K input TPM-months", "1K output TPM-months"
  util::Fixed9 quantity; // in `unit`s per month
  util::Fixed9 usd_per_unit;
  util::Money monthly;
};

// One way of paying for a workload.
struct OptionResult {
  Strategy strategy = Strategy::on_demand;
  std::optional<std::string> term; // "1_month", ...; none for on-demand
  std::optional<std::int64_t> model_units;
  std::optional<double> reserved_input_tpm; // Reserved tier: tokens per minute reserved
  std::optional<double> reserved_output_tpm;
  util::Money committed; // committed part (MUs or reserved TPM), USD per month
  util::Money on_demand; // pay-per-token part, USD per month
  util::Money monthly;   // committed + on_demand
  util::Money savings_vs_on_demand;
  std::optional<double> utilization;          // of the commitment, in [0, 1]
  double throttled_share = 0;                 // of all tokens, in [0, 1]
  double overflow_share = 0;                  // of all tokens served on-demand above a commitment, in [0, 1]
  std::optional<util::Money> term_commitment; // committed part over the whole term (none without a term length)
  // False when the option throttles traffic (fixed MUs below the peak): it does not serve the whole workload, so
  // its cost and saving cannot be compared with the other options', and it is never recommended.
  bool comparable = true;
  std::vector<CommitmentLine> commitment_lines; // what the committed part buys (empty for on-demand)
  std::vector<std::string> assumptions;
};

// Where one MU of a term stops costing more than on-demand.
struct BreakEvenRow {
  std::string term;
  util::Fixed9 usd_per_model_unit_hour;
  util::Money usd_per_model_unit_month;
  std::optional<double> utilization;        // needs the MU capacity
  std::optional<double> tpm_per_model_unit; // tokens per minute one MU must carry
  catalog::Provenance provenance;
};

// What the workload sends, scaled to the month.
struct Traffic {
  double input_tokens_per_month = 0;  // plain + cache + batch input tokens
  double output_tokens_per_month = 0; // plain + batch output tokens
  std::array<double, catalog::k_dimension_count> tokens_per_month_by_dimension{};
  double avg_tpm = 0;  // input + output tokens per minute, averaged over the profile
  double peak_tpm = 0; // busiest bucket, tokens per minute
  std::optional<double> avg_rpm;
  std::optional<double> peak_rpm;
  std::optional<std::int64_t> peak_model_units; // MUs that serve the busiest bucket; needs an MU capacity
  // With a headroom: the MUs provisioned sizes to (the peak's plus the headroom, rounded up), and the headroom as a
  // share of the peak (0.1 for 10%).
  std::optional<std::int64_t> model_units_with_headroom;
  util::Fixed9 headroom;
  std::string shape; // "constant", "diurnal", "business-hours", "weights"
  std::int64_t bucket_minutes = 1;
  std::int64_t span_minutes = 0;
  // Imported usage: the period it covers and how it became a month; month_factor is k = M / S (1 as-is).
  std::optional<workload::Coverage> coverage;
  double month_factor = 0;
};

struct Recommendation {
  Strategy strategy = Strategy::on_demand;
  std::optional<std::string> term;
  std::optional<std::int64_t> model_units;
  std::optional<double> reserved_input_tpm;
  std::optional<double> reserved_output_tpm;
  util::Money committed; // of the chosen option, USD per month
  util::Money monthly;
  util::Money savings_vs_on_demand;
  // What the recommendation rests on: what the traffic is taken to be (none when only on-demand is priced), then the
  // chosen option's assumptions.
  std::optional<Note> traffic;
  std::vector<std::string> assumptions;
};

// What the start of a traffic series is, for labelling time.
enum class TimeOrigin {
  elapsed, // unknown (a benchmark's series): time since the start
  week,    // a shaped week, which begins on a Monday at 00:00 UTC
  epoch,   // imported usage: TrafficSeries::start_epoch_minute
};

// What the HTML report and --chart draw; computed only when asked for (EstimateOptions::charts).
struct TrafficSeries {
  std::int64_t span_minutes = 0;
  std::int64_t minutes_per_point = 1; // each point covers this many minutes (the last one may cover fewer)
  TimeOrigin origin = TimeOrigin::elapsed;
  std::int64_t start_epoch_minute = 0; // minutes since 1970-01-01 00:00 UTC of the first minute (origin epoch)
  // Per point, the busiest minute's tokens per minute (input: plain + cache + batch input) — the true peak of the
  // minutes it covers — and the busiest minute's load in model units (empty without an MU capacity).
  std::vector<double> input_tpm;
  std::vector<double> output_tpm;
  std::vector<double> model_units;
  // Per point, the average over the minutes it covers (minutes without traffic count as zero).
  std::vector<double> input_tpm_average;
  std::vector<double> output_tpm_average;
  std::vector<double> model_units_average;
};

// The blended monthly cost of one term as a function of the number of MUs committed.
struct CostCurve {
  std::string term;
  std::vector<std::pair<std::int64_t, util::Money>> points; // ascending MUs, N* and its neighbours included
  std::int64_t optimal_model_units = 0;                     // N*
};

struct ChartData {
  TrafficSeries traffic;
  std::vector<CostCurve> cost_curves; // per MU term; empty without an MU capacity
};

// Where the workload's model stands in its lifecycle in the workload's Region (AWS, "Model lifecycle") on the
// estimate's date, when the catalog has a lifecycle row for it.
struct LifecycleStatus {
  std::string phase;           // "legacy", "extended_access" or "end_of_life"
  std::string legacy;          // YYYY-MM-DD, or empty when the source gives none
  std::string extended_access; // idem
  std::string end_of_life;
  bool extended_access_price = false; // the on-demand lines are at the catalog's extended-access price
  catalog::Provenance provenance;
};

struct WorkloadResult {
  WorkloadInput input; // how the workload was given: the report names its settings that way
  std::string name;
  std::string requested_model; // as the user wrote it
  std::string model_id;
  std::string model_name;
  std::string provider;
  std::string region;
  std::optional<std::string> profile; // cross-Region inference profile prefix
  Traffic traffic;
  std::vector<CostLine> on_demand_lines;
  std::vector<OptionResult> options; // on-demand first
  std::vector<BreakEvenRow> break_even;
  Recommendation recommendation;
  std::vector<Note> notes;           // what could not be priced, and the settings that would price it
  std::vector<std::string> warnings; // also printed on stderr by the CLI
  std::optional<ChartData> charts;   // with EstimateOptions::charts
  std::optional<LifecycleStatus> lifecycle;
};

// Imported usage the engine could not price (a model the catalog lacks, a Region without prices): listed with
// its totals, never dropped silently.
struct UnpricedUsage {
  std::string model;
  std::string region;
  std::int64_t input_tokens = 0; // over the imported span, cache reads and writes included
  std::int64_t output_tokens = 0;
  std::optional<std::int64_t> requests;
  std::int64_t span_minutes = 0;
  PriceGap reason; // why the catalog cannot price it (report::gap_reason words it)
};

// The whole answer of `estimate`: built by the engine, printed by the renderers.
struct CostReport {
  std::string generated_by;
  std::string catalog_as_of;
  std::string catalog_source;
  std::string catalog_origin;
  std::optional<catalog::PriceListDownload> price_list; // `catalog update`'s overlay, when it was merged in
  std::vector<std::string> overlays;
  util::Fixed9 hours_per_month;
  std::vector<WorkloadResult> workloads;
  util::Money total_on_demand;
  util::Money total_recommended;
  std::vector<UnpricedUsage> unpriced;
  std::vector<std::string> warnings; // about the input as a whole (the period imported usage covers, say)
  std::vector<std::string> notes;    // how the input was read
};

} // namespace bedrock_cost::engine
