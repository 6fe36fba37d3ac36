#include "charts.hpp"

#include "numbers.hpp"
#include "rows.hpp"

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
svg.chart .s-load { fill: #999; fill-opacity: 0.45; stroke: #555; stroke-width: 1; }
svg.chart .overflow { fill: #d55e00; fill-opacity: 0.75; stroke: none; }
svg.chart .peak { stroke: #000; stroke-width: 2; fill: none; }
svg.chart .term0 { stroke: #0072b2; stroke-width: 2; stroke-dasharray: 8 4; fill: none; }
svg.chart .term1 { stroke: #009e73; stroke-width: 2; stroke-dasharray: 2 3; fill: none; }
svg.chart .term2 { stroke: #cc79a7; stroke-width: 2; stroke-dasharray: 10 3 2 3; fill: none; }
svg.chart .term3 { stroke: #e69f00; stroke-width: 2; stroke-dasharray: 4 2; fill: none; }
svg.chart .dot0 { fill: #0072b2; } svg.chart .dot1 { fill: #009e73; } svg.chart .dot2 { fill: #cc79a7; } svg.chart .dot3 { fill: #e69f00; }
svg.chart .ondemand { stroke: #000; stroke-width: 1.5; stroke-dasharray: 1 3; fill: none; }
svg.chart .bar-committed { fill: #0072b2; }
svg.chart .bar-od { stroke: #b36b00; stroke-width: 1; }
svg.chart .hatch-bg { fill: #f5d08a; }
svg.chart .hatch-line { stroke: #b36b00; stroke-width: 2; }
)";

namespace {

constexpr double k_width = k_chart_width;
constexpr std::size_t k_term_styles = 4;

std::string num(double value) {
  std::string text = fmt::format("{:.1f}", value);
  if (text.ends_with(".0")) {
    text.resize(text.size() - 2);
  }
  return text == "-0" ? "0" : text;
}

// A chart under construction. Legend entries come first (they decide where the plot starts: the legend wraps
// onto as many rows as it needs); then the axes and the marks, drawn in plot coordinates by x() and y().
class Chart {
public:
  Chart(std::string id, std::string title, double plot_height, double left = 80)
      : m_id(std::move(id)), m_title(std::move(title)), m_left(left), m_plot_height(plot_height) {}

  // Legend entries: a swatch (given the x and y of its left middle) and a text, laid out left to right.
  void legend(std::string_view text, const std::function<std::string(double, double)>& swatch) {
    const double width = 22 + 6.4 * static_cast<double>(text.size()) + 18;
    if (m_legend_x + width > k_width - 12 && m_legend_x > 12) {
      m_legend_x = 12;
      ++m_legend_rows;
    }
    const double y = 40 + 18 * static_cast<double>(m_legend_rows);
    m_legend += swatch(m_legend_x, y);
    m_legend +=
        fmt::format(R"(<text class="label" x="{}" y="{}">{}</text>)", num(m_legend_x + 22), num(y + 4), escape(text));
    m_legend += '\n';
    m_legend_x += width;
  }
  void legend_box(std::string_view text, std::string_view css_class, std::string_view fill = "") {
    const std::string fill_attribute = fill.empty() ? std::string() : fmt::format(R"( fill="{}")", fill);
    legend(text, [css_class, fill_attribute](double lx, double ly) {
      return fmt::format(R"(<rect class="{}"{} x="{}" y="{}" width="16" height="10"/>)", css_class, fill_attribute,
                         num(lx), num(ly - 5));
    });
  }
  void legend_line(std::string_view text, std::string_view css_class) {
    legend(text, [css_class](double lx, double ly) {
      return fmt::format(R"(<line class="{0}" x1="{1}" x2="{2}" y1="{3}" y2="{3}"/>)", css_class, num(lx), num(lx + 18),
                         num(ly));
    });
  }

  const std::string& id() const { return m_id; }
  double left() const { return m_left; }
  static double right() { return k_width - 44; }
  double top() const { return 40 + 18 * static_cast<double>(m_legend_rows + 1); }
  double bottom() const { return top() + m_plot_height; }
  double height() const { return bottom() + 46; }
  double x(double value) const { return m_left + (right() - m_left) * value / m_x_max; }
  double y(double value) const { return bottom() - m_plot_height * value / m_y_max; }

  void set_x_max(double max) { m_x_max = max > 0 ? max : 1; }
  void set_y_max(double max) { m_y_max = max > 0 ? max : 1; }

  // Horizontal grid lines and labels at `ticks` (the last tick is the top of the scale).
  void y_axis(const std::vector<double>& ticks, const std::function<std::string(double)>& label,
              std::string_view title) {
    set_y_max(ticks.back());
    for (const double tick : ticks) {
      m_body +=
          fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
                      "<text class=\"tick\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                      num(m_left), num(right()), num(y(tick)), num(m_left - 6), num(y(tick) + 4), escape(label(tick)));
    }
    m_body += fmt::format("<text class=\"axis-title\" transform=\"translate(16,{}) rotate(-90)\" "
                          "text-anchor=\"middle\">{}</text>\n",
                          num((top() + bottom()) / 2), escape(title));
  }

  void x_axis(const std::vector<double>& ticks, const std::function<std::string(double)>& label,
              std::string_view title) {
    m_body += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", num(m_left),
                          num(right()), num(bottom()));
    for (const double tick : ticks) {
      m_body += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                            "<text class=\"tick\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                            num(x(tick)), num(bottom()), num(bottom() + 4), num(bottom() + 17), escape(label(tick)));
    }
    m_body += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                          num((m_left + right()) / 2), num(height() - 8), escape(title));
  }

  void raw(std::string_view text) { m_body += text; }

  std::string finish() && {
    std::string svg = fmt::format(R"svg(<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{0}" )svg"
                                  R"svg(viewBox="0 0 {1} {2}" width="{1}" height="{2}" role="img" )svg"
                                  R"svg(aria-labelledby="{0}-title">)svg"
                                  "\n<title id=\"{0}-title\">{3}</title>\n"
                                  "<text class=\"title\" x=\"12\" y=\"20\">{3}</text>\n",
                                  m_id, num(k_width), num(height()), escape(m_title));
    svg += m_legend;
    svg += m_body;
    svg += "</svg>\n";
    return svg;
  }

private:
  std::string m_id;
  std::string m_title;
  double m_left;
  double m_plot_height;
  double m_x_max = 1;
  double m_y_max = 1;
  double m_legend_x = 12;
  int m_legend_rows = 0;
  std::string m_legend;
  std::string m_body;
};

// The ticks of a time axis over `span` minutes, in minutes, hours (up to two days) or days; at most about 12.
struct TimeAxis {
  std::vector<double> ticks; // in minutes
  double unit = 1;           // minutes per labelled unit
  std::string title;
};

TimeAxis time_axis(std::int64_t span) {
  TimeAxis axis;
  std::array<double, 7> steps{};
  if (span <= 120) {
    axis = {{}, 1, "minutes since the start of the traffic"};
    steps = {1, 2, 5, 10, 15, 30, 60};
  } else if (span <= std::int64_t{2} * 1440) {
    axis = {{}, 60, "hours since the start of the traffic (UTC)"};
    steps = {1, 2, 3, 6, 12, 24, 48};
  } else {
    axis = {{}, 1440, "days since the start of the traffic (UTC)"};
    steps = {1, 2, 7, 14, 30, 60, 90};
  }
  const double length = static_cast<double>(span) / axis.unit;
  double step = steps.back();
  for (const double candidate : steps) {
    if (length / candidate <= 12) {
      step = candidate;
      break;
    }
  }
  for (int k = 0; k * step <= length + 1e-9; ++k) { // the steps are whole numbers: k * step is exact
    axis.ticks.push_back(k * step * axis.unit);
  }
  return axis;
}

// A step path over the series: each point holds its value across the minutes it covers.
std::string step_path(const Chart& chart, const std::vector<double>& values, std::int64_t minutes_per_point,
                      std::int64_t span, double floor_value, bool closed) {
  std::string path;
  const double base = chart.y(floor_value);
  path += fmt::format("M{},{}", num(chart.x(0)), num(closed ? base : chart.y(std::max(values.front(), floor_value))));
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto from = static_cast<double>(static_cast<std::int64_t>(i) * minutes_per_point);
    const double to = std::min(static_cast<double>(span), from + static_cast<double>(minutes_per_point));
    const std::string level = num(chart.y(std::max(values[i], floor_value)));
    path += fmt::format("L{},{}L{},{}", num(chart.x(from)), level, num(chart.x(to)), level);
  }
  if (closed) {
    path += fmt::format("L{},{}Z", num(chart.x(static_cast<double>(span))), num(base));
  }
  return path;
}

double series_max(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

constexpr double k_plot_height = 230;

std::string traffic_chart(const engine::WorkloadResult& w, const std::string& id) {
  const engine::TrafficSeries& s = w.charts->traffic;
  Chart chart(id,
              fmt::format("{}: tokens per minute over {} (the busiest minute of every {})", w.name,
                          duration(s.span_minutes), duration(s.minutes_per_point)),
              k_plot_height);
  chart.legend_box("input tokens/min (plain, cache and batch)", "s-input");
  chart.legend_line("output tokens/min", "s-output");
  const TimeAxis time = time_axis(s.span_minutes);
  chart.set_x_max(static_cast<double>(s.span_minutes));
  chart.y_axis(nice_ticks(std::max(series_max(s.input_tpm), series_max(s.output_tpm))), short_count,
               "tokens per minute");
  chart.x_axis(
      time.ticks, [unit = time.unit](double minutes) { return num(minutes / unit); }, time.title);
  chart.raw(fmt::format("<path class=\"s-input\" d=\"{}\"/>\n",
                        step_path(chart, s.input_tpm, s.minutes_per_point, s.span_minutes, 0, true)));
  chart.raw(fmt::format("<path class=\"s-output\" d=\"{}\"/>\n",
                        step_path(chart, s.output_tpm, s.minutes_per_point, s.span_minutes, 0, false)));
  return std::move(chart).finish();
}

// The blended option of `term`, or nullptr.
const engine::OptionResult* blended_option(const engine::WorkloadResult& w, const std::string& term) {
  for (const auto& option : w.options) {
    if (option.strategy == engine::Strategy::blended && option.term == term) {
      return &option;
    }
  }
  return nullptr;
}

std::string model_unit_chart(const engine::WorkloadResult& w, const std::string& id) {
  const engine::TrafficSeries& s = w.charts->traffic;
  const auto& curves = w.charts->cost_curves;
  Chart chart(id, fmt::format("{}: model units needed per minute, and the capacity each term buys", w.name),
              k_plot_height);
  const std::int64_t peak = w.traffic.peak_model_units.value_or(0);
  // The cheapest blended term's N*: the traffic above it is the overflow served on-demand.
  const engine::OptionResult* best = nullptr;
  double top = std::max(series_max(s.model_units), static_cast<double>(peak));
  for (const auto& curve : curves) {
    top = std::max(top, static_cast<double>(curve.optimal_model_units));
    const engine::OptionResult* option = blended_option(w, curve.term);
    if (option != nullptr && (best == nullptr || option->monthly < best->monthly)) {
      best = option;
    }
  }
  chart.legend_box("MUs needed", "s-load");
  if (peak > 0) {
    chart.legend_line(fmt::format("peak: {} MU", grouped(static_cast<double>(peak))), "peak");
  }
  for (std::size_t i = 0; i < curves.size(); ++i) {
    chart.legend_line(fmt::format("N* {}: {} MU", term_label(curves[i].term),
                                  grouped(static_cast<double>(curves[i].optimal_model_units))),
                      fmt::format("term{}", i % k_term_styles));
  }
  if (best != nullptr && best->overflow_share > 0) {
    chart.legend_box(fmt::format("overflow above {} MU ({}), on-demand: {} of tokens",
                                 grouped(static_cast<double>(*best->model_units)), term_label(best->term),
                                 percent(best->overflow_share)),
                     "overflow");
  }
  const TimeAxis time = time_axis(s.span_minutes);
  chart.set_x_max(static_cast<double>(s.span_minutes));
  chart.y_axis(nice_ticks(top * 1.05), short_count, "model units (MU)");
  chart.x_axis(
      time.ticks, [unit = time.unit](double minutes) { return num(minutes / unit); }, time.title);
  chart.raw(fmt::format("<path class=\"s-load\" d=\"{}\"/>\n",
                        step_path(chart, s.model_units, s.minutes_per_point, s.span_minutes, 0, true)));
  if (best != nullptr && best->model_units) {
    const auto level = static_cast<double>(*best->model_units);
    chart.raw(fmt::format("<path class=\"overflow\" d=\"{}\"/>\n",
                          step_path(chart, s.model_units, s.minutes_per_point, s.span_minutes, level, true)));
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

std::string cost_curve_chart(const engine::WorkloadResult& w, const std::string& id) {
  const auto& curves = w.charts->cost_curves;
  Chart chart(id, fmt::format("{}: monthly cost by model units committed (MUs plus on-demand overflow)", w.name),
              k_plot_height);
  const double on_demand = w.options.front().monthly.to_double_micros();
  double top = on_demand;
  double largest = 1;
  chart.legend_line(fmt::format("all on-demand: {}", short_dollars(on_demand)), "ondemand");
  for (std::size_t i = 0; i < curves.size(); ++i) {
    for (const auto& [units, cost] : curves[i].points) {
      top = std::max(top, cost.to_double_micros());
      largest = std::max(largest, static_cast<double>(units));
      if (units == curves[i].optimal_model_units) {
        chart.legend_line(fmt::format("{}: N* = {} MU at {}", term_label(curves[i].term),
                                      grouped(static_cast<double>(units)), short_dollars(cost.to_double_micros())),
                          fmt::format("term{}", i % k_term_styles));
      }
    }
  }
  chart.set_x_max(largest);
  chart.y_axis(nice_ticks(top * 1.05), short_dollars, "USD per month");
  std::vector<double> x_ticks;
  for (const double tick : nice_ticks(largest, 8)) {
    if (tick <= largest) {
      x_ticks.push_back(tick);
    }
  }
  chart.x_axis(x_ticks, short_count, "model units committed (N)");
  chart.raw(fmt::format("<line class=\"ondemand\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", num(chart.left()),
                        num(Chart::right()), num(chart.y(on_demand))));
  for (std::size_t i = 0; i < curves.size(); ++i) {
    std::string points;
    for (const auto& [units, cost] : curves[i].points) {
      points += fmt::format("{}{},{}", points.empty() ? "" : " ", num(chart.x(static_cast<double>(units))),
                            num(chart.y(cost.to_double_micros())));
    }
    chart.raw(fmt::format("<polyline class=\"term{}\" points=\"{}\"/>\n", i % k_term_styles, points));
    for (const auto& [units, cost] : curves[i].points) {
      if (units == curves[i].optimal_model_units) {
        chart.raw(fmt::format("<circle class=\"dot{}\" cx=\"{}\" cy=\"{}\" r=\"4.5\"/>\n", i % k_term_styles,
                              num(chart.x(static_cast<double>(units))), num(chart.y(cost.to_double_micros()))));
      }
    }
  }
  return std::move(chart).finish();
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
    result.notes.emplace_back("A constant rate has no traffic over time to draw: give --peak-tpm and --shape (or a "
                              "workload's hourly_weights), or import usage with --usage.");
  }
  if (!w.charts->cost_curves.empty()) {
    if (over_time) {
      result.svgs.push_back(model_unit_chart(w, prefix + "-units"));
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
