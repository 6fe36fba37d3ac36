#pragma once

// The capacity formulas of DESIGN.md section 3 on a traffic profile: model-unit load, Provisioned Throughput,
// blended (committed MUs plus on-demand overflow), the Reserved tier and break-even.

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/money.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace bedrock_cost::engine {

// Tokens per minute one model unit serves: separate input and output limits, or one combined limit.
struct ModelUnitLimits {
  std::optional<util::Fixed9> input_tpm;
  std::optional<util::Fixed9> output_tpm;
  std::optional<util::Fixed9> tpm;

  bool complete() const { return tpm.has_value() || (input_tpm.has_value() && output_tpm.has_value()); }
};

// A commitment (N model units, or a reservation) evaluated on the profile, per month.
struct CommitmentCost {
  util::Money committed;             // the commitment itself
  util::Money on_demand;             // tokens paid per token: overflow, batch, and cache reads on the Reserved tier
  util::Money monthly;               // committed + on_demand
  std::optional<double> utilization; // share of the committed capacity that carries traffic (dollar-weighted)
  double throttled_share = 0;        // share of all tokens rejected (Provisioned Throughput without fallback)
  double overflow_share = 0;         // share of all tokens above the commitment, served on-demand
};

// The Reserved tier's minimum reservations (AWS service-tiers page, reference bedrock-prices.md section 5).
inline constexpr std::int64_t k_reserved_min_input_tpm = 100'000;
inline constexpr std::int64_t k_reserved_min_output_tpm = 10'000;

// Reserved-tier prices for one term: USD per 1,000 TPM reserved per month.
struct ReservedRates {
  util::Fixed9 input;
  util::Fixed9 output;
};

struct Reservation {
  // Tokens per minute reserved, in thousandths; the optimum is rounded up to a whole token per minute.
  std::int64_t input_milli_tpm = 0;
  std::int64_t output_milli_tpm = 0;
  CommitmentCost cost;
};

struct BreakEven {
  // Utilisation above which one MU beats on-demand (r / V); none without an MU capacity or traffic.
  std::optional<double> utilization;
  // Tokens per minute an MU must carry to beat on-demand (r / (60 x p_mix)); none without traffic.
  std::optional<double> tpm_per_model_unit;
};

// The per-bucket quantities the formulas need, computed once from a profile, its on-demand prices and the
// length of the month. Batch tokens are priced at batch rates in every option and never use committed
// capacity; the other ("real-time") tokens do. Memory and time are linear in the number of buckets. The
// profile must outlive the model. Totals (on-demand, committed) are exact; the per-bucket shares of blended
// and reserved overflow are computed in floating point and summed in extended precision (relative error
// about 10^-15, far below a cent).
class CapacityModel {
public:
  CapacityModel(const workload::TrafficProfile& profile, const catalog::OnDemandRow& prices,
                util::Fixed9 hours_per_month, std::optional<ModelUnitLimits> limits);

  bool has_model_unit_limits() const { return m_limits.has_value(); }
  // True when some tokens are real-time (not batch), so that a commitment could serve them.
  bool has_real_time_traffic() const { return m_real_time_tokens > 0; }
  std::size_t bucket_count() const { return m_od.size(); }

  // Cost of the whole profile on-demand, and of its batch part, per month.
  util::Money on_demand_monthly() const { return scale(m_od_total + m_batch_total); }
  util::Money batch_monthly() const { return scale(m_batch_total); }

  // ceil(max_t L_t x (1 + headroom)), at least 1 when there is real-time traffic; exact. Needs limits. Throws
  // TooManyModelUnits above 1,000,000 MUs.
  std::int64_t model_units_for_peak(util::Fixed9 headroom) const;
  // True when n MUs serve every bucket in full (exact). Needs limits.
  bool covers_peak(std::int64_t n) const;
  // The MU load of the busiest bucket, max_t L_t. Needs limits.
  double peak_load() const { return m_peak_load; }
  // L_t of every bucket, in model units (empty without limits).
  const std::vector<double>& loads() const { return m_load; }

  // n MUs for a month at `usd_per_mu_hour`. The amounts of this class throw AmountOutOfRange past 128 bits.
  util::Money model_units_monthly(std::int64_t n, util::Fixed9 usd_per_mu_hour) const;

  // n MUs alone: traffic above them is throttled. Needs limits.
  CommitmentCost provisioned(std::int64_t n, util::Fixed9 usd_per_mu_hour) const;
  // n MUs with on-demand overflow: cost(n) = n r M/60 + k sum_t OD_t (1 - s_t(n)). Needs limits.
  CommitmentCost blended(std::int64_t n, util::Fixed9 usd_per_mu_hour) const;
  // N* in [0, max_units] minimising blended cost (ties: the smaller). cost(n) is convex; this buckets the
  // loads by ceil(L_t) once and scans the suffix sums, O(T + max_units). Needs limits.
  std::int64_t optimal_model_units(util::Fixed9 usd_per_mu_hour, std::int64_t max_units) const;

  // The optimal reservation for one term: per dimension the (weighted) quantile of the per-bucket TPM where the
  // marginal reserved token stops paying, then the minimums (reserving the minimum or nothing, whichever is
  // cheaper). Input capacity is consumed by plain and cache-write input tokens; cache reads are always paid
  // on-demand. Overflow is priced on-demand.
  Reservation optimal_reservation(const ReservedRates& rates) const;
  // A given reservation, in thousandths of TPM.
  CommitmentCost reserved(std::int64_t input_milli_tpm, std::int64_t output_milli_tpm,
                          const ReservedRates& rates) const;

  BreakEven break_even(util::Fixed9 usd_per_mu_hour) const;

private:
  util::Money scale(util::Int128 atto) const;
  CommitmentCost model_units_cost(std::int64_t n, util::Fixed9 usd_per_mu_hour, bool overflow_on_demand) const;
  // Per side of the Reserved tier (input, output): sum of w_t = OD_t / x_t over the buckets in each log-spaced
  // bin of x_t (m_side_bins); built on first use and shared by every term.
  void build_side_bins() const;
  // Each side (input, output) of a reservation over the profile.
  struct SideCost {
    util::Int128 committed = 0;       // atto-USD per month
    util::Int128 overflow = 0;        // atto-USD over the profile (before scaling to the month)
    util::Int128 overflow_tokens = 0; // milli-tokens
    util::Int128 used = 0;            // milli-tokens served by the reservation
  };
  std::array<SideCost, 2> side_costs(std::int64_t input_milli_tpm, std::int64_t output_milli_tpm,
                                     const ReservedRates& rates) const;
  // A side reserved below the Reserved tier's minimum becomes the minimum or nothing, whichever costs less.
  void apply_reserved_minimums(std::array<std::int64_t, 2>& milli_tpm, const ReservedRates& rates) const;

  const workload::TrafficProfile* m_profile;
  std::array<std::int64_t, catalog::k_dimension_count> m_price_units{}; // Fixed9 units per 1M tokens; 0 if none
  util::Fixed9 m_hours;
  std::optional<ModelUnitLimits> m_limits;
  util::Int128 m_month_numerator = 0; // k = M / S as an exact fraction
  util::Int128 m_month_denominator = 1;
  std::vector<double> m_od;   // real-time on-demand cost of each bucket, atto-USD (totals are exact)
  std::vector<double> m_load; // L_t (empty without limits)
  util::Int128 m_od_total = 0;
  util::Int128 m_batch_total = 0;
  util::Int128 m_cache_read_total = 0;
  util::Int128 m_all_tokens = 0; // every milli-token of the profile, batch included
  util::Int128 m_real_time_tokens = 0;
  double m_load_total = 0;
  // Caches shared by the terms (not thread-safe: one model, one thread).
  mutable std::array<std::vector<double>, 2> m_side_bins;
  mutable std::vector<std::pair<double, double>> m_load_bins;
  std::array<util::Int128, 2> m_side_tokens{}; // milli-tokens that use a reservation: input + cache write, output
  double m_peak_load = 0;
  std::int64_t m_peak_input = 0; // largest real-time input milli-tokens in one bucket
  std::int64_t m_peak_output = 0;
  std::int64_t m_peak_combined = 0;
};

} // namespace bedrock_cost::engine
