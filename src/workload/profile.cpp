#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace bedrock_cost::workload {

namespace {

// Tokens per minute as milli-tokens, rounded to the nearest; rejects what int64 cannot count.
std::int64_t to_milli(double count, std::string_view what) {
  const double milli = std::round(count * 1000.0);
  if (!std::isfinite(milli) || milli < 0 || milli > 9.0e15) {
    throw std::invalid_argument(fmt::format("{} of {} is out of range", what, count));
  }
  return static_cast<std::int64_t>(milli);
}

// A week's total as milli-tokens: up to 9 x 10^18 (a billion tokens a minute for a week is 10^16).
std::int64_t week_milli(double per_period, double periods, std::string_view what) {
  const long double milli = std::round(static_cast<long double>(per_period) * periods * 1000.0L);
  if (!std::isfinite(static_cast<double>(milli)) || milli < 0 || milli > 9.0e18L) {
    throw std::invalid_argument(fmt::format("{} is too large to count over a week", what));
  }
  return static_cast<std::int64_t>(milli);
}

std::int64_t share_of(std::int64_t whole, double share) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(whole) * share));
}

// Splits a series of input and output tokens into batch, cache and plain tokens by the spec's shares. Each split
// is rounded on the running totals, so every dimension's total is exactly its share of the whole series (to the
// milli-token) and each bucket's parts add up exactly to the bucket.
class TokenSplitter {
public:
  explicit TokenSplitter(const WorkloadSpec& spec) : m_spec(spec) {}

  Bucket next(std::int64_t input, std::int64_t output) {
    m_input += input;
    m_output += output;
    Bucket total;
    total.batch_input = share_of(m_input, m_spec.batch_share);
    total.batch_output = share_of(m_output, m_spec.batch_share);
    const std::int64_t real_time_input = m_input - total.batch_input;
    total.cache_read = share_of(real_time_input, m_spec.cache_read_share);
    total.cache_write =
        std::min(share_of(real_time_input, m_spec.cache_write_share), real_time_input - total.cache_read);
    total.input = real_time_input - total.cache_read - total.cache_write;
    total.output = m_output - total.batch_output;
    Bucket bucket;
    bucket.input = total.input - m_before.input;
    bucket.output = total.output - m_before.output;
    bucket.cache_read = total.cache_read - m_before.cache_read;
    bucket.cache_write = total.cache_write - m_before.cache_write;
    bucket.batch_input = total.batch_input - m_before.batch_input;
    bucket.batch_output = total.batch_output - m_before.batch_output;
    m_before = total;
    return bucket;
  }

private:
  const WorkloadSpec& m_spec;
  std::int64_t m_input = 0;
  std::int64_t m_output = 0;
  Bucket m_before;
};

constexpr std::int64_t k_minutes_per_hour = 60;
constexpr std::int64_t k_hours_per_week = 168;
constexpr std::int64_t k_minutes_per_week = k_hours_per_week * k_minutes_per_hour;

// Integers proportional to `weights` that add up exactly to `total` (largest remainder method); equal weights
// when they are all zero.
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights) {
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (weights.empty() || total <= 0) {
    return parts;
  }
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  const bool equal = !(sum > 0.0);
  if (equal) {
    sum = static_cast<double>(weights.size());
  }
  std::vector<double> fraction(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * (equal ? 1.0 : weights[i]) / sum;
    parts[i] = static_cast<std::int64_t>(std::floor(exact));
    fraction[i] = exact - static_cast<double>(parts[i]);
    given += parts[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return fraction[a] > fraction[b]; });
  // Floating-point error can leave the floors a unit or two off in either direction.
  for (std::size_t k = 0; given < total; k = (k + 1) % order.size()) {
    ++parts[order[k]];
    ++given;
  }
  for (std::size_t k = order.size(); given > total && k > 0; --k) {
    if (parts[order[k - 1]] > 0) {
      --parts[order[k - 1]];
      --given;
    }
  }
  return parts;
}

// round(numerator x part / whole) for the cumulative split of a series; whole > 0.
std::int64_t cumulative_share(std::int64_t part, std::int64_t numerator, std::int64_t whole) {
  const util::Int128 product = static_cast<util::Int128>(part) * numerator;
  return static_cast<std::int64_t>((2 * product + whole) / (2 * static_cast<util::Int128>(whole)));
}

std::string tpm_text(double value) { return util::format_decimal(value); }

} // namespace

std::string_view to_string(ShapeKind kind) {
  switch (kind) {
  case ShapeKind::flat: return "flat";
  case ShapeKind::diurnal: return "diurnal";
  case ShapeKind::business_hours: return "business-hours";
  case ShapeKind::weights: return "weights";
  }
  return "flat";
}

