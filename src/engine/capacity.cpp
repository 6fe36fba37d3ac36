#include <bedrock_cost/engine/capacity.hpp>
#include <bedrock_cost/engine/errors.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace bedrock_cost::engine {

namespace {

using catalog::Dimension;
using util::Int128;

constexpr Int128 k_fixed_scale = util::Fixed9::k_scale;
constexpr Int128 k_milli_per_million = 1'000'000'000; // milli-tokens in a million tokens
// Above this many MUs the blended search scans costs instead of bucketing loads (memory stays O(T)).
constexpr std::int64_t k_histogram_limit = std::int64_t{1} << 20;
// The most MUs the engine sizes; far above any real purchase, and safely countable.
constexpr std::int64_t k_max_model_units = 1'000'000;

Int128 checked_mul(Int128 a, Int128 b) {
  Int128 result = 0;
  if (__builtin_mul_overflow(a, b, &result)) {
    throw AmountOutOfRange();
  }
  return result;
}

// ceil(numerator / denominator) for non-negative numerator and positive denominator.
Int128 ceil_div(Int128 numerator, Int128 denominator) { return (numerator + denominator - 1) / denominator; }

Int128 round_non_negative(long double value) { return value <= 0 ? 0 : static_cast<Int128>(value + 0.5L); }

Int128 round_signed(long double value) { return value < 0 ? -round_non_negative(-value) : round_non_negative(value); }

// A sum of many non-negative int64 counts, exact: a 64-bit add with a rarely taken carry, which keeps the
// running sum in registers where an __int128 accumulator spills to memory.
class CountSum {
public:
  void add(std::int64_t value) {
    if (__builtin_add_overflow(m_low, static_cast<std::uint64_t>(value), &m_low)) {
      ++m_high;
    }
  }
  Int128 total() const { return static_cast<Int128>(m_high) * (Int128{1} << 64) + static_cast<Int128>(m_low); }

private:
  std::uint64_t m_low = 0;
  std::uint64_t m_high = 0;
};

// A sum of many doubles: added in double in blocks of 256 and the blocks in extended precision, which keeps
// the error near 256 ulp of a block whatever the count, at the speed of plain double additions.
class BlockSum {
public:
  void add(double value) {
    m_block += value;
    if (++m_count == 256) {
      m_total += m_block;
      m_block = 0;
      m_count = 0;
    }
  }
  long double total() const { return m_total + m_block; }

private:
  double m_block = 0;
  int m_count = 0;
  long double m_total = 0;
};

double ratio(long double numerator, long double denominator) {
  return denominator > 0 ? static_cast<double>(numerator / denominator) : 0.0;
}

// The tokens of each dimension over a profile, exactly.
using DimensionSums = std::array<CountSum, catalog::k_dimension_count>;

void add_tokens(DimensionSums& tokens, const workload::Bucket& b) {
  tokens[static_cast<std::size_t>(Dimension::input)].add(b.input);
  tokens[static_cast<std::size_t>(Dimension::output)].add(b.output);
  tokens[static_cast<std::size_t>(Dimension::cache_read)].add(b.cache_read);
  tokens[static_cast<std::size_t>(Dimension::cache_write)].add(b.cache_write);
  tokens[static_cast<std::size_t>(Dimension::batch_input)].add(b.batch_input);
  tokens[static_cast<std::size_t>(Dimension::batch_output)].add(b.batch_output);
}

// A bucket's load in MUs: L_t = max(i_t / (D c_in), o_t / (D c_out)) or (i_t + o_t) / (D c), from milli-tokens
// and Fixed9 TPM (all zero without MU capacity).
struct LoadScale {
  double input = 0;
  double output = 0;
  bool combined = false;

