// The on-demand quota check (DESIGN.md section 3): the route's quota in the workload's Region, the user's own
// quotas before the catalog's defaults, output tokens weighted by the burndown factor.

#include "test_helpers.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/notes.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost;
using util::Fixed9;

namespace {

const char* const k_sonnet4 = "anthropic.claude-sonnet-4-20250514-v1:0";
const char* const k_default_source =
    "AWS Service Quotas defaults in the General Reference; embedded catalog, as of 2025-06-05";
const char* const k_throttled = ": on-demand alone would be throttled unless the quota is raised";

workload::WorkloadSpec spec(const std::string& model, double input_tpm, double output_tpm) {
  return test::token_workload(model, input_tpm, output_tpm);
}

std::vector<std::string> warnings(const workload::WorkloadSpec& s,
                                  const catalog::Catalog& c = catalog::embedded_catalog()) {
  return engine::estimate(c, {s}, {}).workloads.at(0).warnings;
}

std::string sonnet4_message(const std::string& peak, const std::string& quota, const std::string& where) {
  return std::string(k_sonnet4) + ": peak on-demand traffic of " + peak +
         " tokens/min (output tokens counted 5x) exceeds " + quota + " tokens/min in us-east-1 (" + where + ")" +
         k_throttled;
}

} // namespace

TEST_CASE("the embedded catalog holds the 2025-06-05 AWS defaults per route and the 5x burndown") {
  const catalog::Catalog& c = catalog::embedded_catalog();
  const catalog::Model* sonnet4 = c.find(k_sonnet4);
  REQUIRE(sonnet4 != nullptr);
  CHECK(catalog::find_quota(*sonnet4, "us-east-1", catalog::QuotaScope::in_region) == nullptr);
  const catalog::QuotaRow* cross = catalog::find_quota(*sonnet4, "us-east-1", catalog::QuotaScope::cross_region);
  REQUIRE(cross != nullptr);
  CHECK(cross->tpm->value == Fixed9::parse("200000"));
  CHECK(cross->rpm->value == Fixed9::parse("200"));
  CHECK(cross->tpm->provenance.as_of == "2025-06-05");
  const catalog::Model* haiku = c.find("anthropic.claude-3-haiku-20240307-v1:0");
  REQUIRE(haiku != nullptr);
  CHECK(catalog::find_quota(*haiku, "us-west-2", catalog::QuotaScope::in_region)->tpm->value ==
        Fixed9::parse("2000000"));
  CHECK(catalog::find_quota(*haiku, "eu-central-1", catalog::QuotaScope::in_region)->tpm->value ==
        Fixed9::parse("300000"));
  CHECK(catalog::find_quota(*haiku, "us-east-1", catalog::QuotaScope::cross_region)->tpm->value ==
        Fixed9::parse("4000000"));
  for (const char* id : {k_sonnet4, "anthropic.claude-opus-4-20250514-v1:0",
                         "anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0"}) {
    INFO(id);
    REQUIRE(c.find(id)->output_burndown.has_value());
    CHECK(c.find(id)->output_burndown->value == Fixed9::parse("5"));
    CHECK(c.find(id)->output_burndown->provenance.as_of == "2025-11-25");
  }
  CHECK_FALSE(haiku->output_burndown.has_value());
}

TEST_CASE("a Sonnet 4 peak above the default cross-Region quota, output tokens counted 5x") {
  // Through the us. profile: 100,000 input + 5 x 30,000 output = 250,000 against 200,000.
  const auto over = warnings(spec(std::string("us.") + k_sonnet4, 100'000, 30'000));
  REQUIRE(over.size() == 1);
  CHECK(over[0] == sonnet4_message("250,000", "the default cross-Region quota of 200,000", k_default_source));
  // 100,000 + 5 x 20,000 = 200,000: at the quota, not over it.
  CHECK(warnings(spec(std::string("us.") + k_sonnet4, 100'000, 20'000)).empty());
}

TEST_CASE("a plain model ID without an in-Region quota is checked against the cross-Region one") {
  const auto over = warnings(spec(k_sonnet4, 600'000, 50'000)); // 600,000 + 250,000
  REQUIRE(over.size() == 1);
  CHECK(over[0] == sonnet4_message("850,000", "the default cross-Region quota of 200,000",
                                   std::string("the catalog has no in-Region quota for it; ") + k_default_source));
}

TEST_CASE("the in-Region quota is the Region's own") {
  // Claude 3.5 Sonnet v1: 2,000,000 in us-west-2, 400,000 in us-east-1 (burndown 1).
  auto s = spec("anthropic.claude-3-5-sonnet-20240620-v1:0", 300'000, 200'000);
  s.region = "us-west-2";
  CHECK(warnings(s).empty());
  s.region = "us-east-1";
  const auto over = warnings(s);
  REQUIRE(over.size() == 1);
  CHECK(over[0] == std::string("anthropic.claude-3-5-sonnet-20240620-v1:0: peak on-demand traffic of 500,000 "
                               "tokens/min exceeds the default quota of 400,000 tokens/min in us-east-1 (") +
                       k_default_source + ")" + k_throttled);
}

TEST_CASE("the user's quota replaces the default, and the warning says whose it is") {
  auto s = spec(std::string("us.") + k_sonnet4, 600'000, 50'000); // 850,000
  s.quota.tpm_origin = "--quota-tpm";
  s.quota.tpm = Fixed9::parse("1000000");
  CHECK(warnings(s).empty());
  s.quota.tpm = Fixed9::parse("800000");
  const auto over = warnings(s);
  REQUIRE(over.size() == 1);
  CHECK(over[0] == sonnet4_message("850,000", "your quota of 800,000", "--quota-tpm"));
}

