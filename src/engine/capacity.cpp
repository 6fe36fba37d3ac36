#include <bedrock_cost/engine/capacity.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
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
constexpr Int128 k_max_model_units = 1'000'000'000'000;

Int128 checked_mul(Int128 a, Int128 b) {
  Int128 result = 0;
  if (__builtin_mul_overflow(a, b, &result)) {
    throw std::overflow_error("amount too large to compute");
  }
  return result;
}

// ceil(numerator / denominator) for non-negative numerator and positive denominator.
Int128 ceil_div(Int128 numerator, Int128 denominator) { return (numerator + denominator - 1) / denominator; }

Int128 round_non_negative(long double value) { return value <= 0 ? 0 : static_cast<Int128>(value + 0.5L); }

double ratio(long double numerator, long double denominator) {
  return denominator > 0 ? static_cast<double>(numerator / denominator) : 0.0;
}

// Sorts (key, weight) pairs by key with a least-significant-digit radix sort: O(T) for keys below 2^64, where
// std::sort of a year of minutes would dominate the whole estimate.
struct Keyed {
  std::int64_t key;
  long double weight;
};

void radix_sort(std::vector<Keyed>& items) {
  std::int64_t largest = 0;
  for (const Keyed& item : items) {
    largest = std::max(largest, item.key);
  }
  constexpr int k_bits = 16;
  constexpr std::size_t k_radix = std::size_t{1} << k_bits;
  std::vector<Keyed> scratch(items.size());
  std::vector<std::size_t> count(k_radix);
  for (int shift = 0; shift < 64 && (static_cast<std::uint64_t>(largest) >> shift) != 0; shift += k_bits) {
    std::fill(count.begin(), count.end(), 0);
    for (const Keyed& item : items) {
      ++count[(static_cast<std::uint64_t>(item.key) >> shift) & (k_radix - 1)];
    }
    std::size_t offset = 0;
    for (std::size_t& c : count) {
      offset += std::exchange(c, offset);
    }
    for (const Keyed& item : items) {
      scratch[count[(static_cast<std::uint64_t>(item.key) >> shift) & (k_radix - 1)]++] = item;
    }
    items.swap(scratch);
  }
}

} // namespace

struct CapacityModel::ReservedSide {
  std::vector<std::int64_t> tokens; // milli-tokens of the bucket that use the reservation
  std::vector<Int128> cost;         // their on-demand cost, atto-USD
  Int128 always_on_demand = 0;      // real-time cost that never uses it (cache reads), atto-USD
};

