#pragma once

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/catalog/listing.hpp>
#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/engine/diff.hpp>
#include <bedrock_cost/usage/metric_queries.hpp>
#include <bedrock_cost/usage/summary.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::report {

// Every renderer writes table, json, csv and markdown; an estimate (a CostReport) also focus (FinOps FOCUS 1.2
// CSV) and html (a page with charts).
enum class OutputFormat { table, json, csv, markdown, focus, html };

// The format named `name` ("table", "json", "csv", "markdown" or "md", "focus", "html"), or nullopt.
std::optional<OutputFormat> parse_format(std::string_view name);

// The month a FOCUS export covers: ISO 8601 instants, e.g. 2026-10-01T00:00:00Z and 2026-11-01T00:00:00Z.
struct FocusPeriod {
  std::string start;
  std::string end;
};

// How to print, apart from what to compute.
struct RenderOptions {
  bool color = false; // ANSI colour in tables (only on a terminal, never with NO_COLOR)
  // --fields: the CSV columns to print, in this order; with the table format, these columns of the CSV layout
  // as an aligned table. Empty: the full report.
  std::vector<std::string> fields;
  // The month the charges fall in: needed by the focus format, unused by the others.
  std::optional<FocusPeriod> charge_period;
};

// The CSV columns of an estimate (the names --fields takes).
std::vector<std::string> estimate_fields();
// The columns `fields` do not name in `available`, for an error message.
std::vector<std::string> unknown_fields(const std::vector<std::string>& fields,
                                        const std::vector<std::string>& available);

// What `bedrock-cost models` prints.
struct ModelListing {
  const catalog::Catalog* catalog = nullptr;
  std::vector<catalog::ListingRow> rows;
};

// JSON schema_version of every JSON document the tool writes. 2: an option's committed part is committed_usd
// (it was provisioned_usd) and the recommendation carries its committed_usd; report::read_result reads 1 and 2.
inline constexpr int k_json_schema_version = 2;

// Writes the report in `format`, any of the six (focus throws std::invalid_argument without
// options.charge_period); deterministic (same input, same bytes).
void render(const engine::CostReport& report, OutputFormat format, const RenderOptions& options, std::ostream& out);
// The models of the catalog; throws std::invalid_argument for focus and html, which are an estimate's only.
void render(const ModelListing& listing, OutputFormat format, const RenderOptions& options, std::ostream& out);
// What `bedrock-cost diff` prints: per workload and in total, base -> head. Focus and html, an estimate's formats
// (estimate --compare-to), print the table.
void render(const engine::ScenarioDiff& diff, OutputFormat format, const RenderOptions& options, std::ostream& out);
// What `bedrock-cost profile` prints: one row per model (and the total), in the first four formats; throws
// std::invalid_argument for focus and html.
void render(const usage::UsageReport& report, OutputFormat format, const RenderOptions& options, std::ostream& out);
// What `bedrock-cost cloudwatch-query` prints, as text: with `queries`, the queries of each call (Id, ModelId,
// metric) under the file that holds them; then the time range, the data points it gives, and the commands that
// fetch the data and price it.
void render(const usage::QueryPlan& plan, bool queries, std::ostream& out);

namespace focus {
// FOCUS 1.2 columns (CSV) for the recommended option of every workload, for the estimated month.
void render(const engine::CostReport& report, const FocusPeriod& period, std::ostream& out);
} // namespace focus

namespace html {
// A self-contained HTML page (inline CSS and SVG, no scripts, fonts or network): the total first, then per
// workload the recommendation and its assumptions, the charts (traffic, model units needed against each term's
// N*, cost against the number of MUs, committed and on-demand dollars per option) and the tables of the text
// report. Charts need the engine's chart data (EstimateOptions::charts). Deterministic.
void render(const engine::CostReport& report, std::ostream& out);
} // namespace html
namespace svg {
// Just the charts of the HTML page, stacked in one SVG document.
void render(const engine::CostReport& report, std::ostream& out);
} // namespace svg

namespace table {
void render(const engine::CostReport& report, const RenderOptions& options, std::ostream& out);
void render(const ModelListing& listing, const RenderOptions& options, std::ostream& out);
} // namespace table
namespace json {
void render(const engine::CostReport& report, const RenderOptions& options, std::ostream& out);
void render(const ModelListing& listing, const RenderOptions& options, std::ostream& out);
} // namespace json
namespace csv {
void render(const engine::CostReport& report, const RenderOptions& options, std::ostream& out);
void render(const ModelListing& listing, const RenderOptions& options, std::ostream& out);
} // namespace csv
namespace markdown {
void render(const engine::CostReport& report, const RenderOptions& options, std::ostream& out);
void render(const ModelListing& listing, const RenderOptions& options, std::ostream& out);
} // namespace markdown

} // namespace bedrock_cost::report
