// report::read_result: a saved `estimate --format json` result back into a summary, beside its writer.

#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/report/result_file.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <sstream>

using namespace bedrock_cost;
using util::Money;

namespace {

engine::ResultSummary read(const std::string& text) {
  std::istringstream in(text);
  return report::read_result(in, "result.json");
}

// A result of `version` with one workload: its recommendation's members, its options and the total.
std::string result(int version, const std::string& recommendation, const std::string& total,
                   const std::string& options = "[]") {
  return fmt::format(R"({{"schema_version": {}, "generated_by": "bedrock-cost 0.1.0",
    "workloads": [{{"name": "chat", "model": "m", "region": "us-east-1", "options": {},
                   "recommendation": {{{}}}}}],
    "total": {{"recommended_monthly_usd": {}}}}})",
                     version, options, recommendation, total);
}

workload::WorkloadSpec haiku(double input_tpm, double output_tpm) {
  workload::WorkloadSpec s;
  s.model = s.name = "anthropic.claude-3-haiku-20240307-v1:0";
  s.rate = workload::TrafficRate{input_tpm, output_tpm, std::nullopt, 1};
  s.origin = s.model_origin = s.region_origin = "--model";
  return s;
}

// What read_result gives for the JSON of `report`.
engine::ResultSummary round_trip(const engine::CostReport& report) {
  std::stringstream json;
  report::render(report, report::OutputFormat::json, {}, json);
  return report::read_result(json, "result.json");
}

util::Int128 micros(Money m) { return util::divide_rounded(m.atto(), Money::k_atto_per_micro); }

void check_same(const engine::WorkloadSummary& read, const engine::WorkloadSummary& made) {
  CHECK(read.name == made.name);
  CHECK(read.model == made.model);
  CHECK(read.region == made.region);
  CHECK(read.strategy == made.strategy);
  CHECK(read.term == made.term);
  CHECK(read.model_units == made.model_units);
  CHECK(read.reserved_input_tpm == made.reserved_input_tpm);
  CHECK(read.reserved_output_tpm == made.reserved_output_tpm);
  CHECK(read.committed == Money::from_atto(micros(made.committed) * Money::k_atto_per_micro));
  CHECK(read.monthly == Money::from_atto(micros(made.monthly) * Money::k_atto_per_micro));
}

} // namespace

TEST_CASE("a result is read with exact money above $9.2 billion (issue 19)") {
  // Read through an int64 count of 10^-9 USD, this was out of range.
  const auto s = read(
      result(2, R"("strategy": "on_demand", "committed_usd": 0.0, "monthly_usd": 9300000000.12)", "9300000000.12"));
  CHECK(s.total_recommended == Money::parse_usd("9300000000.12"));
  REQUIRE(s.workloads.size() == 1);
  CHECK(s.workloads[0].monthly == Money::parse_usd("9300000000.12"));
  CHECK(read(result(2, R"("strategy": "on_demand", "committed_usd": 0, "monthly_usd": 1)", "1e+19"))
            .total_recommended.atto() == Money::k_max_parsed_atto);
}

