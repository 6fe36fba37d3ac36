#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/render.hpp>

#include <fmt/format.h>

namespace bedrock_cost::report::table {

namespace {

std::string paint(bool color, std::string_view code, const std::string& text) {
  return color ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
}

void render_workload(const engine::WorkloadResult& workload, const RenderOptions& options, std::ostream& out) {
  const std::string label = workload.name == workload.requested_model ? "" : workload.name + ": ";
  out << paint(
             options.color, "1",
             fmt::format("{}{} ({}) in {}", label, workload.model_name, workload.model_id, detail::location(workload)))
      << '\n';
  out << "  " << detail::traffic_text(workload.traffic) << '\n';
  out << '\n';
  if (workload.on_demand_lines.empty()) {
    out << "  No tokens to price.\n";
  } else {
    detail::write_text(detail::cost_line_grid(workload), options.color, out, "  ");
  }
  out << '\n';
  detail::write_text(detail::option_grid({&workload, 1}, detail::Audience::people, false), options.color, out, "  ");
  if (!workload.break_even.empty()) {
    out << '\n';
    detail::write_text(detail::break_even_grid({&workload, 1}, false), options.color, out, "  ");
  }
  out << '\n' << "  " << paint(options.color, "32", detail::recommendation_text(workload)) << '\n';
  if (!workload.recommendation.assumptions.empty()) {
    out << "  Assumptions:\n";
    for (const auto& assumption : workload.recommendation.assumptions) {
      out << "  - " << assumption << '\n';
    }
  }
  for (const auto& note : workload.notes) {
    out << "  Note: " << note << '\n';
  }
}

} // namespace

void render(const engine::CostReport& report, const RenderOptions& options, std::ostream& out) {
  for (std::size_t i = 0; i < report.workloads.size(); ++i) {
    if (i != 0) {
      out << '\n';
    }
    render_workload(report.workloads[i], options, out);
  }
  out << '\n';
  if (!report.unpriced.empty()) {
    out << paint(options.color, "33", "Not priced (imported usage the catalog cannot price):") << '\n';
    for (const auto& u : report.unpriced) {
      out << "  - " << detail::unpriced_text(u) << '\n';
    }
    out << '\n';
  }
  if (report.workloads.size() > 1) {
    out << paint(options.color, "1",
                 fmt::format("Total ({} workloads): on-demand {}/month, recommended {}/month", report.workloads.size(),
                             detail::usd(report.total_on_demand), detail::usd(report.total_recommended)))
        << '\n';
  }
  out << detail::footer_text(report) << '\n';
}

void render(const ModelListing& listing, const RenderOptions& options, std::ostream& out) {
  detail::write_text(detail::model_grid(listing, detail::Audience::people), options.color, out);
  out << fmt::format("\n{} rows. Prices in USD per 1M tokens; PT = Provisioned Throughput terms priced. Catalog as "
                     "of {}.\n",
                     listing.rows.size(), listing.catalog->as_of);
}

} // namespace bedrock_cost::report::table
