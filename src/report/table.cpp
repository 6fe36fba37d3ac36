#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

namespace bedrock_cost::report::table {

namespace {

// `text` through util::printable(), in colour `code` when `color`: the colour codes are the only escapes written.
std::string paint(bool color, std::string_view code, const std::string& text) {
  const std::string shown = util::printable(text);
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, shown) : shown;
}

// One indented line of text from the report (which may hold text from the input).
void line(std::ostream& out, std::string_view indent, const std::string& text) {
  out << indent << util::printable(text) << '\n';
}

// A table and the notes under it, indented.
void write_noted(const detail::NotedGrid& table, bool color, std::ostream& out) {
  detail::write_text(table.grid, color, out, "  ");
  for (const auto& note : table.notes) {
    line(out, "  ", note);
  }
}

void render_workload(const engine::WorkloadResult& workload, util::Fixed9 hours_per_month, const RenderOptions& options,
                     std::ostream& out) {
  const std::string label = workload.name == workload.requested_model ? "" : workload.name + ": ";
  out << paint(
             options.color, "1",
             fmt::format("{}{} ({}) in {}", label, workload.model_name, workload.model_id, detail::location(workload)))
      << '\n';
  line(out, "  ", detail::traffic_text(workload.traffic));
  if (const std::string coverage = detail::coverage_text(workload.traffic, hours_per_month); !coverage.empty()) {
    line(out, "  ", coverage);
  }
  out << '\n';
  if (workload.on_demand_lines.empty()) {
    out << "  No tokens to price.\n";
  } else {
    detail::write_text(detail::cost_line_grid(workload), options.color, out, "  ");
  }
  out << '\n';
  write_noted(detail::option_table({&workload, 1}, false), options.color, out);
  if (!workload.break_even.empty()) {
    out << '\n';
    write_noted(detail::break_even_table({&workload, 1}, false), options.color, out);
  }
  out << '\n' << "  " << paint(options.color, "32", detail::recommendation_text(workload)) << '\n';
  if (const auto assumptions = assumption_texts(workload); !assumptions.empty()) {
    out << "  Assumptions:\n";
    for (const auto& assumption : assumptions) {
      line(out, "  - ", assumption);
    }
  }
  for (const auto& note : note_texts(workload)) {
    line(out, "  Note: ", note);
  }
  for (const auto& warning : workload.warnings) {
    out << "  " << paint(options.color, "33", "Warning: " + warning) << '\n';
  }
}

} // namespace

void render(const engine::CostReport& report, const RenderOptions& options, std::ostream& out) {
  for (std::size_t i = 0; i < report.workloads.size(); ++i) {
    if (i != 0) {
      out << '\n';
    }
    render_workload(report.workloads[i], report.hours_per_month, options, out);
  }
  out << '\n';
  for (const auto& warning : report.warnings) {
    out << paint(options.color, "33", "Warning: " + warning) << '\n';
  }
  for (const auto& note : report.notes) {
    line(out, "Note: ", note);
  }
  if (!report.warnings.empty() || !report.notes.empty()) {
    out << '\n';
  }
  if (!report.unpriced.empty()) {
    out << paint(options.color, "33", "Not priced (imported usage the catalog cannot price):") << '\n';
    for (const auto& u : report.unpriced) {
      line(out, "  - ", detail::unpriced_text(u));
    }
    out << '\n';
  }
  if (report.workloads.size() > 1) {
    out << paint(options.color, "1",
                 fmt::format("Total ({} workloads): on-demand {}/month, recommended {}/month", report.workloads.size(),
                             detail::usd(report.total_on_demand), detail::usd(report.total_recommended)))
        << '\n';
  }
  line(out, "", detail::footer_text(report));
}

void render(const ModelListing& listing, const RenderOptions& options, std::ostream& out) {
  detail::write_text(detail::model_grid(listing, detail::Audience::people), options.color, out);
  out << '\n';
  line(out, "",
       fmt::format("{} rows. Prices in USD per 1M tokens; PT = Provisioned Throughput terms priced. {}",
                   listing.rows.size(), detail::listing_catalog_text(*listing.catalog)));
}

} // namespace bedrock_cost::report::table
