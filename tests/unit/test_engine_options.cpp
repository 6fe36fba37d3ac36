// The options, break-even, recommendation and quota check that `estimate` builds on the capacity formulas.

#include "test_helpers.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace bedrock_cost;
using util::Fixed9;

namespace {

const char* const k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

workload::WorkloadSpec spec(double input_tpm, double output_tpm) {
  return test::token_workload(k_haiku, input_tpm, output_tpm);
}

engine::WorkloadResult run(const workload::WorkloadSpec& s, const catalog::Catalog& c,
                           engine::EstimateOptions options = {}) {
  return engine::estimate(c, {s}, options).workloads.at(0);
}

const engine::OptionResult& option(const engine::WorkloadResult& w, engine::Strategy strategy,
                                   const std::string& term) {
  const auto found = std::find_if(w.options.begin(), w.options.end(),
                                  [&](const auto& o) { return o.strategy == strategy && o.term == term; });
  REQUIRE(found != w.options.end());
  return *found;
}

double usd(util::Money m) { return static_cast<double>(m.round_micros()) / 1e6; }

// The test catalog's Haiku: $0.25 / $1.25 per 1M, one Provisioned Throughput term (1 month, $20.50 per MU-hour,
// $14,965 a month).
const catalog::Catalog& haiku_catalog() {
  static const catalog::Catalog c = test::load(test::k_catalog);
  return c;
}

} // namespace

