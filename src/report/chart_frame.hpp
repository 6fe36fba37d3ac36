#pragma once

// Internal: the frame every SVG chart is drawn in — title, legend, axes and the plot area's coordinates.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::report::detail {

// "12.5", "3": an SVG coordinate with at most one decimal (deterministic text).
std::string num(double value);

// A chart under construction. Legend entries come first (they decide where the plot starts: the legend wraps
// onto as many rows as it needs); then the axes and the marks, drawn in plot coordinates by x() and y().
class ChartFrame {
public:
  ChartFrame(std::string id, std::string title, double plot_height, double left = 80);

  // A legend entry: a swatch (given the x and y of its left middle) and a text, laid out left to right.
  void legend(std::string_view text, const std::function<std::string(double, double)>& swatch);
  void legend_box(std::string_view text, std::string_view css_class, std::string_view fill = "");
  void legend_line(std::string_view text, std::string_view css_class);

  const std::string& id() const { return m_id; }
  double left() const { return m_left; }
  static double right();
  double top() const;
  double bottom() const { return top() + m_plot_height; }
  double height() const { return bottom() + 46; }
  double x(double value) const { return m_left + (right() - m_left) * value / m_x_max; }
  double y(double value) const { return bottom() - m_plot_height * (value - m_y_min) / (m_y_max - m_y_min); }

  void set_x_max(double max) { m_x_max = max > 0 ? max : 1; }
  void set_y_range(double min, double max);

  // Horizontal grid lines and labels at `ticks`, which set the scale (the first tick is the bottom, the last the
  // top).
  void y_axis(const std::vector<double>& ticks, const std::function<std::string(double)>& label,
              std::string_view title);
  // The axis line, and a tick and label at each of `ticks` (in x units).
  void x_axis(const std::vector<double>& ticks, const std::vector<std::string>& labels, std::string_view title);
  // The same, each tick labelled by `label`.
  void x_axis(const std::vector<double>& ticks, const std::function<std::string(double)>& label,
              std::string_view title);
  // A clipPath of the plot area, named by clip_reference(), for marks that may run past it.
  void define_clip();
  std::string clip_reference() const;
  // A text in the plot area's top left corner.
  void plot_note(std::string_view text);

  void raw(std::string_view text) { m_body += text; }

  std::string finish() &&;

private:
  std::string m_id;
  std::string m_title;
  double m_left;
  double m_plot_height;
  double m_x_max = 1;
  double m_y_min = 0;
  double m_y_max = 1;
  double m_legend_x = 12;
  int m_legend_rows = 0;
  std::string m_legend;
  std::string m_body;
};

} // namespace bedrock_cost::report::detail
