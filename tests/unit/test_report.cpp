#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/render.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
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
  CHECK(report::parse_format("focus") == report::OutputFormat::focus);
  CHECK(report::parse_format("html") == report::OutputFormat::html);
  CHECK_FALSE(report::parse_format("xml").has_value());
}

TEST_CASE("one dispatch renders an estimate in all six formats; focus and html are an estimate's only") {
  const engine::CostReport estimate = haiku_report();
  std::ostringstream page;
  report::html::render(estimate, page);
  CHECK(render(estimate, report::OutputFormat::html) == page.str());
  report::RenderOptions options;
  std::ostringstream out;
  CHECK_THROWS_WITH(report::render(estimate, report::OutputFormat::focus, options, out),
                    "the focus format needs the month the charges fall in (RenderOptions::charge_period)");
  options.charge_period = report::FocusPeriod{"2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"};
  report::render(estimate, report::OutputFormat::focus, options, out);
  std::ostringstream focus;
  report::focus::render(estimate, *options.charge_period, focus);
  CHECK(out.str() == focus.str());
  const report::ModelListing listing{};
  for (const auto format : {report::OutputFormat::focus, report::OutputFormat::html}) {
    CHECK_THROWS_WITH(report::render(listing, format, {}, out), "a model listing has no focus or html format");
    CHECK_THROWS_WITH(report::render(usage::UsageReport{}, format, {}, out),
                      "a usage profile has no focus or html format");
  }
  // estimate --compare-to with --format focus or html prints the diff as a table, as before the formats joined
  // OutputFormat.
  engine::ScenarioDiff diff;
  diff.base_name = "base.json";
  diff.head_name = "this estimate";
  std::ostringstream table;
  report::render(diff, report::OutputFormat::table, {}, table);
  for (const auto format : {report::OutputFormat::focus, report::OutputFormat::html}) {
    std::ostringstream text;
    report::render(diff, format, {}, text);
    CHECK(text.str() == table.str());
  }
}

namespace {

// A workload with what the text report must not show as is (issue 13): a provisioned option with fixed MUs below
// the peak, blended at N* = 0 for both terms, a break-even above 100%, and MUs sized with headroom.
engine::CostReport misleading_report() {
  engine::WorkloadResult w;
  w.name = w.requested_model = w.model_id = "anthropic.claude-instant-v1";
  w.model_name = "Claude Instant";
  w.region = "us-east-1";
  w.traffic.avg_tpm = 300'000;
  w.traffic.peak_tpm = 500'000;
  w.traffic.span_minutes = 10'080;
  w.traffic.shape = "diurnal";
  w.traffic.peak_model_units = 7;
  w.traffic.model_units_with_headroom = 8;
  w.traffic.headroom = util::Fixed9::parse("0.1");
  const auto usd = [](const char* text) { return util::Money::from_usd(util::Fixed9::parse(text)); };
  engine::OptionResult on_demand;
  on_demand.on_demand = on_demand.monthly = usd("15768");
  engine::OptionResult provisioned;
  provisioned.strategy = engine::Strategy::provisioned;
  provisioned.term = "6_month";
  provisioned.model_units = 2;
  provisioned.committed = provisioned.monthly = usd("32120");
  provisioned.savings_vs_on_demand = usd("-16352");
  provisioned.utilization = 0.789;
  provisioned.throttled_share = 0.411;
  provisioned.comparable = false;
  w.options = {on_demand, provisioned};
  for (const char* term : {"1_month", "6_month"}) {
    engine::OptionResult blended = on_demand;
    blended.strategy = engine::Strategy::blended;
    blended.term = term;
    blended.model_units = 0;
    blended.overflow_share = 1;
    w.options.push_back(blended);
  }
  engine::BreakEvenRow be;
  be.term = "6_month";
  be.usd_per_model_unit_hour = util::Fixed9::parse("22");
  be.usd_per_model_unit_month = usd("16060");
  be.utilization = 7.639;
  be.tpm_per_model_unit = 305'556;
  w.break_even = {be};
  w.recommendation.monthly = usd("15768");
  engine::CostReport report;
  report.hours_per_month = util::Fixed9::parse("730");
  report.workloads = {w};
  return report;
}

} // namespace

