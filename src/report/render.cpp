#include <bedrock_cost/report/render.hpp>

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
  dispatch(report, format, options, out);
}

void render(const ModelListing& listing, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  dispatch(listing, format, options, out);
}

} // namespace bedrock_cost::report
