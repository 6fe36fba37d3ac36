// A model's lifecycle (AWS, "Model lifecycle"): judged on the estimate's date, warned with its dates, priced at the
// extended-access price where the catalog has one, and no new Provisioned Throughput from the catalog once Legacy.

#include "test_helpers.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace bedrock_cost;

namespace {

// The in-process CLI tests (test_cli*.cpp) run on 2026-01-15, before any model they use became Legacy, so that
// their reports show what they test; the lifecycle's own CLI tests give --date, and the golden tests run on
// 2026-12-07 (tests/golden/run_case.sh).
const bool k_cli_date_set = (setenv("BEDROCK_COST_TODAY", "2026-01-15", 1) == 0);

// Old Model: $1 / $2 per 1M in us-east-1 and eu-west-1, $2 / $4 in extended access (us-east-1, in-Region only),
// $0.50 / $1 through the global. profile (no extended-access price), 1-month PT at
// $10 per MU-hour (100,000 tokens a minute per MU); Legacy in us-east-1 from 2026-01-01, extended access from
// 2026-04-01, end of life 2026-07-01; in every other Region Legacy from the card's date (2026-02-01) with end of life
// 2027-03-30.
const char* const k_lifecycle_catalog = R"({
  "schema_version": 1, "as_of": "2026-01-01", "source": "test catalog",
  "models": [
    { "id": "x.old-model", "name": "Old Model", "provider": "X",
      "on_demand": [
        { "regions": ["us-east-1", "eu-west-1"], "unit": "per_1m_tokens", "input": 1.0, "output": 2.0,
          "source": "page", "as_of": "2026-01-01" },
        { "regions": ["us-east-1"], "variant": "extended_access", "unit": "per_1m_tokens", "input": 2.0,
          "output": 4.0, "source": "extended page", "as_of": "2026-03-01" },
        { "profile": "global", "unit": "per_1m_tokens", "input": 0.5, "output": 1.0, "source": "page",
          "as_of": "2026-01-01" }
      ],
      "provisioned": [
        { "regions": ["us-east-1", "eu-west-1"], "unit": "per_mu_hour", "terms": { "1_month": 10 },
          "source": "page", "as_of": "2026-01-01" }
      ],
      "mu_capacity": { "tpm": 100000, "source": "quote", "as_of": "2026-01-01" },
      "lifecycle": [
        { "end_of_life": "2027-03-30", "source": "card", "as_of": "2026-02-01" },
        { "regions": ["us-east-1"], "legacy": "2026-01-01", "extended_access": "2026-04-01",
          "end_of_life": "2026-07-01", "source": "lifecycle page", "as_of": "2026-12-07" }
      ] }
  ]
})";

const catalog::Catalog& lifecycle_catalog() {
  static const catalog::Catalog c = test::load(k_lifecycle_catalog);
  return c;
}

// 1,000 input and 1,000 output tokens a minute from `region` on `today`: 43,800,000 of each a month.
engine::WorkloadResult run_on(const std::string& today, const std::string& region = "us-east-1",
                              const catalog::Catalog& c = lifecycle_catalog(),
                              const std::string& model = "x.old-model") {
  auto spec = test::token_workload(model, 1000, 1000);
  spec.region = region;
  engine::EstimateOptions options;
  options.today = today;
  return engine::estimate(c, {spec}, options).workloads.at(0);
}

double usd(util::Money m) { return static_cast<double>(m.round_micros()) / 1e6; }

bool has_provisioned(const engine::WorkloadResult& w) {
  return std::any_of(w.options.begin(), w.options.end(),
                     [](const auto& o) { return o.strategy == engine::Strategy::provisioned; });
}

} // namespace

TEST_CASE("before its legacy date a model is Active: no warning, the catalog's Provisioned Throughput is priced") {
  REQUIRE(k_cli_date_set);
  const auto w = run_on("2025-12-31");
  CHECK(!w.lifecycle);
  CHECK(w.warnings.empty());
  CHECK(has_provisioned(w));
  CHECK(usd(w.options.front().monthly) == 131.4); // 43.8 x (1 + 2)
}

TEST_CASE("without a date the lifecycle is not judged") {
  const auto w = run_on("");
  CHECK(!w.lifecycle);
  CHECK(has_provisioned(w));
}

