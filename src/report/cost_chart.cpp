#include "chart_parts.hpp"
#include "charts.hpp"
#include "numbers.hpp"
#include "rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bedrock_cost::report::detail {

namespace {

using Chart = ChartFrame;

// The cheapest Reserved-tier option, or nullptr.
const engine::OptionResult* cheapest_reserved(const engine::WorkloadResult& w) {
  const engine::OptionResult* best = nullptr;
  for (const auto& option : w.options) {
    if (option.strategy == engine::Strategy::reserved && (best == nullptr || option.monthly < best->monthly)) {
      best = option.comparable ? &option : best;
    }
  }
  return best;
}

// The monthly costs the cost chart must show: on-demand, each term's minimum and its neighbours (one MU fewer and
// one more), and the Reserved option.
std::vector<double> costs_that_matter(const engine::WorkloadResult& w, const engine::OptionResult* reserved) {
  std::vector<double> costs{w.options.front().monthly.to_double_micros()};
  for (const auto& curve : w.charts->cost_curves) {
    for (const auto& [units, cost] : curve.points) {
      if (units >= curve.optimal_model_units - 1 && units <= curve.optimal_model_units + 1) {
        costs.push_back(cost.to_double_micros());
      }
    }
  }
  if (reserved != nullptr) {
    costs.push_back(reserved->monthly.to_double_micros());
  }
  return costs;
}

// The MUs the cost chart spans: up to where every curve has left the top of the scale past its minimum (at least
// one MU past the largest N*), and no further than the curves go.
double cost_chart_units(const engine::WorkloadResult& w, double top) {
  std::int64_t largest = 1;
  std::int64_t needed = 1;
  for (const auto& curve : w.charts->cost_curves) {
    largest = std::max(largest, curve.points.empty() ? 0 : curve.points.back().first);
    std::int64_t leaves = curve.points.empty() ? 0 : curve.points.back().first;
    for (const auto& [units, cost] : curve.points) {
      if (units > curve.optimal_model_units && cost.to_double_micros() > top) {
        leaves = units;
        break;
      }
    }
    needed = std::max({needed, leaves, curve.optimal_model_units + 1});
  }
  return static_cast<double>(std::min(largest, needed));
}

void cost_curve_legend(Chart& chart, const engine::WorkloadResult& w, const engine::OptionResult* reserved) {
  const auto& curves = w.charts->cost_curves;
  chart.legend_line(fmt::format("all on-demand: {}", short_dollars(w.options.front().monthly.to_double_micros())),
                    "ondemand");
  for (std::size_t i = 0; i < curves.size(); ++i) {
    for (const auto& [units, cost] : curves[i].points) {
      if (units == curves[i].optimal_model_units) {
        chart.legend_line(fmt::format("{}: N* = {} MU at {}", term_label(curves[i].term),
                                      grouped(static_cast<double>(units)), short_dollars(cost.to_double_micros())),
                          fmt::format("term{}", i % k_term_styles));
      }
    }
  }
  if (reserved != nullptr) {
    chart.legend_line(fmt::format("{}: {}{}", option_label(*reserved),
                                  short_dollars(reserved->monthly.to_double_micros()),
                                  is_recommended(w, *reserved) ? " (recommended)" : ""),
                      "reserved");
  }
}

} // namespace

std::string cost_curve_chart(const engine::WorkloadResult& w, const std::string& id) {
  const auto& curves = w.charts->cost_curves;
  Chart chart(id, fmt::format("{}: monthly cost by model units committed (MUs plus on-demand overflow)", w.name),
              k_plot_height);
  const engine::OptionResult* reserved = cheapest_reserved(w);
  cost_curve_legend(chart, w, reserved);
  // The scale spans the costs that matter, not 0 to the cost of the peak's MUs, which would flatten the minimum.
  const std::vector<double> costs = costs_that_matter(w, reserved);
  const auto [low, high] = std::minmax_element(costs.begin(), costs.end());
  const double pad = std::max((*high - *low) * 0.4, *high * 0.03);
  const std::vector<double> ticks = nice_ticks_between(std::max(0.0, *low - pad), *high + pad);
  chart.y_axis(ticks, short_dollars, ticks.front() > 0 ? "USD per month (scale not from $0)" : "USD per month");
  const double units = cost_chart_units(w, *high + pad);
  chart.set_x_max(units);
  std::vector<double> x_ticks;
  for (const double tick : nice_ticks(units, 8)) {
    if (tick <= units && tick == std::floor(tick)) { // whole MUs only
      x_ticks.push_back(tick);
    }
  }
  chart.x_axis(x_ticks, short_count, "model units committed (N)");
  chart.define_clip();
  const auto hline = [&](double value, std::string_view css_class) {
    chart.raw(fmt::format("<line class=\"{0}\" x1=\"{1}\" x2=\"{2}\" y1=\"{3}\" y2=\"{3}\"/>\n", css_class,
                          num(chart.left()), num(Chart::right()), num(chart.y(value))));
  };
  hline(w.options.front().monthly.to_double_micros(), "ondemand");
  if (reserved != nullptr) {
    hline(reserved->monthly.to_double_micros(), "reserved");
  }
  for (std::size_t i = 0; i < curves.size(); ++i) {
    std::string points;
    for (const auto& [n, cost] : curves[i].points) {
      points += fmt::format("{}{},{}", points.empty() ? "" : " ", num(chart.x(static_cast<double>(n))),
                            num(chart.y(cost.to_double_micros())));
    }
    chart.raw(fmt::format("<polyline class=\"term{}\" clip-path=\"{}\" points=\"{}\"/>\n", i % k_term_styles,
                          chart.clip_reference(), points));
    for (const auto& [n, cost] : curves[i].points) {
      if (n == curves[i].optimal_model_units) {
        chart.raw(fmt::format("<circle class=\"dot{}\" cx=\"{}\" cy=\"{}\" r=\"4.5\"/>\n", i % k_term_styles,
                              num(chart.x(static_cast<double>(n))), num(chart.y(cost.to_double_micros()))));
      }
    }
  }
  return std::move(chart).finish();
}

} // namespace bedrock_cost::report::detail