CapacityModel::CapacityModel(const workload::TrafficProfile& profile, const catalog::OnDemandRow& prices,
                             util::Fixed9 hours_per_month, std::optional<ModelUnitLimits> limits)
    : m_profile(&profile), m_hours(hours_per_month), m_limits(std::move(limits)) {
  if (m_limits && !m_limits->complete()) {
    m_limits.reset();
  }
  for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
    const auto& price = prices.prices.at(d);
    m_price_units.at(d) = price ? price->value.units() : 0;
  }
  m_month_numerator = static_cast<Int128>(hours_per_month.units()) * 60;
  m_month_denominator = static_cast<Int128>(profile.span_minutes()) * k_fixed_scale;
  const auto price = [&](Dimension d) { return static_cast<Int128>(m_price_units.at(static_cast<std::size_t>(d))); };
  const std::size_t count = profile.buckets.size();
  m_od.reserve(count);
  m_tokens.reserve(count);
  // L_t = max(i_t / (D c_in), o_t / (D c_out)) or (i_t + o_t) / (D c), in MUs, from milli-tokens and Fixed9 TPM.
  const auto delta = static_cast<double>(profile.bucket_minutes);
  const auto per_mu = [&](const std::optional<util::Fixed9>& tpm) {
    return tpm ? 1e6 / (delta * static_cast<double>(tpm->units())) : 0.0;
  };
  const double input_scale = m_limits ? per_mu(m_limits->tpm ? m_limits->tpm : m_limits->input_tpm) : 0.0;
  const double output_scale = m_limits ? per_mu(m_limits->tpm ? m_limits->tpm : m_limits->output_tpm) : 0.0;
  const bool combined = m_limits && m_limits->tpm;
  if (m_limits) {
    m_load.reserve(count);
  }
  for (const workload::Bucket& b : profile.buckets) {
    const std::int64_t input = b.input + b.cache_read + b.cache_write;
    const Int128 od = b.input * price(Dimension::input) + b.output * price(Dimension::output) +
                      b.cache_read * price(Dimension::cache_read) + b.cache_write * price(Dimension::cache_write);
    m_od.push_back(od);
    m_od_total += od;
    m_batch_total += b.batch_input * price(Dimension::batch_input) + b.batch_output * price(Dimension::batch_output);
    m_tokens.push_back(input + b.output);
    m_real_time_tokens += input + b.output;
    m_all_tokens += input + b.output + b.batch_input + b.batch_output;
    m_peak_input = std::max(m_peak_input, input);
    m_peak_output = std::max(m_peak_output, b.output);
    m_peak_combined = std::max(m_peak_combined, input + b.output);
    if (m_limits) {
      const double load =
          combined ? static_cast<double>(input + b.output) * input_scale
                   : std::max(static_cast<double>(input) * input_scale, static_cast<double>(b.output) * output_scale);
      m_load.push_back(load);
      m_load_total += load;
      m_peak_load = std::max(m_peak_load, load);
    }
  }
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
    throw std::overflow_error("the traffic needs more than 10^12 model units");
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
  Int128 overflow_cost = 0;
  long double overflow_tokens = 0;
  long double served_load = 0;
  if (covers_peak(n)) {
    served_load = m_load_total;
  } else {
    const auto units = static_cast<double>(n);
    for (std::size_t t = 0; t < m_load.size(); ++t) {
      const double load = m_load[t];
      if (load <= units) {
        served_load += load;
        continue;
      }
      served_load += units;
      const long double unserved = 1.0L - static_cast<long double>(units) / static_cast<long double>(load);
      overflow_cost += round_non_negative(static_cast<long double>(m_od[t]) * unserved);
      overflow_tokens += static_cast<long double>(m_tokens[t]) * unserved;
    }
  }
  result.on_demand = scale(m_batch_total + (overflow_on_demand ? overflow_cost : 0));
  result.monthly = result.committed + result.on_demand;
  if (n > 0 && !m_load.empty()) {
    result.utilization =
        std::min(1.0, ratio(served_load, static_cast<long double>(n) * static_cast<long double>(m_load.size())));
  }
  const double share = ratio(overflow_tokens, static_cast<long double>(m_all_tokens));
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
  // over the buckets of ceil(L_t) = b, the overflow of n MUs is sum_{b > n} (A_b - n B_b).
  const auto bins = static_cast<std::size_t>(max_units) + 2; // the last bin holds loads above max_units
  std::vector<long double> a(bins, 0.0L);
  std::vector<long double> b(bins, 0.0L);
  for (std::size_t t = 0; t < m_load.size(); ++t) {
    const double load = m_load[t];
    if (load <= 0 || m_od[t] == 0) {
      continue;
    }
    const auto bin = static_cast<std::size_t>(std::min(std::ceil(load), static_cast<double>(bins - 1)));
    const auto od = static_cast<long double>(m_od[t]);
    a[bin] += od;
    b[bin] += od / static_cast<long double>(load);
  }
  const long double k = static_cast<long double>(m_month_numerator) / static_cast<long double>(m_month_denominator);
  const auto per_unit = static_cast<long double>(model_units_monthly(1, usd_per_mu_hour).atto());
  long double suffix_a = a[bins - 1];
  long double suffix_b = b[bins - 1];
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
    suffix_a += a[static_cast<std::size_t>(n)];
    suffix_b += b[static_cast<std::size_t>(n)];
  }
  return best;
}

CapacityModel::ReservedSide CapacityModel::reserved_side(bool input) const {
  const auto price = [&](Dimension d) { return static_cast<Int128>(m_price_units.at(static_cast<std::size_t>(d))); };
  ReservedSide side;
  side.tokens.reserve(m_profile->buckets.size());
  side.cost.reserve(m_profile->buckets.size());
  for (const workload::Bucket& b : m_profile->buckets) {
    if (input) {
      // Reserved input capacity is consumed by input and cache-write tokens; cache reads are paid on-demand.
      side.tokens.push_back(b.input + b.cache_write);
      side.cost.push_back(b.input * price(Dimension::input) + b.cache_write * price(Dimension::cache_write));
      side.always_on_demand += b.cache_read * price(Dimension::cache_read);
    } else {
      side.tokens.push_back(b.output);
      side.cost.push_back(b.output * price(Dimension::output));
    }
  }
  return side;
}

namespace {

struct SideCost {
  Int128 committed = 0; // atto-USD per month
  Int128 overflow = 0;  // atto-USD over the profile (before scaling to the month)
  Int128 overflow_tokens = 0;
  long double used = 0; // milli-tokens served by the reservation
};

// A reservation of `milli_tpm` on one side: D x milli_tpm milli-tokens per bucket.
SideCost side_cost(const std::vector<std::int64_t>& tokens, const std::vector<Int128>& cost,
                   std::int64_t bucket_minutes, std::int64_t milli_tpm, util::Fixed9 rate) {
  SideCost result;
  // milli_tpm / 10^6 thousands of TPM x rate: atto-USD = milli_tpm x rate units x 10^3.
  result.committed = checked_mul(checked_mul(milli_tpm, rate.units()), 1000);
  const Int128 capacity = checked_mul(milli_tpm, bucket_minutes);
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const Int128 x = tokens[t];
    if (x <= capacity) {
      result.used += static_cast<long double>(x);
      continue;
    }
    result.used += static_cast<long double>(capacity);
    result.overflow_tokens += x - capacity;
    result.overflow += round_non_negative(static_cast<long double>(cost[t]) * static_cast<long double>(x - capacity) /
                                          static_cast<long double>(x));
  }
  return result;
}

} // namespace