TEST_CASE("what estimate writes, read_result reads back as the summary of the report") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c,
                R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-haiku-20240307-v1:0",
    "reserved": [{"regions": ["us-east-1"], "unit": "per_1k_tpm_month", "source": "quote", "as_of": "2026-11-01",
                  "terms": {"3_month": {"input": 4, "output": 25}}}]}]})");
  const engine::CostReport report = engine::estimate(c, {haiku(1'000'000, 200'000), haiku(50, 50)}, {});
  const engine::ResultSummary made = engine::summarize(report);
  const engine::ResultSummary back = round_trip(report);
  REQUIRE(back.workloads.size() == 2);
  check_same(back.workloads[0], made.workloads[0]);
  check_same(back.workloads[1], made.workloads[1]);
  CHECK(made.workloads[0].strategy == engine::Strategy::reserved);
  CHECK(made.workloads[0].reserved_output_tpm == 200'000.0);
  CHECK(made.workloads[0].committed == Money::parse_usd("9000"));
  CHECK(back.total_recommended == made.total_recommended);
}

TEST_CASE("totals past $9.2 trillion are written and read back exactly") {
  // $1,000,000 per 1M tokens at 22,600,000 tokens a minute: $989,880,000,000 a month; ten of them.
  const catalog::Catalog c =
      test::load(test::catalog_with(R"("input": 0.25, "output": 1.25)", R"("input": 1000000, "output": 1000000)"));
  const std::vector<workload::WorkloadSpec> ten(10, haiku(22'600'000, 0));
  const engine::CostReport report = engine::estimate(c, ten, {});
  CHECK(report.total_recommended == Money::parse_usd("9898800000000"));
  CHECK(round_trip(report).total_recommended == report.total_recommended);
}

TEST_CASE("schema 1: the committed cost is the provisioned_usd of the option recommended") {
  const std::string options = R"([
    {"strategy": "on_demand", "term": null, "model_units": null, "provisioned_usd": 0.0},
    {"strategy": "reserved", "term": "1_month", "reserved_input_tpm": 20001.0, "reserved_output_tpm": 5000.0,
     "provisioned_usd": 999.0},
    {"strategy": "reserved", "term": "3_month", "reserved_input_tpm": 20001.0, "reserved_output_tpm": 23001.0,
     "provisioned_usd": 635.25}])";
  // Builds before the Reserved tier's TPM reached the recommendation: taken from the option too.
  const auto s =
      read(result(1, R"("strategy": "reserved", "term": "3_month", "monthly_usd": 700.5)", "700.5", options));
  REQUIRE(s.workloads.size() == 1);
  CHECK(s.workloads[0].committed == Money::parse_usd("635.25"));
  CHECK(s.workloads[0].reserved_input_tpm == 20001.0);
  CHECK(s.workloads[0].reserved_output_tpm == 23001.0);
  CHECK(s.workloads[0].term == "3_month");
  // On-demand commits nothing: no option needed.
  CHECK(read(result(1, R"("strategy": "on_demand", "monthly_usd": 1)", "1")).workloads[0].committed == Money());
}

TEST_CASE("a bad result names the file and the JSON path") {
  const std::string on_demand = R"("strategy": "on_demand", "committed_usd": 0, "monthly_usd": 1)";
  CHECK_THROWS_WITH(read(result(3, on_demand, "1")),
                    "result.json: /schema_version: unsupported schema_version (this build reads 1 and 2)");
  CHECK_THROWS_WITH(read(result(2, R"("strategy": "on_demand", "monthly_usd": 1)", "1")),
                    "result.json: /workloads/0/recommendation/committed_usd: expected an amount in USD");
  CHECK_THROWS_WITH(read(result(1, R"("strategy": "blended", "term": "6_month", "model_units": 2, "monthly_usd": 1)",
                                "1", R"([{"strategy": "blended", "term": "6_month", "model_units": 3}])")),
                    "result.json: /workloads/0/recommendation: no entry of /workloads/0/options is the option "
                    "recommended, so its committed cost is unknown");
  CHECK_THROWS_WITH(read(result(2, R"("strategy": "on_demand", "term": 6, "committed_usd": 0, "monthly_usd": 1)", "1")),
                    "result.json: /workloads/0/recommendation/term: expected a string or null");
  CHECK_THROWS_WITH(
      read(result(2, R"("strategy": "blended", "model_units": 1.5, "committed_usd": 0, "monthly_usd": 1)", "1")),
      "result.json: /workloads/0/recommendation/model_units: expected a whole number or null");
  CHECK_THROWS_WITH(
      read(
          result(2, R"("strategy": "reserved", "reserved_input_tpm": "1", "committed_usd": 0, "monthly_usd": 1)", "1")),
      "result.json: /workloads/0/recommendation/reserved_input_tpm: expected a number or null");
  CHECK_THROWS_WITH(read(result(2, R"("strategy": "spot", "committed_usd": 0, "monthly_usd": 1)", "1")),
                    "result.json: /workloads/0/recommendation/strategy: unknown strategy 'spot' (expected one of: "
                    "on_demand, provisioned, blended, reserved)");
  CHECK_THROWS_WITH(read(result(2, R"("committed_usd": 0, "monthly_usd": 1)", "1")),
                    "result.json: /workloads/0/recommendation/strategy: missing required string");
  CHECK_THROWS_WITH(read(result(2, on_demand, "1e-19")),
                    "result.json: /total/recommended_monthly_usd: '1e-19' is more precise than 18 decimal places");
  CHECK_THROWS_WITH(read(result(2, on_demand, "1.5e19")),
                    "result.json: /total/recommended_monthly_usd: '1.5e+19' is out of range");
}