  double load(std::int64_t input_tokens, std::int64_t output_tokens) const {
    return combined ? static_cast<double>(input_tokens + output_tokens) * input
                    : std::max(static_cast<double>(input_tokens) * input, static_cast<double>(output_tokens) * output);
  }
};

LoadScale load_scale(const std::optional<ModelUnitLimits>& limits, std::int64_t bucket_minutes) {
  if (!limits) {
    return {};
  }
  const auto delta = static_cast<double>(bucket_minutes);
  const auto per_mu = [&](const std::optional<util::Fixed9>& tpm) {
    return tpm ? 1e6 / (delta * static_cast<double>(tpm->units())) : 0.0;
  };
  return {per_mu(limits->tpm ? limits->tpm : limits->input_tpm), per_mu(limits->tpm ? limits->tpm : limits->output_tpm),
          limits->tpm.has_value()};
}

} // namespace

CapacityModel::CapacityModel(const workload::TrafficProfile& profile, const catalog::OnDemandRow& prices,
                             util::Fixed9 hours_per_month, std::optional<ModelUnitLimits> limits)
    : m_profile(&profile), m_hours(hours_per_month), m_limits(limits) {
  if (m_limits && !m_limits->complete()) {
    m_limits.reset();
  }
  for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
    const auto& price = prices.prices.at(d);
    m_price_units.at(d) = price ? price->value.units() : 0;
  }
  std::tie(m_month_numerator, m_month_denominator) = workload::month_fraction(profile, hours_per_month);
  const auto price = [&](Dimension d) { return static_cast<Int128>(m_price_units.at(static_cast<std::size_t>(d))); };
  const std::size_t count = profile.buckets.size();
  m_od.reserve(count);
  const LoadScale to_load = load_scale(m_limits, profile.bucket_minutes);
  if (m_limits) {
    m_load.reserve(count);
  }
  // Per bucket in double (for the shares of overflow); the totals exactly, from the summed tokens of each
  // dimension times its price.
  const auto price_of = [&](Dimension d) { return static_cast<double>(m_price_units.at(static_cast<std::size_t>(d))); };
  const double input_price = price_of(Dimension::input);
  const double output_price = price_of(Dimension::output);
  const double cache_read_price = price_of(Dimension::cache_read);
  const double cache_write_price = price_of(Dimension::cache_write);
  DimensionSums tokens{};
  for (const workload::Bucket& b : profile.buckets) {
    const std::int64_t input = b.input + b.cache_read + b.cache_write;
    m_od.push_back(static_cast<double>(b.input) * input_price + static_cast<double>(b.output) * output_price +
                   static_cast<double>(b.cache_read) * cache_read_price +
                   static_cast<double>(b.cache_write) * cache_write_price);
    add_tokens(tokens, b);
    m_peak_input = std::max(m_peak_input, input);
    m_peak_output = std::max(m_peak_output, b.output);
    m_peak_combined = std::max(m_peak_combined, input + b.output);
    if (m_limits) {
      const double load = to_load.load(input, b.output);
      m_load.push_back(load);
      m_load_total += load;
      m_peak_load = std::max(m_peak_load, load);
    }
  }
  const auto total = [&](Dimension d) { return checked_mul(tokens.at(static_cast<std::size_t>(d)).total(), price(d)); };
  m_od_total =
      total(Dimension::input) + total(Dimension::output) + total(Dimension::cache_read) + total(Dimension::cache_write);
  m_batch_total = total(Dimension::batch_input) + total(Dimension::batch_output);
  m_cache_read_total = total(Dimension::cache_read);
  m_side_tokens[0] = tokens[static_cast<std::size_t>(Dimension::input)].total() +
                     tokens[static_cast<std::size_t>(Dimension::cache_write)].total();
  m_side_tokens[1] = tokens[static_cast<std::size_t>(Dimension::output)].total();
  for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
    m_all_tokens += tokens.at(d).total();
  }
  m_real_time_tokens = m_all_tokens - tokens[static_cast<std::size_t>(Dimension::batch_input)].total() -
                       tokens[static_cast<std::size_t>(Dimension::batch_output)].total();
}