std::vector<double> shape_weights(ShapeKind kind) {
  switch (kind) {
  case ShapeKind::flat: {
    std::vector<double> weights(24, 1.0); // (not braces: {24, 1.0} would be two weights)
    return weights;
  }
  case ShapeKind::diurnal: {
    std::vector<double> weights(24);
    for (std::size_t hour = 0; hour < weights.size(); ++hour) {
      weights[hour] = 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * (static_cast<double>(hour) - 3.0) / 24.0));
    }
    return weights;
  }
  case ShapeKind::business_hours: {
    std::vector<double> weights(k_hours_per_week, 0.0);
    for (std::size_t day = 0; day < 5; ++day) {
      for (std::size_t hour = 9; hour < 17; ++hour) {
        weights[day * 24 + hour] = 1.0;
      }
    }
    return weights;
  }
  case ShapeKind::weights: break;
  }
  return {};
}

namespace {

// A shape with no peak (flat, or weights all equal) takes only a peak equal to the average; throws otherwise.
void check_flat_peak(const TrafficShape& shape, double avg, double peak, double tolerance) {
  if (std::fabs(peak - avg) <= tolerance) {
    return;
  }
  throw std::invalid_argument(
      shape.kind == ShapeKind::flat
          ? fmt::format("a flat shape has no peak: its peak is the average, {} tokens/min, not {}", tpm_text(avg),
                        tpm_text(peak))
          : fmt::format("the hourly weights are all equal, so the traffic is flat: its peak is the average, {} "
                        "tokens/min, not {}",
                        tpm_text(avg), tpm_text(peak)));
}

// The rate of the quietest hours that, with the busiest hours at `peak`, gives the average `avg`; f is each hour
// of the week's place between the quietest (0) and the busiest (1). Throws when the shape cannot reach that peak.
double idle_rate(const TrafficShape& shape, const std::vector<double>& f, double avg, double peak, double tolerance) {
  if (peak < avg - tolerance) {
    throw std::invalid_argument(
        fmt::format("the peak of {} tokens/min is below the average of {}", tpm_text(peak), tpm_text(avg)));
  }
  const double m = std::accumulate(f.begin(), f.end(), 0.0) / static_cast<double>(f.size());
  const double base = (avg - peak * m) / (1.0 - m);
  if (base < -tolerance) {
    throw std::invalid_argument(fmt::format("a peak of {} tokens/min is impossible for the {} shape with an average of "
                                            "{}: the largest peak it allows is {} (when the quietest hour is idle)",
                                            tpm_text(peak), to_string(shape.kind), tpm_text(avg), tpm_text(avg / m)));
  }
  return std::max(base, 0.0);
}

// A week's `total` milli-tokens over its minutes: each minute of a busiest hour carries `peak_milli`, the others
// share the rest in proportion to idle + (peak - idle) x f of their hour.
std::vector<std::int64_t> minute_tokens(const std::vector<double>& f, double peak, double idle, std::int64_t peak_milli,
                                        std::int64_t total) {
  std::vector<double> minute_weight;
  std::int64_t peak_minutes = 0;
  minute_weight.reserve(static_cast<std::size_t>(k_minutes_per_week));
  for (const double share : f) {
    if (share >= 1.0) {
      peak_minutes += k_minutes_per_hour;
    }
    minute_weight.insert(minute_weight.end(), k_minutes_per_hour,
                         share >= 1.0 ? 0.0 : peak * share + idle * (1 - share));
  }
  std::vector<std::int64_t> tokens =
      apportion(std::max<std::int64_t>(0, total - peak_minutes * peak_milli), minute_weight);
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (f[t / k_minutes_per_hour] >= 1.0) {
      tokens[t] = peak_milli;
    }
  }
  return tokens;
}

// The week's totals of a shaped workload, in milli-tokens and milli-requests.
struct WeekTotals {
  std::int64_t input = 0;
  std::int64_t tokens = 0;   // input + output, more than 0
  std::int64_t requests = 0; // 0 when the rate has no request count
};

// The minute buckets of a week of `tokens`: input, output and requests split cumulatively, so that each total of
// the week is exact.
TrafficProfile split_minutes(const WorkloadSpec& spec, const std::vector<std::int64_t>& tokens,
                             const WeekTotals& week) {
  TrafficProfile profile;
  profile.bucket_minutes = 1;
  profile.requests_known = spec.rate.requests.has_value();
  profile.buckets.reserve(tokens.size());
  TokenSplitter splitter(spec);
  std::int64_t cumulative = 0;
  std::int64_t input_before = 0;
  std::int64_t requests_before = 0;
  for (const std::int64_t minute : tokens) {
    cumulative += minute;
    const std::int64_t input_now = cumulative_share(cumulative, week.input, week.tokens);
    Bucket bucket = splitter.next(input_now - input_before, minute - (input_now - input_before));
    input_before = input_now;
    if (profile.requests_known) {
      const std::int64_t requests_now = cumulative_share(cumulative, week.requests, week.tokens);
      bucket.requests = requests_now - requests_before;
      requests_before = requests_now;
    }
    profile.buckets.push_back(bucket);
  }
  return profile;
}

} // namespace

