#include "grid.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/render.hpp>

#include <algorithm>

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
  return std::nullopt;
}

namespace {
template <class Value>
void dispatch(const Value& value, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  switch (format) {
  case OutputFormat::table: table::render(value, options, out); return;
  case OutputFormat::json: json::render(value, options, out); return;
  case OutputFormat::csv: csv::render(value, options, out); return;
  case OutputFormat::markdown: markdown::render(value, options, out); return;
  }
}
} // namespace

void render(const engine::CostReport& report, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  if (!options.fields.empty() && (format == OutputFormat::csv || format == OutputFormat::table)) {
    if (format == OutputFormat::csv) {
      detail::write_csv(detail::option_fields_grid(report.workloads, options.fields, detail::Audience::machines), out);
    } else {
      detail::write_text(detail::option_fields_grid(report.workloads, options.fields, detail::Audience::people),
                         options.color, out);
    }
    return;
  }
  dispatch(report, format, options, out);
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
  dispatch(listing, format, options, out);
}

} // namespace bedrock_cost::report
