#include "grid.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/render.hpp>

#include <algorithm>
#include <stdexcept>

namespace bedrock_cost::report {

std::optional<OutputFormat> parse_format(std::string_view name) {
  if (name == "table") {
    return OutputFormat::table;
  }
  if (name == "json") {
    return OutputFormat::json;
  }
  if (name == "csv") {
    return OutputFormat::csv;
  }
  if (name == "markdown" || name == "md") {
    return OutputFormat::markdown;
  }
  if (name == "focus") {
    return OutputFormat::focus;
  }
  if (name == "html") {
    return OutputFormat::html;
  }
  return std::nullopt;
}

namespace {

const FocusPeriod& charge_period(const RenderOptions& options) {
  if (!options.charge_period) {
    throw std::invalid_argument("the focus format needs the month the charges fall in (RenderOptions::charge_period)");
  }
  return *options.charge_period;
}

} // namespace

void render(const engine::CostReport& report, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  const bool all_fields = options.fields.empty();
  switch (format) {
  case OutputFormat::table:
    if (all_fields) {
      table::render(report, options, out);
    } else {
      detail::write_text(detail::option_fields_grid(report.workloads, options.fields, detail::Audience::people),
                         options.color, out);
    }
    return;
  case OutputFormat::json: json::render(report, options, out); return;
  case OutputFormat::csv:
    if (all_fields) {
      csv::render(report, options, out);
    } else {
      detail::write_csv(detail::option_fields_grid(report.workloads, options.fields, detail::Audience::machines), out);
    }
    return;
  case OutputFormat::markdown: markdown::render(report, options, out); return;
  case OutputFormat::focus: focus::render(report, charge_period(options), out); return;
  case OutputFormat::html: html::render(report, out); return;
  }
}

std::vector<std::string> estimate_fields() { return detail::option_field_names(); }

std::vector<std::string> unknown_fields(const std::vector<std::string>& fields,
                                        const std::vector<std::string>& available) {
  std::vector<std::string> unknown;
  for (const auto& field : fields) {
    if (std::find(available.begin(), available.end(), field) == available.end()) {
      unknown.push_back(field);
    }
  }
  return unknown;
}

void render(const ModelListing& listing, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  switch (format) {
  case OutputFormat::table: table::render(listing, options, out); return;
  case OutputFormat::json: json::render(listing, options, out); return;
  case OutputFormat::csv: csv::render(listing, options, out); return;
  case OutputFormat::markdown: markdown::render(listing, options, out); return;
  case OutputFormat::focus:
  case OutputFormat::html: throw std::invalid_argument("a model listing has no focus or html format");
  }
}

} // namespace bedrock_cost::report
