#include "charts.hpp"

#include "chart_parts.hpp"
#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/notes.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace bedrock_cost::report::detail {

// Okabe-Ito colours (distinguishable with colour-vision deficiencies), each also told apart in grey by its
// lightness and, for lines, by its dash pattern; the on-demand parts of bars are hatched.
const std::string_view k_chart_css =
    R"(svg.chart { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 12px; background: #fff; }
svg.chart .title { font-size: 14px; font-weight: 600; fill: #111; }
svg.chart .tick { fill: #444; font-size: 11px; }
svg.chart .axis-title { fill: #333; font-size: 12px; }
svg.chart .label { fill: #222; font-size: 11px; }
svg.chart .rec { font-weight: 700; }
svg.chart .grid { stroke: #e3e3e3; stroke-width: 1; }
svg.chart .axis { stroke: #555; stroke-width: 1; }
svg.chart .s-input { fill: #56b4e9; fill-opacity: 0.55; stroke: #0072b2; stroke-width: 1; }
svg.chart .s-output { fill: none; stroke: #d55e00; stroke-width: 1.5; }
svg.chart .s-input-peak { fill: #56b4e9; fill-opacity: 0.2; stroke: none; }
svg.chart .s-output-peak { fill: #d55e00; fill-opacity: 0.15; stroke: none; }
svg.chart .s-load { fill: #999; fill-opacity: 0.45; stroke: #555; stroke-width: 1; }
svg.chart .s-load-peak { fill: #999; fill-opacity: 0.2; stroke: none; }
svg.chart .note { font-style: italic; fill: #8a3b00; }
svg.chart .overflow { fill: #d55e00; fill-opacity: 0.75; stroke: none; }
svg.chart .peak { stroke: #000; stroke-width: 2; fill: none; }
svg.chart .term0 { stroke: #0072b2; stroke-width: 2; stroke-dasharray: 8 4; fill: none; }
svg.chart .term1 { stroke: #009e73; stroke-width: 2; stroke-dasharray: 2 3; fill: none; }
svg.chart .term2 { stroke: #cc79a7; stroke-width: 2; stroke-dasharray: 10 3 2 3; fill: none; }
svg.chart .term3 { stroke: #e69f00; stroke-width: 2; stroke-dasharray: 4 2; fill: none; }
svg.chart .dot0 { fill: #0072b2; } svg.chart .dot1 { fill: #009e73; } svg.chart .dot2 { fill: #cc79a7; } svg.chart .dot3 { fill: #e69f00; }
svg.chart .ondemand { stroke: #000; stroke-width: 1.5; stroke-dasharray: 1 3; fill: none; }
svg.chart .reserved { stroke: #d55e00; stroke-width: 2; fill: none; }
svg.chart .bar-committed { fill: #0072b2; }
svg.chart .bar-od { stroke: #b36b00; stroke-width: 1; }
svg.chart .hatch-bg { fill: #f5d08a; }
svg.chart .hatch-line { stroke: #b36b00; stroke-width: 2; }
)";

const engine::OptionResult* blended_option(const engine::WorkloadResult& w, const std::string& term) {
  for (const auto& option : w.options) {
    if (option.strategy == engine::Strategy::blended && option.term == term) {
      return &option;
    }
  }
  return nullptr;
}

std::string option_label(const engine::OptionResult& option) {
  std::string label = strategy_label(option.strategy);
  if (option.term) {
    label += ", " + term_label(option.term);
  }
  if (const std::string commitment = commitment_text(option); commitment != "-") {
    label += ", " + commitment;
  }
  if (option.throttled_share > 0) {
    label += fmt::format(" (throttles {})", percent(option.throttled_share));
  }
  return label;
}

bool is_recommended(const engine::WorkloadResult& w, const engine::OptionResult& option) {
  const auto& rec = w.recommendation;
  return option.strategy == rec.strategy && option.term == rec.term && option.model_units == rec.model_units &&
         option.reserved_input_tpm == rec.reserved_input_tpm;
}

const engine::OptionResult* cheapest_blended(const engine::WorkloadResult& w) {
  const engine::OptionResult* best = nullptr;
  for (const auto& curve : w.charts->cost_curves) {
    const engine::OptionResult* option = blended_option(w, curve.term);
    if (option != nullptr && (best == nullptr || option->monthly < best->monthly)) {
      best = option;
    }
  }
  return best;
}

bool no_commitment_pays(const engine::WorkloadResult& w) {
  const engine::OptionResult* best = cheapest_blended(w);
  return best != nullptr && best->model_units.value_or(0) == 0;
}

namespace {

constexpr double k_width = k_chart_width;
using Chart = ChartFrame;

constexpr std::string_view k_no_commitment_note =
    "No commitment pays for this traffic: N* = 0 MU for every term, so all of it is served on-demand and the "
    "model-unit chart shades no overflow.";

std::string hatch_pattern(const std::string& id) {
  return fmt::format("<defs><pattern id=\"{}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
                     "patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"6\" height=\"6\"/>"
                     "<line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/></pattern></defs>\n",
                     id);
}

// Horizontal stacked bars: one row per (label, committed, on-demand, bold).
struct BarRow {
  std::string label;
  double committed = 0;
  double on_demand = 0;
  bool bold = false;
};

std::string bar_chart(const std::string& id, const std::string& title, const std::vector<BarRow>& rows,
                      std::string_view committed_legend, std::string_view on_demand_legend) {
  constexpr double k_row = 26;
  std::size_t longest = 0;
  for (const auto& row : rows) {
    longest = std::max(longest, row.label.size());
  }
  Chart chart(id, title, k_row * static_cast<double>(rows.size()) + 4,
              std::min(k_width / 2, 24 + 7.2 * static_cast<double>(longest)));
  chart.legend_box(committed_legend, "bar-committed");
  chart.legend_box(on_demand_legend, "bar-od", fmt::format("url(#{}-hatch)", id));
  chart.raw(hatch_pattern(id));
  double top = 0;
  for (const auto& row : rows) {
    top = std::max(top, row.committed + row.on_demand);
  }
  const std::vector<double> ticks = nice_ticks(top * 1.15, 5);
  chart.set_x_max(ticks.back());
  for (const double tick : ticks) {
    chart.raw(fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", num(chart.x(tick)),
                          num(chart.top()), num(chart.bottom())));
  }
  chart.x_axis(ticks, short_dollars, "USD per month");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const BarRow& row = rows[i];
    const double y = chart.top() + k_row * static_cast<double>(i) + 5;
    chart.raw(fmt::format("<text class=\"label{}\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                          row.bold ? " rec" : "", num(chart.left() - 8), num(y + 12), escape(row.label)));
    const double x0 = chart.x(0);
    const double x1 = chart.x(row.committed);
    const double x2 = chart.x(row.committed + row.on_demand);
    if (row.committed > 0) {
      chart.raw(fmt::format("<rect class=\"bar-committed\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"/>\n", num(x0),
                            num(y), num(std::max(0.5, x1 - x0))));
    }
    if (row.on_demand > 0) {
      chart.raw(fmt::format("<rect class=\"bar-od\" fill=\"url(#{}-hatch)\" x=\"{}\" y=\"{}\" width=\"{}\" "
                            "height=\"16\"/>\n",
                            id, num(x1), num(y), num(std::max(0.5, x2 - x1))));
    }
    chart.raw(fmt::format("<text class=\"label{}\" x=\"{}\" y=\"{}\">{}</text>\n", row.bold ? " rec" : "", num(x2 + 5),
                          num(y + 12), escape(short_dollars(row.committed + row.on_demand))));
  }
  return std::move(chart).finish();
}

std::string options_chart(const engine::WorkloadResult& w, const std::string& id) {
  std::vector<BarRow> rows;
  for (const auto& option : w.options) {
    if (option.strategy == engine::Strategy::blended && option.model_units.value_or(0) == 0) {
      continue; // the on-demand bar again; the options table says blending does not pay for this term
    }
    const bool recommended = is_recommended(w, option);
    rows.push_back({option_label(option) + (recommended ? " \u2605" : ""), option.committed.to_double_micros(),
                    option.on_demand.to_double_micros(), recommended});
  }
  return bar_chart(id, fmt::format("{}: committed and on-demand dollars per option (\u2605 recommended)", w.name), rows,
                   "committed (MUs or reserved TPM)", "on-demand (per token)");
}

} // namespace

std::string short_count(double value) {
  const double magnitude = std::fabs(value);
  const auto scaled = [&](double divisor, std::string_view suffix) {
    std::string text = fmt::format("{:.2f}", value / divisor);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') {
      text.pop_back();
    }
    return fmt::format("{}{}", text, suffix);
  };
  if (magnitude >= 1e9) {
    return scaled(1e9, "B");
  }
  if (magnitude >= 1e6) {
    return scaled(1e6, "M");
  }
  if (magnitude >= 1e3) {
    return scaled(1e3, "K");
  }
  return scaled(1, "");
}

std::string short_dollars(double value) {
  if (value == 0) {
    return "$0";
  }
  if (std::fabs(value) >= 100) {
    return fmt::format("{}${}", value < 0 ? "-" : "", grouped(std::fabs(value)));
  }
  return fmt::format("{}${:.2f}", value < 0 ? "-" : "", std::fabs(value));
}

std::vector<double> nice_ticks(double max, int count) {
  if (!(max > 0) || !std::isfinite(max)) {
    return {0, 1};
  }
  const double rough = max / count;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power;
  for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * power;
    if (step >= rough) {
      break;
    }
  }
  std::vector<double> ticks;
  for (int i = 0;; ++i) {
    const double tick = step * i;
    ticks.push_back(tick);
    if (tick >= max - step * 1e-9) {
      break;
    }
  }
  return ticks;
}

std::vector<double> nice_ticks_between(double low, double high, int count) {
  if (!(high > low) || !std::isfinite(low) || !std::isfinite(high)) {
    return nice_ticks(high, count);
  }
  const std::vector<double> steps = nice_ticks(high - low, count);
  const double step = steps.size() > 1 ? steps[1] : 1;
  std::vector<double> ticks;
  const double first = std::floor(low / step);
  for (int i = 0;; ++i) {
    const double tick = (first + i) * step; // multiples of the step, without adding up rounding errors
    ticks.push_back(tick);
    if (tick >= high - step * 1e-9) {
      break;
    }
  }
  return ticks;
}

WorkloadCharts workload_charts(const engine::WorkloadResult& w, int index) {
  WorkloadCharts result;
  if (!w.charts) {
    return result;
  }
  const std::string prefix = fmt::format("w{}", index);
  const bool over_time = w.charts->traffic.input_tpm.size() > 1;
  if (over_time) {
    result.svgs.push_back(traffic_chart(w, prefix + "-traffic"));
  } else {
    const bool file = w.input.form == engine::InputForm::workload_file;
    result.notes.push_back(
        fmt::format("A constant rate has no traffic over time to draw: give {} (or {}hourly_weights), "
                    "or import usage with --usage.",
                    setting_name(engine::Setting::peak, w.input), file ? "" : "a workload's "));
  }
  if (!w.charts->cost_curves.empty()) {
    if (over_time) {
      result.svgs.push_back(model_unit_chart(w, prefix + "-units"));
      if (no_commitment_pays(w)) {
        result.notes.emplace_back(k_no_commitment_note);
      }
    }
    result.svgs.push_back(cost_curve_chart(w, prefix + "-cost"));
  } else if (!w.break_even.empty()) {
    result.notes.emplace_back("Without the tokens per minute one model unit serves (AWS publishes none), there is no "
                              "model-unit chart or cost curve: add the MU capacity from your quote.");
  }
  result.svgs.push_back(options_chart(w, prefix + "-options"));
  return result;
}

std::string portfolio_chart(const engine::CostReport& report) {
  std::vector<BarRow> rows;
  for (const auto& w : report.workloads) {
    const auto& rec = w.recommendation;
    const auto chosen = std::find_if(w.options.begin(), w.options.end(),
                                     [&](const engine::OptionResult& o) { return is_recommended(w, o); });
    const double committed = chosen != w.options.end() ? chosen->committed.to_double_micros() : 0;
    rows.push_back({fmt::format("{}: on-demand", w.name), 0, w.options.front().monthly.to_double_micros(), false});
    rows.push_back(
        {fmt::format("{}: recommended", w.name), committed, rec.monthly.to_double_micros() - committed, true});
  }
  return bar_chart("total", "Monthly cost per workload: all on-demand against the recommended option", rows,
                   "committed", "on-demand");
}

} // namespace bedrock_cost::report::detail
