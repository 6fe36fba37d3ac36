#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

namespace bedrock_cost::report::markdown {

namespace {

// One line of text from the report, through util::printable(): a line break in a name from the input cannot end
// a list item early.
void line(std::ostream& out, std::string_view prefix, const std::string& text) {
  out << prefix << util::printable(text) << '\n';
}

// A table, then its notes as a list.
void write_noted(const detail::NotedGrid& table, std::ostream& out) {
  detail::write_markdown(table.grid, out);
  if (!table.notes.empty()) {
    out << '\n';
  }
  for (const auto& note : table.notes) {
    line(out, "- ", note);
  }
}

// The first table: each workload's recommendation and its monthly cost against on-demand, then the totals.
detail::Grid summary_grid(const engine::CostReport& report) {
  detail::Grid summary;
  summary.columns = {{"Workload"},
                     {"Model"},
                     {"Region"},
                     {"Avg tokens/min", detail::Align::right},
                     {"Recommended"},
                     {"$/month", detail::Align::right},
                     {"On-demand $/month", detail::Align::right}};
  for (const auto& w : report.workloads) {
    std::string rec = detail::strategy_label(w.recommendation.strategy);
    if (w.recommendation.term) {
      rec += ", " + detail::term_label(w.recommendation.term);
    }
    if (w.recommendation.model_units) {
      rec += fmt::format(", {} MU", detail::grouped(static_cast<double>(*w.recommendation.model_units)));
    }
    if (w.recommendation.reserved_input_tpm) {
      rec += fmt::format(", {} in + {} out TPM", detail::grouped(*w.recommendation.reserved_input_tpm),
                         detail::grouped(w.recommendation.reserved_output_tpm.value_or(0)));
    }
    summary.rows.push_back({w.name, fmt::format("`{}`", w.model_id), detail::location(w),
                            detail::grouped(w.traffic.avg_tpm), rec, detail::usd(w.recommendation.monthly),
                            detail::usd(w.options.front().monthly)});
  }
  summary.rows.push_back({"**Total**", "", "", "", "", fmt::format("**{}**", detail::usd(report.total_recommended)),
                          fmt::format("**{}**", detail::usd(report.total_on_demand))});
  return summary;
}

// Per workload: its recommendation as a bullet, with what it rests on, its notes and warnings beneath.
void write_recommendations(const engine::CostReport& report, std::ostream& out) {
  for (const auto& w : report.workloads) {
    line(out, "", fmt::format("- **{}**: {}", w.name, detail::recommendation_text(w)));
    if (const std::string coverage = detail::coverage_text(w.traffic, report.hours_per_month); !coverage.empty()) {
      line(out, "  - ", coverage);
    }
    for (const auto& assumption : assumption_texts(w)) {
      line(out, "  - ", assumption);
    }
    for (const auto& note : note_texts(w)) {
      line(out, "  - Note: ", note);
    }
    for (const auto& warning : w.warnings) {
      line(out, "  - Warning: ", warning);
    }
  }
}

} // namespace

void render(const engine::CostReport& report, const RenderOptions& /*options*/, std::ostream& out) {
  out << "## Bedrock cost estimate\n\n";
  detail::write_markdown(summary_grid(report), out);
  out << "\n### Options\n\n";
  write_noted(detail::option_table(report.workloads, true), out);
  const detail::NotedGrid break_even = detail::break_even_table(report.workloads, true);
  if (!break_even.grid.rows.empty()) {
    out << "\n### Break-even per model unit\n\n";
    write_noted(break_even, out);
  }
  out << "\n### Recommendations\n\n";
  write_recommendations(report, out);
  if (!report.warnings.empty() || !report.notes.empty()) {
    out << "\n### Warnings\n\n";
    for (const auto& warning : report.warnings) {
      line(out, "- Warning: ", warning);
    }
    for (const auto& note : report.notes) {
      line(out, "- Note: ", note);
    }
  }
  if (!report.unpriced.empty()) {
    out << "\n### Not priced\n\n";
    for (const auto& u : report.unpriced) {
      line(out, "- ", detail::unpriced_text(u));
    }
  }
  out << '\n';
  line(out, "", detail::footer_text(report));
}

void render(const ModelListing& listing, const RenderOptions& /*options*/, std::ostream& out) {
  detail::write_markdown(detail::model_grid(listing, detail::Audience::people), out);
  out << '\n';
  line(out, "", "Prices in USD per 1M tokens. " + detail::listing_catalog_text(*listing.catalog));
}

} // namespace bedrock_cost::report::markdown