util::Money CapacityModel::scale(Int128 atto) const {
  return util::scale(util::Money::from_atto(atto), m_month_numerator, m_month_denominator);
}

std::int64_t CapacityModel::model_units_for_peak(util::Fixed9 headroom) const {
  const ModelUnitLimits& limits = m_limits.value();
  // ceil(peak milli-tokens x 10^6 x (1 + h) / (D x capacity units)), with h and the capacity in Fixed9 units.
  const Int128 delta = m_profile->bucket_minutes;
  const auto units_for = [&](std::int64_t peak, const util::Fixed9& tpm) -> Int128 {
    const Int128 numerator = checked_mul(checked_mul(peak, 1'000'000), k_fixed_scale + headroom.units());
    return ceil_div(numerator, checked_mul(checked_mul(delta, tpm.units()), k_fixed_scale));
  };
  Int128 units =
      limits.tpm ? units_for(m_peak_combined, *limits.tpm)
                 : std::max(units_for(m_peak_input, *limits.input_tpm), units_for(m_peak_output, *limits.output_tpm));
  if (units > k_max_model_units) {
    throw TooManyModelUnits(k_max_model_units);
  }
  return static_cast<std::int64_t>(units);
}

bool CapacityModel::covers_peak(std::int64_t n) const {
  const ModelUnitLimits& limits = m_limits.value();
  // n x D x capacity >= peak x 10^6, in milli-tokens and Fixed9 units.
  const auto covers = [&](std::int64_t peak, const util::Fixed9& tpm) {
    Int128 capacity = 0;
    if (__builtin_mul_overflow(static_cast<Int128>(n) * m_profile->bucket_minutes, static_cast<Int128>(tpm.units()),
                               &capacity)) {
      return true;
    }
    return capacity >= static_cast<Int128>(peak) * 1'000'000;
  };
  return limits.tpm ? covers(m_peak_combined, *limits.tpm)
                    : covers(m_peak_input, *limits.input_tpm) && covers(m_peak_output, *limits.output_tpm);
}

util::Money CapacityModel::model_units_monthly(std::int64_t n, util::Fixed9 usd_per_mu_hour) const {
  // n x r x hours, each price and the hours in Fixed9 units: atto-USD exactly.
  return util::Money::from_atto(checked_mul(checked_mul(n, usd_per_mu_hour.units()), m_hours.units()));
}

CommitmentCost CapacityModel::model_units_cost(std::int64_t n, util::Fixed9 usd_per_mu_hour,
                                               bool overflow_on_demand) const {
  CommitmentCost result;
  result.committed = model_units_monthly(n, usd_per_mu_hour);
  BlockSum overflow_cost;
  BlockSum overflow_tokens;
  BlockSum served_load;
  util::Int128 overflow_atto = 0;
  if (covers_peak(n)) {
    served_load.add(m_load_total);
  } else if (n == 0) {
    // No MU: every real-time token overflows; exact, so that blended(0) is exactly the on-demand cost.
    overflow_atto = m_od_total;
    overflow_tokens.add(static_cast<double>(m_real_time_tokens));
  } else {
    const auto units = static_cast<double>(n);
    for (std::size_t t = 0; t < m_load.size(); ++t) {
      // Branch-free: whether a bucket overflows is data-dependent and would mispredict half the time.
      const double load = m_load[t];
      const double unserved = load > units ? 1.0 - units / load : 0.0;
      served_load.add(std::min(load, units));
      overflow_cost.add(m_od[t] * unserved);
      const workload::Bucket& b = m_profile->buckets[t];
      overflow_tokens.add(static_cast<double>(b.input + b.cache_read + b.cache_write + b.output) * unserved);
    }
    overflow_atto = round_non_negative(overflow_cost.total());
  }
  result.on_demand = scale(m_batch_total + (overflow_on_demand ? overflow_atto : 0));
  result.monthly = result.committed + result.on_demand;
  if (n > 0 && m_limits && m_profile->bucket_count() > 0) { // T counts the empty buckets of a sparse profile too
    result.utilization =
        std::min(1.0, ratio(served_load.total(),
                            static_cast<long double>(n) * static_cast<long double>(m_profile->bucket_count())));
  }
  const double share = ratio(overflow_tokens.total(), static_cast<long double>(m_all_tokens));
  (overflow_on_demand ? result.overflow_share : result.throttled_share) = std::clamp(share, 0.0, 1.0);
  return result;
}

