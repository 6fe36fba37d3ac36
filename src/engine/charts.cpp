#include "charts.hpp"

#include <algorithm>
#include <set>

namespace bedrock_cost::engine {

namespace {

// Each point's average: its sum divided by the buckets it covers (the last point may cover fewer).
void to_averages(std::vector<double>& sums, std::size_t per_point, std::size_t buckets) {
  for (std::size_t point = 0; point < sums.size(); ++point) {
    const std::size_t covered = std::min(per_point, buckets - point * per_point);
    sums[point] /= static_cast<double>(covered);
  }
}

} // namespace

TrafficSeries traffic_series(const workload::TrafficProfile& profile, const CapacityModel& model, TimeOrigin origin) {
  TrafficSeries series;
  series.span_minutes = profile.span_minutes();
  series.origin = origin;
  series.start_epoch_minute = profile.start_epoch_minute.value_or(0);
  const auto buckets = static_cast<std::size_t>(profile.bucket_count());
  const std::size_t per_point = std::max<std::size_t>(1, (buckets + k_chart_points - 1) / k_chart_points);
  const std::size_t points = (buckets + per_point - 1) / per_point;
  series.minutes_per_point = static_cast<std::int64_t>(per_point) * profile.bucket_minutes;
  const std::vector<double>& loads = model.loads();
  const double per_minute = 1000.0 * static_cast<double>(profile.bucket_minutes); // milli-tokens per bucket -> TPM
  for (auto* values : {&series.input_tpm, &series.output_tpm, &series.input_tpm_average, &series.output_tpm_average}) {
    values->assign(points, 0.0);
  }
  if (!loads.empty()) {
    series.model_units.assign(points, 0.0);
    series.model_units_average.assign(points, 0.0);
  }
  // Each point keeps the busiest bucket of those it covers, and their sum for the average (the empty buckets of a
  // sparse profile are zero).
  for (std::size_t i = 0; i < profile.buckets.size(); ++i) {
    const workload::Bucket& b = profile.buckets[i];
    const auto point = static_cast<std::size_t>(profile.position(i)) / per_point;
    const double input = static_cast<double>(b.input + b.cache_read + b.cache_write + b.batch_input) / per_minute;
    const double output = static_cast<double>(b.output + b.batch_output) / per_minute;
    series.input_tpm[point] = std::max(series.input_tpm[point], input);
    series.output_tpm[point] = std::max(series.output_tpm[point], output);
    series.input_tpm_average[point] += input;
    series.output_tpm_average[point] += output;
    if (!loads.empty()) {
      series.model_units[point] = std::max(series.model_units[point], loads[i]);
      series.model_units_average[point] += loads[i];
    }
  }
  for (auto* values : {&series.input_tpm_average, &series.output_tpm_average, &series.model_units_average}) {
    to_averages(*values, per_point, buckets);
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