TEST_CASE("a Legacy model is warned with its dates and its catalog Provisioned Throughput is not priced") {
  const auto w = run_on("2026-01-01");
  REQUIRE(w.lifecycle);
  CHECK(w.lifecycle->phase == "legacy");
  CHECK(w.lifecycle->legacy == "2026-01-01");
  CHECK(w.lifecycle->extended_access == "2026-04-01");
  CHECK(w.lifecycle->end_of_life == "2026-07-01");
  CHECK(!w.lifecycle->extended_access_price);
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0] ==
        "--model: Old Model (x.old-model) is Legacy in us-east-1 since 2026-01-01 (lifecycle page; catalog.json, as "
        "of 2026-12-07): extended access (prices may rise) from 2026-04-01, end of life 2026-07-01, when requests "
        "start to fail; AWS sells no new Provisioned Throughput for a Legacy model, so only a quote of yours (a price "
        "overlay) prices it");
  CHECK(!has_provisioned(w));
  CHECK(w.options.size() == 1);
  CHECK(usd(w.options.front().monthly) == 131.4); // still the standard price
  CHECK(w.notes.empty());                         // no "add your quote for Provisioned Throughput" beside the warning
}

TEST_CASE("in extended access the catalog's extended-access price is used") {
  const auto w = run_on("2026-04-01");
  REQUIRE(w.lifecycle);
  CHECK(w.lifecycle->phase == "extended_access");
  CHECK(w.lifecycle->extended_access_price);
  CHECK(usd(w.options.front().monthly) == 262.8); // 43.8 x (2 + 4)
  REQUIRE(w.on_demand_lines.size() == 2);
  CHECK(w.on_demand_lines[0].provenance.source == "extended page");
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0] ==
        "--model: Old Model (x.old-model) is in extended access in us-east-1 since 2026-04-01, end of life "
        "2026-07-01 (lifecycle page; catalog.json, as of 2026-12-07): priced at its extended-access price; AWS sells "
        "no new Provisioned Throughput for a Legacy model, so only a quote of yours (a price overlay) prices it");
}

TEST_CASE("a profile request in extended access never takes the in-Region extended-access price (review fix)") {
  const auto w = run_on("2026-04-01", "us-east-1", lifecycle_catalog(), "global.x.old-model");
  REQUIRE(w.lifecycle);
  CHECK(w.lifecycle->phase == "extended_access");
  CHECK(!w.lifecycle->extended_access_price);
  CHECK(usd(w.options.front().monthly) == 65.7); // 43.8 x (0.5 + 1): the global row, not $2 / $4
  REQUIRE(w.warnings.size() == 1);
  CHECK_THAT(w.warnings[0], Catch::Contains("none is published: priced at the standard price"));
}

TEST_CASE("in extended access without a published price the standard price is used and the warning says so") {
  const auto c = test::load(
      std::string(k_lifecycle_catalog)
          .replace(std::string(k_lifecycle_catalog).find("\"extended_access\", \"unit\""), 17, "\"priority\""));
  const auto w = run_on("2026-05-01", "us-east-1", c);
  REQUIRE(w.lifecycle);
  CHECK(!w.lifecycle->extended_access_price);
  CHECK(usd(w.options.front().monthly) == 131.4);
  REQUIRE(w.warnings.size() == 1);
  CHECK_THAT(w.warnings[0], Catch::Contains("AWS says to expect higher prices then, set by the provider, and none is "
                                            "published: priced at the standard price, so the real cost is likely "
                                            "higher"));
}

TEST_CASE("past its end of life a model is warned that requests fail") {
  const auto w = run_on("2026-07-01");
  REQUIRE(w.lifecycle);
  CHECK(w.lifecycle->phase == "end_of_life");
  REQUIRE(w.warnings.size() == 1);
  CHECK(w.warnings[0] ==
        "--model: Old Model (x.old-model) reached its end of life in us-east-1 on 2026-07-01 (lifecycle page; "
        "catalog.json, as of 2026-12-07): requests to it fail, so this prices traffic Bedrock no longer serves, and "
        "only a quote of yours (a price overlay) prices Provisioned Throughput; move to an Active model");
  CHECK(!has_provisioned(w));
}

TEST_CASE("a row without Regions applies where no row names the Region, Legacy from its source's date") {
  CHECK(!run_on("2026-01-31", "eu-west-1").lifecycle);
  const auto w = run_on("2026-02-01", "eu-west-1");
  REQUIRE(w.lifecycle);
  CHECK(w.lifecycle->phase == "legacy");
  CHECK(w.lifecycle->legacy.empty());
  CHECK(w.lifecycle->end_of_life == "2027-03-30");
  REQUIRE(w.warnings.size() == 1);
  CHECK_THAT(w.warnings[0], Catch::StartsWith("--model: Old Model (x.old-model) is Legacy in eu-west-1 (card; "
                                              "catalog.json, as of 2026-02-01): end of life 2027-03-30, when"));
}