TEST_CASE("the table marks an option that throttles as not comparable and collapses blended rows at 0 MU") {
  const std::string table = render(misleading_report(), report::OutputFormat::table);
  INFO(table);
  CHECK(table.find("; the peak needs 7 MU, 8 with 10% headroom\n") != std::string::npos);
  // No saving for the option that drops 41% of the traffic, a marker and its footnote.
  CHECK(table.find("  provisioned \u2020  6 month        2 MU      $32,120.00           $0.00  $32,120.00           -"
                   "        78.9%        0%      41.1%\n") != std::string::npos);
  CHECK(table.find("-$16,352.00") == std::string::npos);
  CHECK(table.find("  \u2020 Throttles traffic: the fixed number of MUs is below what the peak needs") !=
        std::string::npos);
  // The two blended rows at 0 MU are one line.
  CHECK(table.find("  blended") == std::string::npos);
  CHECK(table.find("  Blended does not pay for any term: N* = 0 MU, the same as on-demand.\n") != std::string::npos);
  CHECK(table.find("     never pays (763.9%)  ") != std::string::npos);
  CHECK(table.find("  never pays: even used in full, an MU of this term costs more than the same tokens on-demand") !=
        std::string::npos);
}

TEST_CASE("Markdown and HTML say the same as the table about options that mislead") {
  const std::string md = render(misleading_report(), report::OutputFormat::markdown);
  CHECK(
      md.find("| anthropic.claude-instant-v1 | provisioned \u2020 | 6 month | 2 MU | $32,120.00 | $0.00 | $32,120.00 | "
              "- | 78.9% | 0% | 41.1% |") != std::string::npos);
  CHECK(md.find(
            "- anthropic.claude-instant-v1: Blended does not pay for any term: N* = 0 MU, the same as on-demand.\n") !=
        std::string::npos);
  CHECK(md.find("| never pays (763.9%) |") != std::string::npos);
  std::ostringstream html;
  report::html::render(misleading_report(), html);
  CHECK(html.str().find("<td>provisioned \u2020</td>") != std::string::npos);
  CHECK(html.str().find("<p class=\"note\">Blended does not pay for any term: N* = 0 MU, the same as on-demand.</p>") !=
        std::string::npos);
  CHECK(html.str().find("<td class=\"num\">never pays (763.9%)</td>") != std::string::npos);
}

TEST_CASE("JSON and CSV keep every row and add what says an option is not comparable") {
  const auto doc = nlohmann::json::parse(render(misleading_report(), report::OutputFormat::json));
  const auto& options = doc.at("workloads").at(0).at("options");
  REQUIRE(options.size() == 4);
  CHECK(options.at(0).at("comparable") == true);
  CHECK(options.at(1).at("comparable") == false);
  CHECK(options.at(1).at("savings_vs_on_demand_usd") == -16352.0);
  CHECK(options.at(2).at("model_units") == 0);
  const auto& be = doc.at("workloads").at(0).at("break_even").at(0);
  CHECK(be.at("utilization") == 7.639);
  CHECK(be.at("pays_at_full_use") == false);
  const std::string csv = render(misleading_report(), report::OutputFormat::csv);
  CHECK(csv.substr(0, csv.find('\r'))
            .ends_with(",recommended,assumptions,comparable,period_start,period_end,minutes_with_data,month_factor"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 5);
  CHECK(csv.find(",provisioned,6_month,2,,,32120,0,32120,-16352,") != std::string::npos);
}

TEST_CASE("a table of chosen fields (--fields) formats amounts, shares and counts as the table does") {
  report::RenderOptions options;
  options.fields = {"strategy", "monthly_usd", "savings_vs_on_demand_usd", "throttled_share", "peak_tpm"};
  std::ostringstream table;
  report::render(misleading_report(), report::OutputFormat::table, options, table);
  CHECK(table.str() == "strategy     monthly_usd  savings_vs_on_demand_usd  throttled_share  peak_tpm\n"
                       "-----------  -----------  ------------------------  ---------------  --------\n"
                       "on_demand     $15,768.00                     $0.00               0%   500,000\n"
                       "provisioned   $32,120.00               -$16,352.00            41.1%   500,000\n"
                       "blended       $15,768.00                     $0.00               0%   500,000\n"
                       "blended       $15,768.00                     $0.00               0%   500,000\n");
  std::ostringstream csv;
  report::render(misleading_report(), report::OutputFormat::csv, options, csv);
  CHECK(csv.str() == "strategy,monthly_usd,savings_vs_on_demand_usd,throttled_share,peak_tpm\r\n"
                     "on_demand,15768,0,0,500000\r\nprovisioned,32120,-16352,0.411,500000\r\n"
                     "blended,15768,0,0,500000\r\nblended,15768,0,0,500000\r\n");
}
