#include "chart_parts.hpp"
#include "charts.hpp"
#include "numbers.hpp"
#include "rows.hpp"
#include "time_axis.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace bedrock_cost::report::detail {

namespace {

using Chart = ChartFrame;

// The x of a step path's points: point i holds its value over the minutes it covers (the last may cover fewer).
struct Steps {
  const Chart& chart;
  std::int64_t minutes_per_point;
  std::int64_t span;

  double from(std::size_t i) const {
    return chart.x(static_cast<double>(static_cast<std::int64_t>(i) * minutes_per_point));
  }
  double to(std::size_t i) const {
    return chart.x(
        std::min(static_cast<double>(span), static_cast<double>(static_cast<std::int64_t>(i + 1) * minutes_per_point)));
  }
};

// Appends the steps of `values` (at least `floor_value`) to `path` from its current point, whose level is
// `level`, left to right or right to left: V to each new level, H to the end of each run of equal levels. Leaves
// `level` at the last one.
void append_steps(std::string& path, std::string& level, const Steps& steps, const std::vector<double>& values,
                  double floor_value, bool backwards) {
  const std::size_t n = values.size();
  const auto level_of = [&](std::size_t i) { return num(steps.chart.y(std::max(values[i], floor_value))); };
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = backwards ? n - 1 - k : k;
    const std::string here = level_of(i);
    if (here != level) {
      path += 'V';
      path += here;
      level = here;
    }
    if (k + 1 == n || level_of(backwards ? i - 1 : i + 1) != here) {
      path += 'H';
      path += num(backwards ? steps.from(i) : steps.to(i));
    }
  }
}

// A step path over the series: each point holds its value across the minutes it covers; closed down to
// `floor_value` (an area) or open (a line).
std::string step_path(const Chart& chart, const std::vector<double>& values, std::int64_t minutes_per_point,
                      std::int64_t span, double floor_value, bool closed) {
  const Steps steps{chart, minutes_per_point, span};
  const std::string base = num(chart.y(floor_value));
  std::string level = closed ? base : num(chart.y(std::max(values.front(), floor_value)));
  std::string path = fmt::format("M{},{}", num(chart.x(0)), level);
  append_steps(path, level, steps, values, floor_value, false);
  if (closed) {
    path += fmt::format("V{}Z", base);
  }
  return path;
}

// The area between two step series (low below high): each point's average and its busiest minute.
std::string band_path(const Chart& chart, const std::vector<double>& low, const std::vector<double>& high,
                      std::int64_t minutes_per_point, std::int64_t span) {
  const Steps steps{chart, minutes_per_point, span};
  std::string level = num(chart.y(high.front()));
  std::string path = fmt::format("M{},{}", num(chart.x(0)), level);
  append_steps(path, level, steps, high, 0, false);
  append_steps(path, level, steps, low, 0, true);
  return path + "Z";
}

double series_max(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

// " (averages of 14 min)", or "" when each point is one minute.
std::string resolution_text(const engine::TrafficSeries& s) {
  return s.minutes_per_point > 1 ? fmt::format(" (averages of {})", duration(s.minutes_per_point)) : std::string();
}

// The legend of the pale band up to each point's busiest minute: "busiest minute of each 14 min".
std::string band_text(const engine::TrafficSeries& s, std::string_view what) {
  return fmt::format("busiest minute of each {}{}", duration(s.minutes_per_point), what);
}

void draw_time_axis(Chart& chart, const engine::TrafficSeries& s) {
  const TimeAxis time = time_axis(s);
  chart.x_axis(time.ticks, time.labels, time.title);
}

} // namespace

std::string traffic_chart(const engine::WorkloadResult& w, const std::string& id) {
  const engine::TrafficSeries& s = w.charts->traffic;
  Chart chart(id, fmt::format("{}: tokens per minute over {}{}", w.name, duration(s.span_minutes), resolution_text(s)),
              k_plot_height);
  chart.legend_box("input tokens/min (plain, cache and batch)", "s-input");
  chart.legend_line("output tokens/min", "s-output");
  const bool bands = s.minutes_per_point > 1;
  if (bands) {
    chart.legend_box(band_text(s, " (input, output)"), "s-input-peak");
  }
  chart.set_x_max(static_cast<double>(s.span_minutes));
  chart.y_axis(nice_ticks(std::max(series_max(s.input_tpm), series_max(s.output_tpm))), short_count,
               "tokens per minute");
  draw_time_axis(chart, s);
  if (bands) {
    chart.raw(fmt::format("<path class=\"s-input-peak\" d=\"{}\"/>\n",
                          band_path(chart, s.input_tpm_average, s.input_tpm, s.minutes_per_point, s.span_minutes)));
    chart.raw(fmt::format("<path class=\"s-output-peak\" d=\"{}\"/>\n",
                          band_path(chart, s.output_tpm_average, s.output_tpm, s.minutes_per_point, s.span_minutes)));
  }
  chart.raw(fmt::format("<path class=\"s-input\" d=\"{}\"/>\n",
                        step_path(chart, s.input_tpm_average, s.minutes_per_point, s.span_minutes, 0, true)));
  chart.raw(fmt::format("<path class=\"s-output\" d=\"{}\"/>\n",
                        step_path(chart, s.output_tpm_average, s.minutes_per_point, s.span_minutes, 0, false)));
  return std::move(chart).finish();
}

