#include "charts.hpp"

#include <algorithm>
#include <set>

namespace bedrock_cost::engine {

TrafficSeries traffic_series(const workload::TrafficProfile& profile, const CapacityModel& model) {
  TrafficSeries series;
  series.span_minutes = profile.span_minutes();
  const std::size_t buckets = profile.buckets.size();
  const std::size_t per_point = std::max<std::size_t>(1, (buckets + k_chart_points - 1) / k_chart_points);
  series.minutes_per_point = static_cast<std::int64_t>(per_point) * profile.bucket_minutes;
  const std::vector<double>& loads = model.loads();
  const double per_minute = 1000.0 * static_cast<double>(profile.bucket_minutes); // milli-tokens per bucket -> TPM
  for (std::size_t first = 0; first < buckets; first += per_point) {
    double input = 0;
    double output = 0;
    double units = 0;
    for (std::size_t t = first; t < std::min(buckets, first + per_point); ++t) {
      const workload::Bucket& b = profile.buckets[t];
      input = std::max(input, static_cast<double>(b.input + b.cache_read + b.cache_write + b.batch_input) / per_minute);
      output = std::max(output, static_cast<double>(b.output + b.batch_output) / per_minute);
      if (!loads.empty()) {
        units = std::max(units, loads[t]);
      }
    }
    series.input_tpm.push_back(input);
    series.output_tpm.push_back(output);
    if (!loads.empty()) {
      series.model_units.push_back(units);
    }
  }
  return series;
}

std::vector<CostCurve> cost_curves(const CapacityModel& model,
                                   const std::vector<std::pair<std::string, catalog::Figure>>& terms,
                                   const WorkloadResult& result) {
  std::vector<CostCurve> curves;
  if (!model.has_model_unit_limits() || !model.has_real_time_traffic()) {
    return curves;
  }
  // Up to the largest MU count an option uses (the peak, with headroom, or a fixed count), and one more.
  std::int64_t largest = result.traffic.peak_model_units.value_or(0);
  for (const OptionResult& option : result.options) {
    largest = std::max(largest, option.model_units.value_or(0));
  }
  largest += 1;
  for (const auto& [term, price] : terms) {
    CostCurve curve;
    curve.term = term;
    for (const OptionResult& option : result.options) {
      if (option.strategy == Strategy::blended && option.term == term) {
        curve.optimal_model_units = option.model_units.value_or(0);
      }
    }
    std::set<std::int64_t> counts;
    const std::int64_t step = std::max<std::int64_t>(1, (largest + k_curve_points - 1) / k_curve_points);
    for (std::int64_t n = 0; n <= largest; n += step) {
      counts.insert(n);
    }
    counts.insert(largest);
    for (std::int64_t n = curve.optimal_model_units - 1; n <= curve.optimal_model_units + 1; ++n) {
      if (n >= 0 && n <= largest) {
        counts.insert(n);
      }
    }
    for (const std::int64_t n : counts) {
      curve.points.emplace_back(n, model.blended(n, price.value).monthly);
    }
    curves.push_back(std::move(curve));
  }
  return curves;
}

} // namespace bedrock_cost::engine