TrafficProfile shaped_profile(const WorkloadSpec& spec) {
  const TrafficShape& shape = spec.shape.value();
  const std::vector<double> weights =
      shape.kind == ShapeKind::weights ? shape.hourly_weights : shape_weights(shape.kind);
  if (weights.size() != 24 && weights.size() != static_cast<std::size_t>(k_hours_per_week)) {
    throw std::invalid_argument(fmt::format("expected 24 or 168 hourly weights, got {}", weights.size()));
  }
  const auto period = static_cast<double>(spec.rate.period_minutes);
  const double avg = (spec.rate.input_tokens + spec.rate.output_tokens) / period;
  const double peak = shape.peak_tpm;
  const auto [low, high] = std::minmax_element(weights.begin(), weights.end());
  // A relative tolerance: a peak a hair above what the shape allows is that peak (the quietest hours idle).
  const double tolerance = 1e-6 * std::max(1.0, avg);
  if (*high - *low <= 0.0 || shape.kind == ShapeKind::flat) {
    check_flat_peak(shape, avg, peak, tolerance);
    return constant_profile(spec);
  }
  std::vector<double> f(k_hours_per_week); // per hour of the week: 0 in the quietest hours, 1 in the busiest
  for (std::size_t hour = 0; hour < f.size(); ++hour) {
    f[hour] = (weights[hour % weights.size()] - *low) / (*high - *low);
  }
  const double idle = idle_rate(shape, f, avg, peak, tolerance);

  // The week's totals, exact to the milli-token, then spread over the minutes.
  const double weeks = static_cast<double>(k_minutes_per_week) / period;
  WeekTotals week;
  week.input = week_milli(spec.rate.input_tokens, weeks, "the input rate");
  const std::int64_t output = week_milli(spec.rate.output_tokens, weeks, "the output rate");
  if (week.input > std::numeric_limits<std::int64_t>::max() - output) {
    throw std::invalid_argument("the rate is too large to count over a week");
  }
  week.tokens = week.input + output;
  const std::int64_t peak_milli = to_milli(peak, "a peak rate");
  if (week.tokens == 0) {
    return constant_profile(spec); // no tokens to shape
  }
  week.requests = spec.rate.requests ? week_milli(*spec.rate.requests, weeks, "the request rate") : 0;
  return split_minutes(spec, minute_tokens(f, peak, idle, peak_milli, week.tokens), week);
}

std::shared_ptr<const TrafficProfile> build_profile(const WorkloadSpec& spec) {
  if (spec.series) {
    return spec.series;
  }
  return std::make_shared<const TrafficProfile>(spec.shape ? shaped_profile(spec) : constant_profile(spec));
}

TrafficRate rate_from_tpm(double tpm, double input_share) {
  return TrafficRate{tpm * input_share, tpm * (1.0 - input_share), std::nullopt, 1};
}

TrafficRate rate_from_requests(double requests, double input_tokens, double output_tokens,
                               std::int64_t period_minutes) {
  return TrafficRate{requests * input_tokens, requests * output_tokens, requests, period_minutes};
}

void check_shares(double batch_share, double cache_read_share, double cache_write_share) {
  for (const auto& [name, value] :
       {std::pair{"batch share", batch_share}, std::pair{"cache-read share", cache_read_share},
        std::pair{"cache-write share", cache_write_share}}) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw std::invalid_argument(fmt::format("the {} must be between 0 and 1, got {}", name, value));
    }
  }
  if (cache_read_share + cache_write_share > 1.0) {
    throw std::invalid_argument(fmt::format("the cache-read and cache-write shares add up to {}, more than 1",
                                            cache_read_share + cache_write_share));
  }
}

TrafficProfile constant_profile(const WorkloadSpec& spec) {
  const std::int64_t input = to_milli(spec.rate.input_tokens, "an input rate");
  const std::int64_t output = to_milli(spec.rate.output_tokens, "an output rate");
  Bucket bucket = TokenSplitter(spec).next(input, output);
  TrafficProfile profile;
  profile.bucket_minutes = spec.rate.period_minutes;
  if (spec.rate.requests) {
    bucket.requests = to_milli(*spec.rate.requests, "a request rate");
    profile.requests_known = true;
  }
  profile.buckets.push_back(bucket);
  return profile;
}

std::pair<util::Int128, util::Int128> month_fraction(const TrafficProfile& profile, util::Fixed9 hours_per_month) {
  if (profile.month_as_is) {
    return {1, 1};
  }
  return {static_cast<util::Int128>(hours_per_month.units()) * 60,
          static_cast<util::Int128>(profile.span_minutes()) * util::Fixed9::k_scale};
}

} // namespace bedrock_cost::workload
