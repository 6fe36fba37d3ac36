#include "chart_frame.hpp"

#include "charts.hpp"
#include "numbers.hpp"

#include <fmt/format.h>

namespace bedrock_cost::report::detail {

std::string num(double value) {
  std::string text = fmt::format("{:.1f}", value);
  if (text.ends_with(".0")) {
    text.resize(text.size() - 2);
  }
  return text == "-0" ? "0" : text;
}

ChartFrame::ChartFrame(std::string id, std::string title, double plot_height, double left)
    : m_id(std::move(id)), m_title(std::move(title)), m_left(left), m_plot_height(plot_height) {}

void ChartFrame::legend(std::string_view text, const std::function<std::string(double, double)>& swatch) {
  const double width = 22 + 6.4 * static_cast<double>(text.size()) + 18;
  if (m_legend_x + width > k_chart_width - 12 && m_legend_x > 12) {
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

void ChartFrame::legend_box(std::string_view text, std::string_view css_class, std::string_view fill) {
  const std::string fill_attribute = fill.empty() ? std::string() : fmt::format(R"( fill="{}")", fill);
  legend(text, [css_class, fill_attribute](double lx, double ly) {
    return fmt::format(R"(<rect class="{}"{} x="{}" y="{}" width="16" height="10"/>)", css_class, fill_attribute,
                       num(lx), num(ly - 5));
  });
}

void ChartFrame::legend_line(std::string_view text, std::string_view css_class) {
  legend(text, [css_class](double lx, double ly) {
    return fmt::format(R"(<line class="{0}" x1="{1}" x2="{2}" y1="{3}" y2="{3}"/>)", css_class, num(lx), num(lx + 18),
                       num(ly));
  });
}

double ChartFrame::right() { return k_chart_width - 44; }

double ChartFrame::top() const { return 40 + 18 * static_cast<double>(m_legend_rows + 1); }

void ChartFrame::set_y_range(double min, double max) {
  m_y_min = min;
  m_y_max = max > min ? max : min + 1;
}

void ChartFrame::y_axis(const std::vector<double>& ticks, const std::function<std::string(double)>& label,
                        std::string_view title) {
  set_y_range(ticks.front(), ticks.back());
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

void ChartFrame::x_axis(const std::vector<double>& ticks, const std::vector<std::string>& labels,
                        std::string_view title) {
  m_body += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", num(m_left),
                        num(right()), num(bottom()));
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    m_body += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                          "<text class=\"tick\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                          num(x(ticks[i])), num(bottom()), num(bottom() + 4), num(bottom() + 17),
                          escape(i < labels.size() ? labels[i] : std::string()));
  }
  m_body += fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                        num((m_left + right()) / 2), num(height() - 8), escape(title));
}

void ChartFrame::x_axis(const std::vector<double>& ticks, const std::function<std::string(double)>& label,
                        std::string_view title) {
  std::vector<std::string> labels;
  labels.reserve(ticks.size());
  for (const double tick : ticks) {
    labels.push_back(label(tick));
  }
  x_axis(ticks, labels, title);
}

void ChartFrame::define_clip() {
  m_body += fmt::format("<defs><clipPath id=\"{}-plot\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
                        "</clipPath></defs>\n",
                        m_id, num(m_left), num(top()), num(right() - m_left), num(m_plot_height));
}

std::string ChartFrame::clip_reference() const { return fmt::format("url(#{}-plot)", m_id); }

void ChartFrame::plot_note(std::string_view text) {
  m_body += fmt::format("<text class=\"label note\" x=\"{}\" y=\"{}\">{}</text>\n", num(m_left + 8), num(top() + 14),
                        escape(text));
}

std::string ChartFrame::finish() && {
  std::string svg = fmt::format(R"svg(<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{0}" )svg"
                                R"svg(viewBox="0 0 {1} {2}" width="{1}" height="{2}" role="img" )svg"
                                R"svg(aria-labelledby="{0}-title">)svg"
                                "\n<title id=\"{0}-title\">{3}</title>\n"
                                "<text class=\"title\" x=\"12\" y=\"20\">{3}</text>\n",
                                m_id, num(k_chart_width), num(height()), escape(m_title));
  svg += m_legend;
  svg += m_body;
  svg += "</svg>\n";
  return svg;
}

} // namespace bedrock_cost::report::detail
