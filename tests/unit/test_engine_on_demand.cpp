#include "test_helpers.hpp"

#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/report/notes.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace bedrock_cost;
using util::Fixed9;

namespace {

workload::WorkloadSpec spec(const std::string& model, double input_tpm, double output_tpm) {
  workload::WorkloadSpec s;
  s.model = model;
  s.name = model;
  s.rate = workload::TrafficRate{input_tpm, output_tpm, std::nullopt, 1};
  s.origin = "--model";
  s.model_origin = "--model";
  s.region_origin = "--model";
  return s;
}

engine::CostReport run(const std::vector<workload::WorkloadSpec>& specs, const char* hours = "730") {
  static const catalog::Catalog c = test::load(test::k_catalog);
  engine::EstimateOptions options;
  options.hours_per_month = Fixed9::parse(hours);
  return engine::estimate(c, specs, options);
}

constexpr const char* k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

// The gap of a workload the catalog cannot price, which run() throws as an UnpricedWorkload.
engine::PriceGap gap_of(const workload::WorkloadSpec& s) {
  try {
    run({s});
  } catch (const engine::UnpricedWorkload& e) {
    return e.gap();
  }
  FAIL("no UnpricedWorkload");
  return {};
}

} // namespace

TEST_CASE("on-demand: 1,000,000 input + 300,000 output tokens a month on Claude 3 Haiku = $0.625") {
  // One bucket spanning the whole 730-hour month (43,800 minutes), so k = M / S = 1.
  workload::TrafficProfile profile;
  profile.bucket_minutes = 43'800;
  profile.buckets.push_back(workload::Bucket{1'000'000'000, 300'000'000, 0, 0, 0, 0, 0});
  const catalog::Catalog c = test::load(test::k_catalog);
  const auto* row = catalog::find_on_demand(*c.find(k_haiku), "us-east-1", std::nullopt);
  REQUIRE(row != nullptr);
  const auto lines = engine::on_demand_lines(*row, profile, engine::EstimateOptions{}, spec(k_haiku, 0, 0));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].monthly == util::Money::from_usd(Fixed9::parse("0.25")));
  CHECK(lines[1].monthly == util::Money::from_usd(Fixed9::parse("0.375")));
  CHECK((lines[0].monthly + lines[1].monthly) == util::Money::from_usd(Fixed9::parse("0.625")));
  CHECK(lines[0].tokens_per_month == 1'000'000.0);
}

