#include "charts.hpp"
#include "grid.hpp"
#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/report/render.hpp>

#include <fmt/format.h>

namespace bedrock_cost::report {

namespace {

constexpr std::string_view k_page_css =
    R"(body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #111; background: #fff; margin: 0 auto; max-width: 1100px; padding: 16px 24px 40px; line-height: 1.45; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 32px 0 6px; border-bottom: 2px solid #0072b2; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.meta { color: #444; margin: 0 0 8px; font-size: 13px; }
p.note { color: #444; margin: -4px 0 10px; font-size: 13px; }
p.recommendation { font-size: 16px; font-weight: 600; background: #eef6fb; border-left: 4px solid #0072b2; padding: 8px 12px; }
ul { margin: 4px 0 8px; padding-left: 22px; }
li.warning { color: #8a3b00; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 2px solid #555; }
div.scroll { overflow-x: auto; }
figure { margin: 12px 0 18px; }
figure svg { max-width: 100%; height: auto; border: 1px solid #eee; }
code { font-size: 12px; }
footer { margin-top: 32px; color: #555; font-size: 12px; }
)";

std::string recommended_text(const engine::WorkloadResult& w) {
  std::string text = detail::strategy_label(w.recommendation.strategy);
  if (w.recommendation.term) {
    text += ", " + detail::term_label(w.recommendation.term);
  }
  if (w.recommendation.model_units) {
    text += fmt::format(", {} MU", detail::grouped(static_cast<double>(*w.recommendation.model_units)));
  }
  if (w.recommendation.reserved_input_tpm) {
    text += fmt::format(", {} in + {} out TPM", detail::grouped(*w.recommendation.reserved_input_tpm),
                        detail::grouped(w.recommendation.reserved_output_tpm.value_or(0)));
  }
  return text;
}

void table(const detail::Grid& grid, std::ostream& out) {
  out << "<div class=\"scroll\">\n";
  detail::write_html(grid, out);
  out << "</div>\n";
}

void table(const detail::NotedGrid& noted, std::ostream& out) {
  table(noted.grid, out);
  for (const auto& note : noted.notes) {
    out << "<p class=\"note\">" << detail::escape(note) << "</p>\n";
  }
}

void summary_section(const engine::CostReport& report, std::ostream& out) {
  out << "<section id=\"total\">\n<h2>" << (report.workloads.size() > 1 ? "Total" : "Summary") << "</h2>\n";
  out << "<table class=\"summary\">\n<thead><tr><th>Workload</th><th>Model</th><th>Region</th>"
         "<th class=\"num\">Avg tokens/min</th><th>Recommended</th><th class=\"num\">$/month</th>"
         "<th class=\"num\">On-demand $/month</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < report.workloads.size(); ++i) {
    const auto& w = report.workloads[i];
    out << fmt::format("<tr><td><a href=\"#w{}\">{}</a></td><td><code>{}</code></td><td>{}</td><td class=\"num\">{}"
                       "</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                       i + 1, detail::escape(w.name), detail::escape(w.model_id), detail::escape(detail::location(w)),
                       detail::grouped(w.traffic.avg_tpm), detail::escape(recommended_text(w)),
                       detail::usd(w.recommendation.monthly), detail::usd(w.options.front().monthly));
  }
  out << fmt::format("<tr class=\"total\"><td>Total</td><td></td><td></td><td></td><td></td><td class=\"num\">{}</td>"
                     "<td class=\"num\">{}</td></tr>\n</tbody>\n</table>\n",
                     detail::usd(report.total_recommended), detail::usd(report.total_on_demand));
  const util::Money saved = report.total_on_demand - report.total_recommended;
  if (saved.round_cents() > 0) {
    out << fmt::format("<p class=\"recommendation\">Recommended: {}/month, saving {}/month ({}) against paying "
                       "on-demand for everything.</p>\n",
                       detail::usd(report.total_recommended), detail::usd(saved),
                       detail::percent(saved.to_double_micros() / report.total_on_demand.to_double_micros()));
  } else {
    out << fmt::format("<p class=\"recommendation\">Recommended: on-demand for everything, {}/month.</p>\n",
                       detail::usd(report.total_recommended));
  }
  if (report.workloads.size() > 1) {
    out << "<figure>\n" << detail::portfolio_chart(report) << "</figure>\n";
  }
  if (!report.warnings.empty() || !report.notes.empty()) {
    out << "<ul>\n";
    for (const auto& warning : report.warnings) {
      out << "<li class=\"warning\">Warning: " << detail::escape(warning) << "</li>\n";
    }
    for (const auto& note : report.notes) {
      out << "<li>" << detail::escape(note) << "</li>\n";
    }
    out << "</ul>\n";
  }
  if (!report.unpriced.empty()) {
    out << "<h3>Not priced</h3>\n<ul>\n";
    for (const auto& u : report.unpriced) {
      out << "<li class=\"warning\">" << detail::escape(detail::unpriced_text(u)) << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "</section>\n";
}

void workload_section(const engine::WorkloadResult& w, int index, util::Fixed9 hours_per_month, std::ostream& out) {
  const std::string model = fmt::format("{} ({}) in {}", w.model_name, w.model_id, detail::location(w));
  out << fmt::format("<section id=\"w{}\">\n<h2>{}</h2>\n", index,
                     detail::escape(w.name == w.model_id ? model : fmt::format("{} \u2014 {}", w.name, model)));
  out << "<p>" << detail::escape(detail::traffic_text(w.traffic)) << "</p>\n";
  if (const std::string coverage = detail::coverage_text(w.traffic, hours_per_month); !coverage.empty()) {
    out << "<p>" << detail::escape(coverage) << "</p>\n";
  }
  out << "<p class=\"recommendation\">" << detail::escape(detail::recommendation_text(w)) << "</p>\n";
  if (const auto assumptions = assumption_texts(w); !assumptions.empty()) {
    out << "<h3>Assumptions</h3>\n<ul>\n";
    for (const auto& assumption : assumptions) {
      out << "<li>" << detail::escape(assumption) << "</li>\n";
    }
    out << "</ul>\n";
  }
  const detail::WorkloadCharts charts = detail::workload_charts(w, index);
  for (const auto& svg : charts.svgs) {
    out << "<figure>\n" << svg << "</figure>\n";
  }
  out << "<h3>Options</h3>\n";
  table(detail::option_table({&w, 1}, false), out);
  const detail::NotedGrid break_even = detail::break_even_table({&w, 1}, false);
  if (!break_even.grid.rows.empty()) {
    out << "<h3>Break-even per model unit</h3>\n";
    table(break_even, out);
  }
  out << "<h3>On-demand bill</h3>\n";
  table(detail::cost_line_grid(w), out);
  if (!w.notes.empty() || !w.warnings.empty() || !charts.notes.empty()) {
    out << "<h3>Notes</h3>\n<ul>\n";
    for (const auto& note : note_texts(w)) {
      out << "<li>" << detail::escape(note) << "</li>\n";
    }
    for (const auto& note : charts.notes) {
      out << "<li>" << detail::escape(note) << "</li>\n";
    }
    for (const auto& warning : w.warnings) {
      out << "<li class=\"warning\">Warning: " << detail::escape(warning) << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "</section>\n";
}

} // namespace

namespace html {

void render(const engine::CostReport& report, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Bedrock cost estimate</title>\n<style>\n"
      << k_page_css << detail::k_chart_css << "</style>\n</head>\n<body>\n";
  out << "<header>\n<h1>Bedrock cost estimate</h1>\n<p class=\"meta\">" << detail::escape(detail::footer_text(report))
      << " Catalog: " << detail::escape(report.catalog_source) << "</p>\n</header>\n";
  summary_section(report, out);
  for (std::size_t i = 0; i < report.workloads.size(); ++i) {
    workload_section(report.workloads[i], static_cast<int>(i) + 1, report.hours_per_month, out);
  }
  out << "<footer>Generated by " << detail::escape(report.generated_by)
      << ". Every figure comes from the catalog or your overlays, with its source and date in the tables; "
         "charts show each period's average, with a pale band up to its busiest minute.</footer>\n</body>\n</html>\n";
}

} // namespace html

namespace svg {

void render(const engine::CostReport& report, std::ostream& out) {
  std::vector<std::string> charts;
  if (report.workloads.size() > 1) {
    charts.push_back(detail::portfolio_chart(report));
  }
  for (std::size_t i = 0; i < report.workloads.size(); ++i) {
    for (auto& chart : detail::workload_charts(report.workloads[i], static_cast<int>(i) + 1).svgs) {
      charts.push_back(std::move(chart));
    }
  }
  // Stack the charts vertically; each keeps its own viewBox.
  double height = 0;
  std::string body;
  for (const auto& chart : charts) {
    const auto at = chart.find("height=\"");
    const double chart_height = std::stod(chart.substr(at + 8));
    body += fmt::format("<g transform=\"translate(0,{})\">\n{}</g>\n", detail::plain(height, 1), chart);
    height += chart_height + 16;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
                     "height=\"{1}\">\n<style>\n",
                     detail::plain(detail::k_chart_width, 1), detail::plain(height, 1))
      << detail::k_chart_css << "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
      << body << "</svg>\n";
}

} // namespace svg

} // namespace bedrock_cost::report