TEST_CASE("a quota from an overlay is the user's, for its Region and route only") {
  catalog::Catalog c = catalog::embedded_catalog();
  test::overlay(c,
                R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-sonnet-4-20250514-v1:0",
    "quotas": [{"regions": ["us-east-1"], "scope": "cross_region", "tpm": 500000,
                "source": "our account", "as_of": "2026-11-01"}]}]})");
  const auto over = warnings(spec(std::string("us.") + k_sonnet4, 600'000, 50'000), c);
  REQUIRE(over.size() == 1);
  CHECK(over[0] ==
        sonnet4_message("850,000", "your cross-Region quota of 500,000", "our account; quote.json, as of 2026-11-01"));
  // us-west-2 keeps the default.
  auto west = spec(std::string("us.") + k_sonnet4, 150'000, 10'000);
  west.region = "us-west-2";
  CHECK(warnings(west, c).empty());
  west.rate.input_tokens = 160'000; // 160,000 + 50,000 = 210,000
  REQUIRE(warnings(west, c).size() == 1);
  CHECK(warnings(west, c)[0].find("exceeds the default cross-Region quota of 200,000 tokens/min in us-west-2") !=
        std::string::npos);
}

TEST_CASE("a global profile is checked against the global cross-Region quota only") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(
      c, R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-sonnet-4-5-20250929-v1:0",
    "quotas": [{"regions": ["us-east-1"], "scope": "global_cross_region", "tpm": 1000000, "source": "q", "as_of": "2026"},
               {"regions": ["us-east-1"], "scope": "cross_region", "tpm": 100000, "source": "q", "as_of": "2026"}]}]})");
  const auto global = warnings(spec("global.anthropic.claude-sonnet-4-5-20250929-v1:0", 900'000, 200'000), c);
  REQUIRE(global.size() == 1);
  CHECK(global[0] == "anthropic.claude-sonnet-4-5-20250929-v1:0: peak on-demand traffic of 1,100,000 tokens/min "
                     "exceeds your global cross-Region quota of 1,000,000 tokens/min in us-east-1 (q; quote.json, as "
                     "of 2026)" +
                         std::string(k_throttled));
  CHECK(warnings(spec("global.anthropic.claude-sonnet-4-5-20250929-v1:0", 50'000, 40'000), c).empty());
}

TEST_CASE("requests per minute against the quota, and a request quota that cannot be checked") {
  // Claude 3 Haiku in us-east-1: 1,000 RPM by default; 1,200 requests of 100 + 10 tokens.
  auto s = spec("anthropic.claude-3-haiku-20240307-v1:0", 0, 0);
  s.rate = workload::rate_from_requests(1'200, 100, 10);
  // AWS no longer lists request quotas for bedrock-runtime: the old default is a note to check, not a throttle.
  CHECK(warnings(s).empty());
  const auto noted = report::note_texts(engine::estimate(catalog::embedded_catalog(), {s}, {}).workloads.at(0));
  CHECK(std::find(noted.begin(), noted.end(),
                  std::string("anthropic.claude-3-haiku-20240307-v1:0: peak of 1,200 requests/min is above the "
                              "default quota of 1,000 requests/min in us-east-1 (") +
                      k_default_source +
                      "), which AWS no longer lists for bedrock-runtime (its quotas are per token now): check "
                      "Service Quotas for your account, or give your quota (--quota-rpm)") != noted.end());
  // From a workload file, the note names the key and where it goes.
  engine::EstimateOptions from_file;
  from_file.input_form = engine::InputForm::workload_file;
  s.origin = "w.json: /workloads/0";
  const auto file_notes =
      report::note_texts(engine::estimate(catalog::embedded_catalog(), {s}, from_file).workloads.at(0));
  CHECK(std::find_if(file_notes.begin(), file_notes.end(), [](const std::string& note) {
          return note.ends_with("or give your quota (quota_rpm in w.json: /workloads/0)");
        }) != file_notes.end());
  // The account's own request quota is checked as a throttle.
  s.quota.rpm = Fixed9::parse("1100");
  s.quota.rpm_origin = "w.json: /workloads/0/quota_rpm";
  const auto over = warnings(s);
  REQUIRE(over.size() == 1);
  CHECK(over[0] == std::string("anthropic.claude-3-haiku-20240307-v1:0: peak of 1,200 requests/min exceeds your "
                               "quota of 1,100 requests/min in us-east-1 (w.json: /workloads/0/quota_rpm)") +
                       k_throttled);
  s.quota.rpm = Fixed9::parse("1500");
  CHECK(warnings(s).empty());
  // Traffic in tokens has no request count: the user's request quota is named as not checked.
  auto tokens = spec("anthropic.claude-3-haiku-20240307-v1:0", 1'000, 100);
  tokens.quota = s.quota;
  const auto result = engine::estimate(catalog::embedded_catalog(), {tokens}, {}).workloads.at(0);
  CHECK(result.warnings.empty());
  CHECK(std::find_if(result.notes.begin(), result.notes.end(), [](const engine::Note& note) {
          return note.text == "w.json: /workloads/0/quota_rpm: not checked, as the traffic has no request count (give "
                              "it per request: requests per minute or per day, with the tokens of a request)";
        }) != result.notes.end());
}
