#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace bedrock_cost;

namespace {

engine::CostReport haiku_report(const std::string& name = "chat") {
  static const catalog::Catalog c = test::load(test::k_catalog);
  workload::WorkloadSpec s;
  s.model = "anthropic.claude-3-haiku-20240307-v1:0";
  s.name = name;
  s.rate = workload::rate_from_tpm(50'000, 0.75);
  s.origin = "--model";
  s.model_origin = "--model";
  s.region_origin = "--model";
  return engine::estimate(c, {s}, engine::EstimateOptions{});
}

std::string render(const engine::CostReport& report, report::OutputFormat format, bool color = false) {
  std::ostringstream out;
  report::RenderOptions options;
  options.color = color;
  report::render(report, format, options, out);
  return out.str();
}

} // namespace

TEST_CASE("JSON carries the contract fields with exact money") {
  const auto doc = nlohmann::json::parse(render(haiku_report(), report::OutputFormat::json));
  CHECK(doc.at("schema_version") == 2);
  CHECK(doc.at("hours_per_month") == 730.0);
  CHECK(doc.at("catalog").at("as_of") == "2025-07-20");
  const auto& w = doc.at("workloads").at(0);
  CHECK(w.at("model") == "anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(w.at("region") == "us-east-1");
  CHECK(w.at("traffic").at("input_tokens_per_month") == 1'642'500'000.0);
  CHECK(w.at("traffic").at("peak_tpm") == 50'000.0);
  const auto& option = w.at("options").at(0);
  CHECK(option.at("strategy") == "on_demand");
  CHECK(option.at("term").is_null());
  CHECK(option.at("monthly_usd") == 1095.0);
  CHECK(option.at("committed_usd") == 0.0); // schema 2: provisioned_usd in schema 1
  CHECK_FALSE(option.contains("provisioned_usd"));
  CHECK(option.at("savings_vs_on_demand_usd") == 0.0);
  CHECK(w.at("on_demand_cost").at(0).at("monthly_usd") == 410.625);
  CHECK(w.at("recommendation").at("strategy") == "on_demand");
  CHECK(w.at("recommendation").at("committed_usd") == 0.0);
  CHECK(doc.at("total").at("on_demand_monthly_usd") == 1095.0);
  CHECK(doc.at("total").at("recommended_monthly_usd") == 1095.0);
}

TEST_CASE("CSV is RFC 4180 with one row per model x option") {
  const std::string csv = render(haiku_report("chat, \"eu\""), report::OutputFormat::csv);
  CHECK(csv.starts_with("workload,model,region,profile,strategy,term,model_units,reserved_input_tpm,"
                        "reserved_output_tpm,committed_usd,on_demand_usd,monthly_usd,"));
  CHECK(csv.find("\r\n\"chat, \"\"eu\"\"\",anthropic.claude-3-haiku-20240307-v1:0,us-east-1,,on_demand,,,,,0,1095,"
                 "1095,0,") != std::string::npos);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 2);
}

TEST_CASE("the table shows money for people and colour only when asked") {
  const std::string plain = render(haiku_report(), report::OutputFormat::table);
  CHECK(plain.find("$1,095.00") != std::string::npos);
  CHECK(plain.find("$410.63") != std::string::npos);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(render(haiku_report(), report::OutputFormat::table, true).find("\x1b[1m") != std::string::npos);
  CHECK(render(haiku_report(), report::OutputFormat::table) == plain); // deterministic
}

TEST_CASE("Markdown is a table ready for a pull-request comment") {
  const std::string md = render(haiku_report(), report::OutputFormat::markdown);
  CHECK(md.find("| chat | `anthropic.claude-3-haiku-20240307-v1:0` | us-east-1 | 50,000 | on-demand | $1,095.00 |") !=
        std::string::npos);
  CHECK(md.find("| **Total** |") != std::string::npos);
}

TEST_CASE("format names") {
  CHECK(report::parse_format("json") == report::OutputFormat::json);
  CHECK(report::parse_format("markdown") == report::OutputFormat::markdown);
  CHECK_FALSE(report::parse_format("xml").has_value());
}