CommitmentCost CapacityModel::provisioned(std::int64_t n, util::Fixed9 usd_per_mu_hour) const {
  return model_units_cost(n, usd_per_mu_hour, false);
}

CommitmentCost CapacityModel::blended(std::int64_t n, util::Fixed9 usd_per_mu_hour) const {
  return model_units_cost(n, usd_per_mu_hour, true);
}

std::int64_t CapacityModel::optimal_model_units(util::Fixed9 usd_per_mu_hour, std::int64_t max_units) const {
  if (max_units <= 0 || m_od_total == 0) {
    return 0;
  }
  if (max_units > k_histogram_limit) {
    // Binary search on the sign of cost(n + 1) - cost(n), which never decreases (convexity).
    std::int64_t low = 0;
    std::int64_t high = max_units;
    while (low < high) {
      const std::int64_t mid = low + (high - low) / 2;
      if (blended(mid + 1, usd_per_mu_hour).monthly < blended(mid, usd_per_mu_hour).monthly) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
  // Bucket t is served in full by n MUs exactly when ceil(L_t) <= n. With A_b = sum OD_t and B_b = sum OD_t / L_t
  // over the buckets of ceil(L_t) = b, the overflow of n MUs is sum_{b > n} (A_b - n B_b). The bins depend only
  // on max_units, so every term shares them.
  const auto bins = static_cast<std::size_t>(max_units) + 2; // the last bin holds loads above max_units
  if (m_load_bins.size() != bins) {
    m_load_bins.assign(bins, {0.0, 0.0});
    for (std::size_t t = 0; t < m_load.size(); ++t) {
      const double load = m_load[t];
      if (load <= 0 || m_od[t] == 0) {
        continue;
      }
      const auto bin = static_cast<std::size_t>(std::min(std::ceil(load), static_cast<double>(bins - 1)));
      m_load_bins[bin].first += m_od[t];
      m_load_bins[bin].second += m_od[t] / load;
    }
  }
  const long double k = static_cast<long double>(m_month_numerator) / static_cast<long double>(m_month_denominator);
  const auto per_unit = static_cast<long double>(model_units_monthly(1, usd_per_mu_hour).atto());
  long double suffix_a = m_load_bins[bins - 1].first;
  long double suffix_b = m_load_bins[bins - 1].second;
  std::int64_t best = max_units;
  long double best_cost = std::numeric_limits<long double>::infinity();
  for (std::int64_t n = max_units; n >= 0; --n) {
    const auto units = static_cast<long double>(n);
    const long double cost = units * per_unit + k * std::max(0.0L, suffix_a - units * suffix_b);
    // Scanning downwards, a cost equal to the best so far (to 1e-12, far below a cent) goes to the smaller n.
    if (cost <= best_cost + 1e-12L * best_cost + 1e6L) {
      best = n;
      best_cost = std::min(cost, best_cost);
    }
    suffix_a += m_load_bins[static_cast<std::size_t>(n)].first;
    suffix_b += m_load_bins[static_cast<std::size_t>(n)].second;
  }
  return best;
}

namespace {

// Keys bucketed on a log scale with 128 bins per power of two (exact below 128): bins are ordered as the keys
// are, and each spans under 1% of its values.
constexpr std::size_t k_side_bins = 128 + 56 * 128;

std::size_t side_bin(std::int64_t key) {
  if (key < 128) {
    return static_cast<std::size_t>(key);
  }
  const auto width = static_cast<std::size_t>(std::bit_width(static_cast<std::uint64_t>(key)));
  const auto top = static_cast<std::size_t>(static_cast<std::uint64_t>(key) >> (width - 8));
  return 128 + (width - 8) * 128 + (top - 128);
}

// The optimum of one side, in thousandths of whole TPM: of the buckets (x_t, w_t) in the crossing bin, the
// smallest x_t with the weight above it within tau (the largest always is); rounded up to whole tokens per minute
// so that the reservation covers it. `above` is the weight of the bins above the crossing one.
std::int64_t reserved_side_optimum(std::vector<std::pair<std::int64_t, double>>& items, long double above,
                                   long double tau, std::int64_t delta) {
  std::sort(items.begin(), items.end());
  std::int64_t y = 0;
  for (std::size_t end = items.size(); end > 0 && above <= tau;) {
    const std::int64_t value = items[end - 1].first;
    y = value;
    for (; end > 0 && items[end - 1].first == value; --end) {
      above += items[end - 1].second;
    }
  }
  return static_cast<std::int64_t>(ceil_div(y, static_cast<Int128>(delta) * 1000) * 1000);
}

} // namespace

void CapacityModel::build_side_bins() const {
  if (!m_side_bins[0].empty()) {
    return;
  }
  m_side_bins[0].assign(k_side_bins, 0.0);
  m_side_bins[1].assign(k_side_bins, 0.0);
  const auto price = [&](Dimension d) { return static_cast<double>(m_price_units.at(static_cast<std::size_t>(d))); };
  const double input_price = price(Dimension::input);
  const double cache_write_price = price(Dimension::cache_write);
  const double output_price = price(Dimension::output);
  for (const workload::Bucket& b : m_profile->buckets) {
    if (const std::int64_t x = b.input + b.cache_write; x > 0) {
      m_side_bins[0][side_bin(x)] +=
          (static_cast<double>(b.input) * input_price + static_cast<double>(b.cache_write) * cache_write_price) /
          static_cast<double>(x);
    }
    if (b.output > 0) {
      m_side_bins[1][side_bin(b.output)] += output_price;
    }
  }
}

void CapacityModel::apply_reserved_minimums(std::array<std::int64_t, 2>& milli_tpm, const ReservedRates& rates) const {
  const std::array<std::int64_t, 2> minimum{k_reserved_min_input_tpm * 1000, k_reserved_min_output_tpm * 1000};
  if ((milli_tpm[0] == 0 || milli_tpm[0] >= minimum[0]) && (milli_tpm[1] == 0 || milli_tpm[1] >= minimum[1])) {
    return;
  }
  const auto at_minimum = side_costs(minimum[0], minimum[1], rates);
  const auto at_zero = side_costs(0, 0, rates);
  for (std::size_t s = 0; s < 2; ++s) {
    if (milli_tpm[s] > 0 && milli_tpm[s] < minimum[s]) { // ties: nothing
      const util::Money minimum_cost = util::Money::from_atto(at_minimum[s].committed) + scale(at_minimum[s].overflow);
      milli_tpm[s] = minimum_cost < scale(at_zero[s].overflow) ? minimum[s] : 0;
    }
  }
}

Reservation CapacityModel::optimal_reservation(const ReservedRates& rates) const {
  const std::int64_t delta = m_profile->bucket_minutes;
  build_side_bins();
  // Per side, reserving y milli-tokens a bucket costs y x rate x 10^3 / D atto-USD a month and the overflow
  // k x sum_{x_t > y} w_t (x_t - y) with w_t = OD_t / x_t. The optimum is the smallest y (0 or a bucket's x_t)
  // with sum_{x_t > y} w_t <= tau = rate x 10^3 / (D k). Walk the log-spaced bins down to the one where the
  // weight above first exceeds tau: the optimum lies in it, found by sorting just its buckets. When even the
  // whole weight is within tau, nothing is worth reserving.
  std::array<long double, 2> tau{};
  std::array<long double, 2> above{};
  std::array<std::size_t, 2> crossing{};
  std::array<std::vector<std::pair<std::int64_t, double>>, 2> items; // (x_t, w_t) of the buckets in the bin
  for (std::size_t s = 0; s < 2; ++s) {
    const util::Fixed9 rate = s == 0 ? rates.input : rates.output;
    tau[s] = static_cast<long double>(rate.units()) * 1000.0L * static_cast<long double>(m_month_denominator) /
             (static_cast<long double>(delta) * static_cast<long double>(m_month_numerator));
    const std::vector<double>& bins = m_side_bins.at(s);
    std::size_t bin = bins.size();
    while (bin > 0 && above[s] + bins[bin - 1] <= tau[s]) {
      above[s] += bins[--bin];
    }
    crossing[s] = bin == 0 ? k_side_bins : bin - 1; // k_side_bins: no bin (reserve nothing)
  }
  const auto price = [&](Dimension d) { return static_cast<double>(m_price_units.at(static_cast<std::size_t>(d))); };
  if (crossing[0] != k_side_bins || crossing[1] != k_side_bins) {
    for (const workload::Bucket& b : m_profile->buckets) {
      if (const std::int64_t x = b.input + b.cache_write; x > 0 && side_bin(x) == crossing[0]) {
        items[0].emplace_back(x, (static_cast<double>(b.input) * price(Dimension::input) +
                                  static_cast<double>(b.cache_write) * price(Dimension::cache_write)) /
                                     static_cast<double>(x));
      }
      if (b.output > 0 && side_bin(b.output) == crossing[1]) {
        items[1].emplace_back(b.output, price(Dimension::output));
      }
    }
  }
  std::array<std::int64_t, 2> milli_tpm{};
  for (std::size_t s = 0; s < 2; ++s) {
    milli_tpm[s] = reserved_side_optimum(items[s], above[s], tau[s], delta);
  }
  apply_reserved_minimums(milli_tpm, rates);
  Reservation result;
  result.input_milli_tpm = milli_tpm[0];
  result.output_milli_tpm = milli_tpm[1];
  result.cost = reserved(result.input_milli_tpm, result.output_milli_tpm, rates);
  return result;
}

std::array<CapacityModel::SideCost, 2> CapacityModel::side_costs(std::int64_t input_milli_tpm,
                                                                 std::int64_t output_milli_tpm,
                                                                 const ReservedRates& rates) const {
  std::array<SideCost, 2> sides;
  // milli_tpm / 10^6 thousands of TPM x rate: atto-USD = milli_tpm x rate units x 10^3.
  sides[0].committed = checked_mul(checked_mul(input_milli_tpm, rates.input.units()), 1000);
  sides[1].committed = checked_mul(checked_mul(output_milli_tpm, rates.output.units()), 1000);
  const std::int64_t delta = m_profile->bucket_minutes;
  // Per bucket, in milli-tokens; a reservation above any bucket's count (int64) is the same as that count.
  const auto per_bucket = [&](std::int64_t milli_tpm) {
    return static_cast<std::int64_t>(
        std::min<Int128>(checked_mul(milli_tpm, delta), std::numeric_limits<std::int64_t>::max()));
  };
  const std::int64_t input_capacity = per_bucket(input_milli_tpm);
  const std::int64_t output_capacity = per_bucket(output_milli_tpm);
  const auto price = [&](Dimension d) { return static_cast<Int128>(m_price_units.at(static_cast<std::size_t>(d))); };
  // The overflow of bucket t costs OD_t x above / x_t. With OD_t = x_t p_in + cw_t (p_cw - p_in) on the input
  // side, that is above x p_in (summed exactly) plus a correction only where there are cache writes; on the
  // output side it is above x p_out exactly.
  const auto cache_write_extra = static_cast<double>(price(Dimension::cache_write) - price(Dimension::input));
  CountSum input_above;
  CountSum output_above;
  BlockSum correction;
  for (const workload::Bucket& b : m_profile->buckets) {
    // Branch-free where it matters: whether a bucket overflows is data-dependent.
    const std::int64_t x = b.input + b.cache_write;
    const std::int64_t above_in = std::max<std::int64_t>(0, x - input_capacity);
    input_above.add(above_in);
    if (b.cache_write > 0) {
      correction.add(static_cast<double>(b.cache_write) * cache_write_extra * static_cast<double>(above_in) /
                     static_cast<double>(x));
    }
    output_above.add(std::max<std::int64_t>(0, b.output - output_capacity));
  }
  sides[0].overflow_tokens = input_above.total();
  sides[0].used = m_side_tokens[0] - sides[0].overflow_tokens;
  sides[0].overflow = checked_mul(sides[0].overflow_tokens, price(Dimension::input)) + round_signed(correction.total());
  sides[1].overflow_tokens = output_above.total();
  sides[1].used = m_side_tokens[1] - sides[1].overflow_tokens;
  sides[1].overflow = checked_mul(sides[1].overflow_tokens, price(Dimension::output));
  return sides;
}

CommitmentCost CapacityModel::reserved(std::int64_t input_milli_tpm, std::int64_t output_milli_tpm,
                                       const ReservedRates& rates) const {
  const auto [in, out] = side_costs(input_milli_tpm, output_milli_tpm, rates);
  CommitmentCost result;
  result.committed = util::Money::from_atto(in.committed + out.committed);
  result.on_demand = scale(in.overflow + out.overflow + m_cache_read_total + m_batch_total);
  result.monthly = result.committed + result.on_demand;
  const auto span = static_cast<long double>(m_profile->span_minutes());
  const long double in_capacity = static_cast<long double>(input_milli_tpm) * span;
  const long double out_capacity = static_cast<long double>(output_milli_tpm) * span;
  if (in_capacity + out_capacity > 0) {
    // Weighted by the dollars committed to each side (by capacity when the reservation is free).
    const long double in_use = in_capacity > 0 ? static_cast<long double>(in.used) / in_capacity : 0;
    const long double out_use = out_capacity > 0 ? static_cast<long double>(out.used) / out_capacity : 0;
    const auto in_weight = static_cast<long double>(in.committed);
    const auto out_weight = static_cast<long double>(out.committed);
    result.utilization = in_weight + out_weight > 0
                             ? ratio(in_use * in_weight + out_use * out_weight, in_weight + out_weight)
                             : ratio(static_cast<long double>(in.used + out.used), in_capacity + out_capacity);
  }
  result.overflow_share = std::clamp(
      ratio(static_cast<long double>(in.overflow_tokens + out.overflow_tokens), static_cast<long double>(m_all_tokens)),
      0.0, 1.0);
  return result;
}

BreakEven CapacityModel::break_even(util::Fixed9 usd_per_mu_hour) const {
  BreakEven result;
  if (m_od_total == 0) {
    return result; // no real-time traffic, or free tokens: nothing to break even against
  }
  const long double rate = static_cast<long double>(usd_per_mu_hour.units()) / static_cast<long double>(k_fixed_scale);
  const long double od_usd = static_cast<long double>(m_od_total) * 1e-18L;
  // p_mix in USD per token: sum OD_t / sum (i_t + o_t); an MU must carry r / (60 p_mix) tokens a minute.
  const long double usd_per_token = od_usd / (static_cast<long double>(m_real_time_tokens) * 1e-3L);
  result.tpm_per_model_unit = static_cast<double>(rate / (60.0L * usd_per_token));
  if (m_limits && m_load_total > 0) {
    // V = (60 / D) sum OD_t / sum L_t: the on-demand cost of one fully used MU-hour.
    const long double value =
        60.0L / static_cast<long double>(m_profile->bucket_minutes) * od_usd / static_cast<long double>(m_load_total);
    result.utilization = static_cast<double>(rate / value);
  }
  return result;
}

} // namespace bedrock_cost::engine