Reservation CapacityModel::optimal_reservation(const ReservedRates& rates) const {
  const std::int64_t delta = m_profile->bucket_minutes;
  const auto optimum = [&](const ReservedSide& side, util::Fixed9 rate, std::int64_t minimum_tpm) -> std::int64_t {
    // Reserving y milli-tokens a bucket costs y x rate x 10^3 / D atto-USD a month; the overflow k x sum_{x_t > y}
    // w_t (x_t - y) with w_t = OD_t / x_t. The optimum is the smallest y with sum_{x_t > y} w_t <= tau.
    const long double tau = static_cast<long double>(rate.units()) * 1000.0L *
                            static_cast<long double>(m_month_denominator) /
                            (static_cast<long double>(delta) * static_cast<long double>(m_month_numerator));
    std::vector<Keyed> items;
    items.reserve(side.tokens.size());
    for (std::size_t t = 0; t < side.tokens.size(); ++t) {
      if (side.tokens[t] > 0) {
        items.push_back({side.tokens[t], static_cast<long double>(side.cost[t]) / side.tokens[t]});
      }
    }
    radix_sort(items);
    std::int64_t y = 0;
    long double above = 0; // sum of w_t over the buckets above the candidate
    for (std::size_t end = items.size(); end > 0;) {
      const std::int64_t value = items[end - 1].key;
      if (above > tau) {
        break;
      }
      y = value;
      for (; end > 0 && items[end - 1].key == value; --end) {
        above += items[end - 1].weight;
      }
      if (end == 0 && above <= tau) {
        y = 0;
      }
    }
    // The reservation in whole tokens per minute (held in thousandths), rounded up so that it covers y.
    std::int64_t milli_tpm = static_cast<std::int64_t>(ceil_div(y, delta * 1000) * 1000);
    const std::int64_t minimum = minimum_tpm * 1000;
    if (milli_tpm > 0 && milli_tpm < minimum) {
      const SideCost at_minimum = side_cost(side.tokens, side.cost, delta, minimum, rate);
      const SideCost at_zero = side_cost(side.tokens, side.cost, delta, 0, rate);
      const util::Money minimum_cost = util::Money::from_atto(at_minimum.committed) + scale(at_minimum.overflow);
      milli_tpm = minimum_cost < scale(at_zero.overflow) ? minimum : 0;
    }
    return milli_tpm;
  };
  Reservation result;
  result.input_milli_tpm = optimum(reserved_side(true), rates.input, k_reserved_min_input_tpm);
  result.output_milli_tpm = optimum(reserved_side(false), rates.output, k_reserved_min_output_tpm);
  result.cost = reserved(result.input_milli_tpm, result.output_milli_tpm, rates);
  return result;
}

CommitmentCost CapacityModel::reserved(std::int64_t input_milli_tpm, std::int64_t output_milli_tpm,
                                       const ReservedRates& rates) const {
  const std::int64_t delta = m_profile->bucket_minutes;
  const ReservedSide input_side = reserved_side(true);
  const ReservedSide output_side = reserved_side(false);
  const SideCost in = side_cost(input_side.tokens, input_side.cost, delta, input_milli_tpm, rates.input);
  const SideCost out = side_cost(output_side.tokens, output_side.cost, delta, output_milli_tpm, rates.output);
  CommitmentCost result;
  result.committed = util::Money::from_atto(in.committed + out.committed);
  result.on_demand = scale(in.overflow + out.overflow + input_side.always_on_demand + m_batch_total);
  result.monthly = result.committed + result.on_demand;
  const auto buckets = static_cast<long double>(m_profile->buckets.size());
  const long double in_capacity = static_cast<long double>(input_milli_tpm) * static_cast<long double>(delta) * buckets;
  const long double out_capacity =
      static_cast<long double>(output_milli_tpm) * static_cast<long double>(delta) * buckets;
  if (in_capacity + out_capacity > 0) {
    // Weighted by the dollars committed to each side (by capacity when the reservation is free).
    const long double in_use = in_capacity > 0 ? in.used / in_capacity : 0;
    const long double out_use = out_capacity > 0 ? out.used / out_capacity : 0;
    const auto in_weight = static_cast<long double>(in.committed);
    const auto out_weight = static_cast<long double>(out.committed);
    result.utilization = in_weight + out_weight > 0
                             ? ratio(in_use * in_weight + out_use * out_weight, in_weight + out_weight)
                             : ratio(in.used + out.used, in_capacity + out_capacity);
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