namespace {

void model_unit_legend(Chart& chart, const engine::WorkloadResult& w, const engine::OptionResult* best) {
  const auto& curves = w.charts->cost_curves;
  chart.legend_box("MUs needed", "s-load");
  if (w.charts->traffic.minutes_per_point > 1) {
    chart.legend_box(band_text(w.charts->traffic, ""), "s-load-peak");
  }
  if (const std::int64_t peak = w.traffic.peak_model_units.value_or(0); peak > 0) {
    chart.legend_line(fmt::format("peak: {} MU", grouped(static_cast<double>(peak))), "peak");
  }
  for (std::size_t i = 0; i < curves.size(); ++i) {
    chart.legend_line(fmt::format("N* {}: {} MU", term_label(curves[i].term),
                                  grouped(static_cast<double>(curves[i].optimal_model_units))),
                      fmt::format("term{}", i % k_term_styles));
  }
  if (best != nullptr && best->model_units.value_or(0) > 0 && best->overflow_share > 0) {
    chart.legend_box(fmt::format("overflow above {} MU ({}), on-demand: {} of tokens",
                                 grouped(static_cast<double>(*best->model_units)), term_label(best->term),
                                 percent(best->overflow_share)),
                     "overflow");
  }
}

} // namespace

std::string model_unit_chart(const engine::WorkloadResult& w, const std::string& id) {
  const engine::TrafficSeries& s = w.charts->traffic;
  const auto& curves = w.charts->cost_curves;
  Chart chart(id, fmt::format("{}: model units needed{}, and the capacity each term buys", w.name, resolution_text(s)),
              k_plot_height);
  const std::int64_t peak = w.traffic.peak_model_units.value_or(0);
  const engine::OptionResult* best = cheapest_blended(w);
  double top = std::max(series_max(s.model_units), static_cast<double>(peak));
  for (const auto& curve : curves) {
    top = std::max(top, static_cast<double>(curve.optimal_model_units));
  }
  model_unit_legend(chart, w, best);
  chart.set_x_max(static_cast<double>(s.span_minutes));
  chart.y_axis(nice_ticks(top * 1.05), short_count, "model units (MU)");
  draw_time_axis(chart, s);
  if (s.minutes_per_point > 1) {
    chart.raw(fmt::format("<path class=\"s-load-peak\" d=\"{}\"/>\n",
                          band_path(chart, s.model_units_average, s.model_units, s.minutes_per_point, s.span_minutes)));
  }
  chart.raw(fmt::format("<path class=\"s-load\" d=\"{}\"/>\n",
                        step_path(chart, s.model_units_average, s.minutes_per_point, s.span_minutes, 0, true)));
  if (best != nullptr && best->model_units.value_or(0) > 0) { // above N*, up to the average load
    const auto level = static_cast<double>(*best->model_units);
    chart.raw(fmt::format("<path class=\"overflow\" d=\"{}\"/>\n",
                          step_path(chart, s.model_units_average, s.minutes_per_point, s.span_minutes, level, true)));
  } else if (best != nullptr) {
    chart.plot_note("No commitment pays: N* = 0 MU for every term, all traffic on-demand (no overflow to shade)");
  }
  const auto hline = [&](double value, const std::string& css_class) {
    chart.raw(fmt::format("<line class=\"{0}\" x1=\"{1}\" x2=\"{2}\" y1=\"{3}\" y2=\"{3}\"/>\n", css_class,
                          num(chart.left()), num(Chart::right()), num(chart.y(value))));
  };
  if (peak > 0) {
    hline(static_cast<double>(peak), "peak");
  }
  for (std::size_t i = 0; i < curves.size(); ++i) {
    hline(static_cast<double>(curves[i].optimal_model_units), fmt::format("term{}", i % k_term_styles));
  }
  return std::move(chart).finish();
}

} // namespace bedrock_cost::report::detail