TEST_CASE("with a model-unit capacity every MU term has a provisioned and a blended option") {
  auto s = spec(1'000'000, 200'000); // 10 x 100,000 input and 10 x 20,000 output: 10 MUs, fully used
  s.capacity.mu_input_tpm = Fixed9::parse("100000");
  s.capacity.mu_output_tpm = Fixed9::parse("20000");
  s.capacity.mu_origin = "--mu-input-tpm/--mu-output-tpm";
  const auto w = run(s, haiku_catalog());
  // On-demand: 43,800 x (1,000,000 x 0.25 + 200,000 x 1.25) / 10^6 = $21,900.
  CHECK(usd(w.options.front().monthly) == 21900.0);
  REQUIRE(w.options.size() == 3);
  const auto& provisioned = option(w, engine::Strategy::provisioned, "1_month");
  CHECK(provisioned.model_units == 10);
  CHECK(usd(provisioned.committed) == 149650.0); // 10 x 20.5 x 730
  CHECK(usd(provisioned.term_commitment.value()) == 149650.0);
  CHECK(usd(provisioned.savings_vs_on_demand) == 21900.0 - 149650.0);
  const auto& blended = option(w, engine::Strategy::blended, "1_month");
  CHECK(blended.model_units == 0); // an MU-hour of traffic is worth $3 on-demand against $20.50
  CHECK(w.traffic.peak_model_units == 10);
  REQUIRE(w.break_even.size() == 1);
  CHECK(w.break_even[0].utilization.value() == Approx(20.5 / 3.0));
  CHECK(usd(w.break_even[0].usd_per_model_unit_month) == 14965.0);
  // Blended at N* = 0 costs what on-demand costs: the tie goes to on-demand (no commitment).
  CHECK(w.recommendation.strategy == engine::Strategy::on_demand);
  REQUIRE(w.recommendation.traffic);
  CHECK(w.recommendation.traffic->kind == engine::NoteKind::constant_rate);
  CHECK(w.recommendation.traffic->settings == std::vector{engine::Setting::peak});
}

TEST_CASE("without an MU capacity the break-even throughput is still shown") {
  const auto w = run(spec(1'000'000, 200'000), haiku_catalog());
  REQUIRE(w.options.size() == 1);
  REQUIRE(w.break_even.size() == 1);
  CHECK(!w.break_even[0].utilization);
  // p_mix = $0.5 / 1.2M tokens a minute; 20.5 / (60 x p_mix) = 820,000 tokens a minute.
  CHECK(w.break_even[0].tpm_per_model_unit.value() == Approx(820000.0));
  REQUIRE(w.notes.size() == 1);
  CHECK(w.notes[0].kind == engine::NoteKind::mu_capacity_missing);
  CHECK(w.notes[0].settings == std::vector{engine::Setting::mu_capacity});
}

TEST_CASE("a cheap enough MU is recommended, with what it rests on") {
  auto s = spec(1'000'000, 200'000);
  s.capacity.mu_tpm = Fixed9::parse("1200000"); // one MU carries it all: $21,900 of traffic for $14,965
  s.capacity.mu_origin = "--mu-tpm";
  const auto w = run(s, haiku_catalog());
  CHECK(w.recommendation.strategy == engine::Strategy::provisioned); // equal to blended at N* = 1; listed first
  CHECK(w.recommendation.term == "1_month");
  CHECK(w.recommendation.model_units == 1);
  CHECK(usd(w.recommendation.savings_vs_on_demand) == 21900.0 - 14965.0);
  const auto& a = w.recommendation.assumptions;
  CHECK(std::find(a.begin(), a.end(), "MU capacity 1,200,000 tokens/min per MU (--mu-tpm)") != a.end());
}

TEST_CASE("a fixed number of MUs that throttles is never recommended") {
  auto s = spec(1'000'000, 200'000);
  s.capacity.mu_tpm = Fixed9::parse("600000"); // the traffic needs 2 MUs
  s.capacity.mu_origin = "--mu-tpm";
  s.capacity.model_units = 1;
  const auto w = run(s, haiku_catalog());
  const auto& provisioned = option(w, engine::Strategy::provisioned, "1_month");
  CHECK(provisioned.model_units == 1);
  CHECK(provisioned.throttled_share == Approx(0.5));
  CHECK_FALSE(provisioned.comparable); // it serves half the traffic: its cost compares with nothing
  CHECK(option(w, engine::Strategy::blended, "1_month").comparable);
  CHECK(w.options.front().comparable);
  CHECK(w.recommendation.strategy != engine::Strategy::provisioned);
}

TEST_CASE("with headroom the traffic says how many MUs provisioned buys, beyond what the peak needs") {
  auto s = spec(1'000'000, 200'000);
  s.capacity.mu_tpm = Fixed9::parse("200000"); // the peak needs 6 MUs; 10% more is 6.6, so 7
  s.capacity.mu_origin = "--mu-tpm";
  engine::EstimateOptions options;
  options.headroom = Fixed9::parse("0.1");
  const auto w = run(s, haiku_catalog(), options);
  CHECK(w.traffic.peak_model_units == 6);
  CHECK(w.traffic.model_units_with_headroom == 7);
  CHECK(w.traffic.headroom == Fixed9::parse("0.1"));
  CHECK(option(w, engine::Strategy::provisioned, "1_month").model_units == 7);
  CHECK_FALSE(run(s, haiku_catalog()).traffic.model_units_with_headroom); // none without headroom
}

TEST_CASE("a commitment lists what it buys: MU-hours, or thousands of reserved TPM, at the term's price") {
  auto s = spec(1'000'000, 200'000);
  s.capacity.mu_tpm = Fixed9::parse("600000");
  s.capacity.mu_origin = "--mu-tpm";
  // Below the on-demand value of a reserved TPM-month ($10.95 per 1K input, $54.75 per 1K output): worth reserving.
  s.capacity.reserved["3_month"] = {Fixed9::parse("5"), Fixed9::parse("25")};
  s.capacity.reserved_origin = "--reserved-input-price/--reserved-output-price";
  const auto w = run(s, haiku_catalog());
  const auto& provisioned = option(w, engine::Strategy::provisioned, "1_month");
  REQUIRE(provisioned.commitment_lines.size() == 1);
  const engine::CommitmentLine& mu = provisioned.commitment_lines[0];
  CHECK(mu.unit == "MU-hours");
  CHECK(mu.quantity == Fixed9::parse("1460")); // 2 MUs x 730 hours
  CHECK(mu.usd_per_unit == Fixed9::parse("20.5"));
  CHECK(mu.monthly == provisioned.committed);
  CHECK(option(w, engine::Strategy::blended, "1_month").commitment_lines.empty()); // N* = 0: nothing bought
  const auto& reserved = option(w, engine::Strategy::reserved, "3_month");
  REQUIRE(reserved.commitment_lines.size() == 2);
  CHECK(reserved.commitment_lines[0].unit == "1K input TPM-months");
  CHECK(reserved.commitment_lines[0].quantity == Fixed9::parse("1000")); // the constant 1,000,000 input TPM
  CHECK(reserved.commitment_lines[0].usd_per_unit == Fixed9::parse("5"));
  CHECK(reserved.commitment_lines[1].unit == "1K output TPM-months");
  CHECK(reserved.commitment_lines[1].quantity == Fixed9::parse("200"));
  CHECK(reserved.commitment_lines[0].monthly + reserved.commitment_lines[1].monthly == reserved.committed);
  CHECK(usd(reserved.committed) == 5'000.0 + 5'000.0);
}

TEST_CASE("the term filter (--term) keeps only the terms asked for") {
  auto s = spec(1000, 100);
  engine::EstimateOptions options;
  options.terms = {"6_month"};
  const auto w = run(s, haiku_catalog(), options);
  CHECK(w.options.size() == 1);
  CHECK(w.break_even.empty());
  REQUIRE(w.notes.size() == 1);
  CHECK(w.notes[0].kind == engine::NoteKind::text);
  CHECK(w.notes[0].text == "No price for the term 6_month for anthropic.claude-3-haiku-20240307-v1:0 in us-east-1.");
}

TEST_CASE("Reserved prices from an overlay give a reserved option per term") {
  catalog::Catalog c = haiku_catalog();
  test::overlay(c,
                R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-haiku-20240307-v1:0",
    "reserved": [{"regions": ["us-east-1"], "unit": "per_1k_tpm_month", "source": "quote", "as_of": "2026-11-01",
                  "terms": {"1_month": {"input": 5, "output": 30}, "3_month": {"input": 4, "output": 25}}}]}]})");
  const auto w = run(spec(1'000'000, 200'000), c);
  const auto& one = option(w, engine::Strategy::reserved, "1_month");
  // Flat traffic: reserve it all. 1,000 x $5 + 200 x $30 = $11,000 a month against $21,900 on-demand.
  CHECK(one.reserved_input_tpm == 1'000'000.0);
  CHECK(one.reserved_output_tpm == 200'000.0);
  CHECK(usd(one.monthly) == 11000.0);
  CHECK(usd(option(w, engine::Strategy::reserved, "3_month").monthly) == 9000.0);
  CHECK(usd(option(w, engine::Strategy::reserved, "3_month").term_commitment.value()) == 27000.0);
  CHECK(w.recommendation.strategy == engine::Strategy::reserved);
  CHECK(w.recommendation.term == "3_month");
}

TEST_CASE("the quota check weighs output tokens by the burndown factor") {
  const catalog::Catalog c = catalog::embedded_catalog();
  // Claude 3 Haiku in us-east-1: 2,000,000 TPM by default.
  CHECK(run(spec(1'500'000, 400'000), c).warnings.empty());
  const auto over = run(spec(1'700'000, 400'000), c);
  REQUIRE(over.warnings.size() == 1);
  CHECK(over.warnings[0].starts_with("anthropic.claude-3-haiku-20240307-v1:0: peak on-demand traffic of 2,100,000 "
                                     "tokens/min exceeds the default quota of 2,000,000 tokens/min in us-east-1"));
  // With a burndown factor of 5, each output token counts 5 times against the quota.
  catalog::Catalog burning = c;
  test::overlay(burning,
                R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-haiku-20240307-v1:0",
    "output_burndown": {"value": 5, "source": "test", "as_of": "2026"}}]})");
  CHECK(run(spec(1'000'000, 200'000), burning).warnings.empty()); // exactly 2,000,000
  const auto burnt = run(spec(1'000'000, 250'000), burning);
  REQUIRE(burnt.warnings.size() == 1);
  CHECK(burnt.warnings[0].find("2,250,000 tokens/min (output tokens counted 5x) exceeds") != std::string::npos);
}

TEST_CASE("cache reads do not count against the TPM quota (review fix)") {
  catalog::Catalog c = catalog::embedded_catalog();
  test::overlay(
      c, R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-5-haiku-20241022-v1:0",
    "quotas": [{"regions": ["us-east-1"], "tpm": 1000000, "source": "test", "as_of": "2026"}]}]})");
  auto s = spec(0, 0);
  s.model = "anthropic.claude-3-5-haiku-20241022-v1:0";
  s.rate = workload::rate_from_tpm(1'500'000, 0.75);
  s.cache_read_share = 0.9;
  // Counted: 112,500 input + 375,000 output = 487,500 (the 1,012,500 cache reads are not).
  CHECK(run(s, c).warnings.empty());
  s.cache_read_share = 0;
  REQUIRE(run(s, c).warnings.size() == 1);
}

TEST_CASE("a 10-year term of an absurd commitment is refused with no overflow on the way (issue 19)") {
  catalog::Catalog c = haiku_catalog();
  test::overlay(c,
                R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-haiku-20240307-v1:0",
    "provisioned": [{"regions": ["us-east-1"], "unit": "per_mu_hour", "terms": {"10_year": 9000000000},
                     "source": "typo", "as_of": "2026-11-01"}]}]})");
  auto s = spec(750, 250);
  s.capacity.mu_tpm = Fixed9::parse("100000");
  s.capacity.mu_origin = "--mu-tpm";
  s.capacity.model_units = 1'000'000;
  engine::EstimateOptions options;
  options.terms = {"10_year"};
  // 1,000,000 MUs x $9 billion x 730 hours = $6.57 x 10^18 a month; times 120 months it passed 2^127 (undefined
  // behaviour, before a later check refused the month).
  CHECK_THROWS_WITH(run(s, c, options), "--model: the provisioned option comes to more than $1 trillion a month; "
                                        "check the traffic, the prices and the MU capacity");
}

TEST_CASE("the recommendation carries the committed part of the option it chose") {
  catalog::Catalog c = haiku_catalog();
  test::overlay(c,
                R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-haiku-20240307-v1:0",
    "reserved": [{"regions": ["us-east-1"], "unit": "per_1k_tpm_month", "source": "quote", "as_of": "2026-11-01",
                  "terms": {"3_month": {"input": 4, "output": 25}}}]}]})");
  const auto w = run(spec(1'000'000, 200'000), c);
  REQUIRE(w.recommendation.strategy == engine::Strategy::reserved);
  CHECK(usd(w.recommendation.committed) == 9000.0);                                           // 1,000 x $4 + 200 x $25
  CHECK(usd(run(spec(1'000'000, 200'000), haiku_catalog()).recommendation.committed) == 0.0); // on-demand
}

TEST_CASE("an MU capacity too small for the traffic is an InputError naming where the capacity came from") {
  auto s = spec(1'000'000, 200'000); // 1,200,000 tokens a minute at 1 token per MU: 1,200,000 MUs
  s.capacity.mu_tpm = Fixed9::parse("1");
  s.capacity.mu_origin = "--mu-tpm";
  CHECK_THROWS_AS(run(s, haiku_catalog()), InputError);
  CHECK_THROWS_WITH(run(s, haiku_catalog()), "MU capacity 1 tokens/min per MU (--mu-tpm): the traffic needs more than "
                                             "1,000,000 model units at this MU capacity");
}