TEST_CASE("on-demand: 50,000 TPM at 75% input on Claude 3 Haiku = $1,095.00 a month") {
  const auto report = run({spec(k_haiku, 37'500, 12'500)});
  const auto& w = report.workloads.at(0);
  REQUIRE(w.on_demand_lines.size() == 2);
  CHECK(w.on_demand_lines[0].monthly == util::Money::from_usd(Fixed9::parse("410.625")));
  CHECK(w.on_demand_lines[1].monthly == util::Money::from_usd(Fixed9::parse("684.375")));
  CHECK(w.options[0].monthly == util::Money::from_usd(Fixed9::parse("1095")));
  CHECK(w.traffic.input_tokens_per_month == 1'642'500'000.0);
  CHECK(w.traffic.output_tokens_per_month == 547'500'000.0);
  CHECK(w.traffic.avg_tpm == 50'000.0);
  CHECK(w.recommendation.strategy == engine::Strategy::on_demand);
  CHECK(w.recommendation.monthly == w.options[0].monthly);
}

TEST_CASE("the month length scales linearly") {
  const auto month_720 = run({spec(k_haiku, 37'500, 12'500)}, "720");
  CHECK(month_720.total_on_demand == util::Money::from_usd(Fixed9::parse("1080"))); // 43,200 min x $0.025
}

TEST_CASE("batch shares use batch prices; missing prices are errors") {
  auto s = spec(k_haiku, 1'000, 1'000);
  s.batch_share = 1;
  const auto report = run({s});
  // 43.8M batch input x 0.125 + 43.8M batch output x 0.625 = 5.475 + 27.375
  CHECK(report.total_on_demand == util::Money::from_usd(Fixed9::parse("32.85")));
  auto cached = spec(k_haiku, 1'000, 0);
  cached.cache_read_share = 0.5;
  // The engine says what is missing; the report adds what to do, naming the setting as the input gives it.
  CHECK_THROWS_WITH(run({cached}), "--model: 'anthropic.claude-3-haiku-20240307-v1:0' has no on-demand cache_read "
                                   "price in us-east-1 (AWS lists no prompt-caching price for it here)");
  CHECK(gap_of(cached).remedy == engine::Remedy::drop_cache_share);
  CHECK(
      report::gap_message(gap_of(cached)) ==
      "--model: 'anthropic.claude-3-haiku-20240307-v1:0' has no on-demand cache_read price in us-east-1 (AWS lists no "
      "prompt-caching price for it here; drop the cache share or add the price with --prices)");
  const auto embedding = spec("amazon.titan-embed-text-v2:0", 10, 1);
  CHECK_THROWS_AS(run({embedding}), UnpricedError);
  CHECK(gap_of(embedding).remedy == engine::Remedy::input_only);
  CHECK(report::gap_message(gap_of(embedding)) ==
        "--model: 'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1 (an embedding model? give "
        "only input tokens, e.g. --input-share 1)");
}

TEST_CASE("Regions and profiles pick their prices") {
  auto eu = spec(k_haiku, 1'000, 0);
  eu.region = "eu-central-1"; // priced per 1K tokens in the catalog: same 0.25 per 1M
  CHECK(run({eu}).total_on_demand == util::Money::from_usd(Fixed9::parse("10.95")));
  CHECK(run({spec("global.anthropic.claude-sonnet-4-5-20250929-v1:0", 1'000, 0)}).total_on_demand ==
        util::Money::from_usd(Fixed9::parse("131.4"))); // 43.8M x 3.0
  CHECK(run({spec("us.anthropic.claude-sonnet-4-5-20250929-v1:0", 1'000, 0)}).total_on_demand ==
        util::Money::from_usd(Fixed9::parse("144.54"))); // 43.8M x 3.3
  auto nowhere = spec("anthropic.claude-sonnet-4-5-20250929-v1:0", 1, 1);
  nowhere.region = "eu-west-1";
  CHECK_THROWS_WITH(run({nowhere}),
                    "--model: no on-demand price for 'anthropic.claude-sonnet-4-5-20250929-v1:0' in eu-west-1 (the "
                    "catalog prices it in: global. profile, us-east-1, us-west-2)");
  CHECK(report::gap_message(gap_of(nowhere)) ==
        "--model: no on-demand price for 'anthropic.claude-sonnet-4-5-20250929-v1:0' in eu-west-1 (the catalog prices "
        "it in: global. profile, us-east-1, us-west-2; add your own with --prices)");
  CHECK_THROWS_WITH(run({spec("anthropic.claude-3-haiku", 1, 1)}),
                    Catch::StartsWith("--model: unknown model 'anthropic.claude-3-haiku' (did you mean "));
}

TEST_CASE("a geographic profile is priced only from a Region of its geography") {
  // eu. from the default Region, us-east-1: once priced at us-east-1's rate without a word.
  const auto eu_from_default = spec("eu.anthropic.claude-3-haiku-20240307-v1:0", 1'000, 0);
  const engine::PriceGap gap = gap_of(eu_from_default);
  CHECK(gap.remedy == engine::Remedy::source_region);
  CHECK(report::gap_message(gap) == "--model: the eu. profile takes requests sent from European Regions (eu-…), not "
                                    "from us-east-1, the default Region (give the Region the requests are sent from "
                                    "with --region)");
  auto eu = eu_from_default;
  eu.region = "eu-central-1";
  eu.region_given = true;
  CHECK(run({eu}).total_on_demand == util::Money::from_usd(Fixed9::parse("10.95"))); // 43.8M x 0.25
  // From a workload file, the remedy names its key.
  auto file = eu_from_default;
  file.region = "ap-northeast-1";
  file.region_given = true;
  file.region_origin = "w.json: /workloads/0/region";
  engine::EstimateOptions from_file;
  from_file.input_form = engine::InputForm::workload_file;
  try {
    engine::estimate(test::load(test::k_catalog), {file}, from_file);
    FAIL("priced");
  } catch (const engine::UnpricedWorkload& e) {
    CHECK(report::gap_message(e.gap()) == "w.json: /workloads/0/region: the eu. profile takes requests sent from "
                                          "European Regions (eu-…), not from ap-northeast-1 (give the workload's "
                                          "region, the Region its requests are sent from)");
  }
}

TEST_CASE("an ARN's Region wins over a Region given, with a warning") {
  auto s = spec("arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", 1'000, 0);
  s.region = "eu-central-1";
  s.region_given = true;
  s.region_origin = "--region";
  const auto report = run({s});
  const auto& w = report.workloads.at(0);
  CHECK(w.region == "us-west-2");
  CHECK(w.warnings == std::vector<std::string>{
                          "--model: the ARN names Region us-west-2, so the Region eu-central-1 given is not used"});
  s.region_given = false; // the default Region: no warning
  CHECK(run({s}).workloads.at(0).warnings.empty());
}

TEST_CASE("errors point at the model or the Region where they were given") {
  auto s = spec("anthropic.claude-sonnet-4-5-20250929-v1:0", 1, 1);
  s.region = "eu-west-1";
  s.region_origin = "w.json: /workloads/0/region";
  s.model_origin = "w.json: /workloads/0/model";
  CHECK_THROWS_WITH(run({s}), Catch::StartsWith("w.json: /workloads/0/region: no on-demand price for"));
  s.model = "no.such-model";
  CHECK_THROWS_WITH(run({s}), Catch::StartsWith("w.json: /workloads/0/model: unknown model 'no.such-model'"));
}

TEST_CASE("character-priced rows are kept apart and never priced as tokens") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku", "on_demand": [ { "regions": ["us-east-1"], "unit": "per_1k_characters", "input": 0.15,
      "source": "q", "as_of": "2026" } ] } ]})");
  const catalog::Model& haiku = *c.find("claude-3-haiku");
  const auto* row = catalog::find_on_demand(haiku, "us-east-1", std::nullopt);
  REQUIRE(row != nullptr);
  CHECK(row->unit == catalog::PriceUnit::per_1m_tokens);
  CHECK(row->price(catalog::Dimension::input)->value == Fixed9::parse("0.25")); // the token row is untouched
  const auto characters = std::find_if(haiku.on_demand.begin(), haiku.on_demand.end(),
                                       [](const auto& r) { return r.unit == catalog::PriceUnit::per_1k_characters; });
  REQUIRE(characters != haiku.on_demand.end());
  workload::TrafficProfile profile;
  profile.buckets.push_back(workload::Bucket{1'000, 0, 0, 0, 0, 0, 0});
  CHECK_THROWS_WITH(engine::on_demand_lines(*characters, profile, engine::EstimateOptions{}, spec(k_haiku, 1, 0)),
                    "--model: 'anthropic.claude-3-haiku-20240307-v1:0' is priced per 1K characters in the catalog; "
                    "bedrock-cost estimates token traffic");
}

TEST_CASE("a portfolio total is the sum of its workloads") {
  const auto report = run({spec(k_haiku, 37'500, 12'500), spec("amazon.titan-embed-text-v2:0", 1'000, 0)});
  CHECK(report.workloads.size() == 2);
  CHECK(report.total_on_demand == report.workloads[0].options[0].monthly + report.workloads[1].options[0].monthly);
  CHECK(report.total_recommended == report.total_on_demand);
}

TEST_CASE("zero traffic costs nothing") {
  const auto report = run({spec(k_haiku, 0, 0)});
  CHECK(report.total_on_demand == util::Money{});
  CHECK(report.workloads[0].on_demand_lines.empty());
}

TEST_CASE("the engine rejects an MU capacity or a profile that the readers never pass it") {
  // The command line and the catalog reader reject these first; a library caller gets the same kind of error.
  auto s = spec(k_haiku, 100'000, 10'000);
  s.capacity.mu_tpm = Fixed9::parse("0");
  s.capacity.mu_origin = "--mu-tpm";
  CHECK_THROWS_WITH(run({s}),
                    "--mu-tpm: the MU capacity of 'anthropic.claude-3-haiku-20240307-v1:0' must be more than 0 "
                    "tokens per minute");
  s.capacity.mu_tpm.reset();
  s.capacity.mu_input_tpm = Fixed9::parse("100000");
  s.capacity.mu_origin = "--mu-input-tpm";
  CHECK_THROWS_WITH(run({s}), "--mu-input-tpm: the MU capacity of 'anthropic.claude-3-haiku-20240307-v1:0' needs both "
                              "input and output tokens per minute, or one combined figure");
  auto empty = spec(k_haiku, 0, 0);
  empty.series = std::make_shared<const workload::TrafficProfile>();
  CHECK_THROWS_WITH(run({empty}), "--model: no traffic to price (the usage covers no time)");
}