TEST_CASE("a Provisioned Throughput price from the user's quote is still priced for a Legacy model") {
  catalog::Catalog c = test::load(k_lifecycle_catalog);
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "x.old-model", "provisioned": [
      {"regions": ["us-east-1"], "unit": "per_mu_hour", "terms": {"6_month": 8}, "source": "our quote",
       "as_of": "2026-05-01"}]}]})");
  const auto w = run_on("2026-05-01", "us-east-1", c);
  REQUIRE(w.lifecycle);
  std::vector<std::string> terms;
  for (const auto& o : w.options) {
    if (o.strategy == engine::Strategy::provisioned) {
      terms.push_back(*o.term);
    }
  }
  CHECK(terms == std::vector<std::string>{"6_month"}); // the quote's term, not the catalog's 1_month
}

TEST_CASE("lifecycle rows are checked when the catalog is read") {
  const auto with = [](const std::string& row) {
    std::string text = k_lifecycle_catalog;
    const std::string from = R"({ "end_of_life": "2027-03-30", "source": "card", "as_of": "2026-02-01" })";
    return test::load(text.replace(text.find(from), from.size(), row));
  };
  CHECK_THROWS_WITH(
      with(R"({ "legacy": "2026-05-01", "end_of_life": "2026-03-01", "source": "s", "as_of": "2026-01-01" })"),
      "catalog.json: /models/0/lifecycle/0/end_of_life: 2026-03-01 is before the legacy date 2026-05-01");
  CHECK_THROWS_WITH(with(R"({ "end_of_life": "2026-03", "source": "s", "as_of": "2026-01-01" })"),
                    "catalog.json: /models/0/lifecycle/0/end_of_life: expected a full date YYYY-MM-DD, got '2026-03'");
  CHECK_THROWS_WITH(with(R"({ "legacy": "2026-01-01", "source": "s", "as_of": "2026-01-01" })"),
                    Catch::StartsWith("catalog.json: /models/0/lifecycle/0/end_of_life: "));
}

TEST_CASE("estimate --date judges the lifecycle on that day; a bad date or BEDROCK_COST_TODAY is refused") {
  const std::vector<std::string> base = {"estimate", "--model", "anthropic.claude-3-haiku-20240307-v1:0", "--tpm",
                                         "1000"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return test::run_cli(args);
  };
  CHECK(with({"--date", "2026-03-09"}).err.empty());
  const auto eol = with({"--date", "2026-09-10"});
  CHECK(eol.code == 0);
  CHECK_THAT(eol.err, Catch::Contains("reached its end of life in us-east-1 on 2026-09-10"));
  const auto bad = with({"--date", "2026-9-10"});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("expected a date YYYY-MM-DD, got '2026-9-10'"));
  setenv("BEDROCK_COST_TODAY", "tomorrow", 1);
  const auto env = test::run_cli(base);
  setenv("BEDROCK_COST_TODAY", "2026-01-15", 1);
  CHECK(env.code == 2);
  CHECK(env.err == "bedrock-cost: error: BEDROCK_COST_TODAY: expected a date YYYY-MM-DD, got 'tomorrow'\n");
}

TEST_CASE("downloaded prices published before the catalog they override are warned about (review fix)") {
  catalog::Catalog c = test::load(k_lifecycle_catalog); // as of 2026-01-01
  c.price_list = catalog::PriceListDownload{"2026-12-07T10:00:00Z",
                                            {{"AmazonBedrock", "20251201000000", "2025-12-01", "u1"},
                                             {"AmazonBedrockFoundationModels", "v", "2025-11-01", "u2"}},
                                            "prices-overlay.json"};
  const auto spec = test::token_workload("x.old-model", 1000, 1000);
  const auto stale = engine::estimate(c, {spec}, {});
  REQUIRE(stale.warnings.size() == 1);
  CHECK(stale.warnings[0] ==
        "the AWS Price List 'catalog update' downloaded (published 2025-12-01) is older than the catalog it overrides "
        "(as of 2026-01-01), and its prices replace the newer ones: run 'bedrock-cost catalog update' again, or pass "
        "--offline to leave it out");
  c.price_list->offers[1].publication_date = "2026-01-01";
  CHECK(engine::estimate(c, {spec}, {}).warnings.empty());
}
