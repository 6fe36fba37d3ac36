// Text from the input (here a workload name) in every output format: control characters shown as escapes,
// never written raw; CSV text cells guarded against spreadsheet formulas, number cells left alone.

#include "../../src/report/rows.hpp"
#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

using namespace bedrock_cost;
using report::detail::Content;

namespace {

// ESC [2J (clear the screen), the C1 control CSI, a pipe and a line break.
const std::string k_hostile = "chat\x1b[2J\xc2\x9b|x\ny";
const std::string k_shown = R"(chat\x1b[2J\u009b|x\ny)";

engine::CostReport hostile_report(const std::string& name = k_hostile) {
  static const catalog::Catalog c = test::load(test::k_catalog);
  workload::WorkloadSpec s;
  s.model = "anthropic.claude-3-haiku-20240307-v1:0";
  s.name = name;
  s.rate = workload::rate_from_tpm(50'000, 0.75);
  s.origin = s.model_origin = s.region_origin = "workload.json";
  engine::EstimateOptions options;
  options.charts = true;
  return engine::estimate(c, {s}, options);
}

std::string render(report::OutputFormat format, bool color = false) {
  std::ostringstream out;
  report::RenderOptions options;
  options.color = color;
  report::render(hostile_report(), format, options, out);
  return out.str();
}

// The control characters in `text` other than line feeds, and carriage returns when `crlf`.
std::size_t raw_controls(const std::string& text, bool crlf = false) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n' && !(crlf && c == '\r')) || byte == 0x7F;
  }));
}

std::string without(std::string text, const std::string& what) {
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what)) {
    text.erase(at, what.size());
  }
  return text;
}

} // namespace

TEST_CASE("spreadsheet_text guards text a spreadsheet would run as a formula", "[escaping]") {
  using report::detail::spreadsheet_text;
  CHECK(spreadsheet_text(R"(=HYPERLINK("http://x","y"))") == R"('=HYPERLINK("http://x","y"))");
  CHECK(spreadsheet_text("+1") == "'+1");
  CHECK(spreadsheet_text("-2+3") == "'-2+3");
  CHECK(spreadsheet_text("@SUM(A1:A2)") == "'@SUM(A1:A2)");
  CHECK(spreadsheet_text("\t=1") == "'\t=1");
  CHECK(spreadsheet_text("\r=1") == "'\r=1");
  CHECK(spreadsheet_text("a=b") == "a=b");
  CHECK(spreadsheet_text("us-east-1") == "us-east-1");
  CHECK(spreadsheet_text("").empty());
}

TEST_CASE("CSV guards text cells and leaves number cells alone", "[escaping]") {
  report::detail::Grid grid;
  report::detail::add_columns(grid, Content::text, {"workload"});
  report::detail::add_columns(grid, Content::number, {"change_usd"});
  grid.rows = {{"=1+1", "-155052"}, {"-x", "-0.5"}, {"a\x1b[2J, \"b\"", "+3"}};
  std::ostringstream out;
  report::detail::write_csv(grid, out);
  CHECK(out.str() == "workload,change_usd\r\n'=1+1,-155052\r\n'-x,-0.5\r\n\"a\\x1b[2J, \"\"b\"\"\",+3\r\n");
}

TEST_CASE("columns chosen with --fields keep their content", "[escaping]") {
  const auto grid = report::detail::option_fields_grid(
      hostile_report("=1+1").workloads, {"savings_vs_on_demand_usd", "workload"}, report::detail::Audience::machines);
  CHECK(grid.columns.at(0).content == Content::number);
  CHECK(grid.columns.at(1).content == Content::text);
}

TEST_CASE("a workload name with control characters, in every format", "[escaping]") {
  const std::string table = render(report::OutputFormat::table, true);
  CHECK(table.find(k_shown) != std::string::npos);
  CHECK(raw_controls(without(without(without(table, "\x1b[1m"), "\x1b[32m"), "\x1b[0m")) == 0); // colour only

  const std::string markdown = render(report::OutputFormat::markdown);
  CHECK(markdown.find(R"(| chat\x1b[2J\u009b\|x\ny |)") != std::string::npos); // the row stays one row
  CHECK(markdown.find(R"(- **chat\x1b[2J\u009b|x\ny**: Recommended)") != std::string::npos);
  CHECK(raw_controls(markdown) == 0);

  const std::string csv = render(report::OutputFormat::csv);
  CHECK(csv.find("\r\n" + k_shown + ",") != std::string::npos);
  CHECK(raw_controls(csv, true) == 0);

  std::ostringstream html;
  report::html::render(hostile_report(), html);
  CHECK(html.str().find(k_shown) != std::string::npos);
  CHECK(raw_controls(html.str()) == 0);
  std::ostringstream svg;
  report::svg::render(hostile_report(), svg);
  CHECK(svg.str().find(k_shown + ": committed and on-demand dollars") != std::string::npos);
  CHECK(raw_controls(svg.str()) == 0);

  // JSON keeps the name exactly (its writer escapes control characters itself).
  const std::string json = render(report::OutputFormat::json);
  CHECK(json.find(R"("name": "chat\u001b[2J)") != std::string::npos);
  CHECK(nlohmann::json::parse(json).at("workloads").at(0).at("name") == k_hostile);
}

TEST_CASE("invalid UTF-8 in a name makes no format fail", "[escaping]") {
  const auto report = hostile_report("acme\xff\xe2\x82");
  const std::string shown = R"(acme\xff\xe2\x82)";
  for (const auto format : {report::OutputFormat::table, report::OutputFormat::csv, report::OutputFormat::markdown}) {
    std::ostringstream out;
    report::render(report, format, {}, out);
    CHECK(out.str().find(shown) != std::string::npos);
  }
  std::ostringstream json;
  report::render(report, report::OutputFormat::json, {}, json); // nlohmann alone throws type_error 316
  CHECK(nlohmann::json::parse(json.str()).at("workloads").at(0).at("name") == shown);
  std::ostringstream focus;
  report::focus::render(report, {"2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"}, focus);
  CHECK(focus.str().find("," + shown + ",") != std::string::npos);
}
