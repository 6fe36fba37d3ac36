#include "test_helpers.hpp"

#include <bedrock_cost/error.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>

using namespace bedrock_cost;
using catalog::Dimension;
using util::Fixed9;

TEST_CASE("an overlay replaces prices field by field, only in the Regions it names") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "anthropic.claude-3-haiku-20240307-v1:0",
      "on_demand": [ { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 0.2,
                       "source": "quote", "as_of": "2026-11-01" } ] } ]})");
  const catalog::Model* haiku = c.find("anthropic.claude-3-haiku-20240307-v1:0");
  const auto* east = catalog::find_on_demand(*haiku, "us-east-1", std::nullopt);
  const auto* west = catalog::find_on_demand(*haiku, "us-west-2", std::nullopt);
  REQUIRE(east != nullptr);
  REQUIRE(west != nullptr);
  CHECK(east->price(Dimension::input)->value == Fixed9::parse("0.2"));
  CHECK(east->price(Dimension::input)->provenance.source == "quote");
  CHECK(east->price(Dimension::input)->provenance.origin == "quote.json");
  CHECK(east->price(Dimension::output)->value == Fixed9::parse("1.25")); // kept from the base
  CHECK(east->price(Dimension::output)->provenance.source == "aws-page-2025-07");
  CHECK(west->price(Dimension::input)->value == Fixed9::parse("0.25")); // other Region untouched
  CHECK(c.overlays == std::vector<std::string>{"quote.json"});
}

TEST_CASE("an overlay may give only the output price where the catalog already has the input") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku", "on_demand": [ { "regions": ["eu-central-1"], "unit": "per_1m_tokens", "output": 1,
      "source": "q", "as_of": "2026" } ] } ]})");
  const auto* eu = catalog::find_on_demand(*c.find("claude-3-haiku"), "eu-central-1", std::nullopt);
  REQUIRE(eu != nullptr);
  CHECK(eu->price(Dimension::input)->value == Fixed9::parse("0.25"));
  CHECK(eu->price(Dimension::output)->value == Fixed9::parse("1"));
}

TEST_CASE("later overlays win, and an overlay can add Regions, terms, capacity and models") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku",
      "provisioned": [ { "regions": ["us-east-1"], "unit": "per_mu_hour", "terms": { "6_month": 16 },
                         "source": "quote", "as_of": "2026-11-01" } ],
      "mu_capacity": { "input_tpm": 100000, "output_tpm": 20000, "source": "quote", "as_of": "2026-11-01" } },
    { "id": "custom.my-model", "name": "My model", "provider": "Me",
      "on_demand": [ { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 1, "output": 2,
                       "source": "quote", "as_of": "2026-11-01" } ] } ]})",
                "a.json");
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "anthropic.claude-3-haiku-20240307-v1:0",
      "provisioned": [ { "regions": ["us-east-1"], "unit": "per_mu_hour", "terms": { "6_month": 15 },
                         "source": "newer quote", "as_of": "2026-11-20" } ] } ]})",
                "b.json");
  const catalog::Model* haiku = c.find("anthropic.claude-3-haiku-20240307-v1:0");
  const auto& terms = haiku->provisioned[0].usd_per_mu_hour;
  CHECK(terms.at("1_month").value == Fixed9::parse("20.5"));
  CHECK(terms.at("6_month").value == Fixed9::parse("15"));
  CHECK(terms.at("6_month").provenance.origin == "b.json");
  REQUIRE(haiku->mu_capacity.has_value());
  CHECK(haiku->mu_capacity->input_tpm == Fixed9::parse("100000"));
  REQUIRE(c.find("custom.my-model") != nullptr);
  CHECK(c.find("custom.my-model")->kind == "text");
  CHECK(c.overlays == std::vector<std::string>{"a.json", "b.json"});
}

TEST_CASE("a bad overlay leaves the catalog unchanged and names the problem") {
  catalog::Catalog c = test::load(test::k_catalog);
  const std::string missing_source = R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "anthropic.claude-3-haiku-20240307-v1:0",
      "on_demand": [ { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 0.2, "as_of": "2026-11-01" } ] } ]})";
  CHECK_THROWS_WITH(test::overlay(c, missing_source),
                    "quote.json: /models/0/on_demand/0/source: missing required string");
  const std::string new_model = R"({"schema_version": 1, "kind": "overlay", "models": [ { "id": "x.unknown" } ]})";
  CHECK_THROWS_WITH(test::overlay(c, new_model),
                    "quote.json: /models/0: model 'x.unknown' is not in the catalog, so the overlay must give its name "
                    "and provider");
  const std::string no_unit = R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku", "on_demand": [ { "regions": ["us-east-1"], "input": 0.2, "source": "q", "as_of": "2026" } ] } ]})";
  CHECK_THROWS_WITH(test::overlay(c, no_unit),
                    "quote.json: /models/0/on_demand/0/unit: missing required unit (per_1m_tokens, per_1k_tokens or "
                    "per_1k_characters)");
  const std::string new_region_without_input = R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku", "on_demand": [ { "regions": ["us-east-1", "ap-south-1"], "unit": "per_1m_tokens",
      "output": 1.5, "source": "q", "as_of": "2026" } ] } ]})";
  CHECK_THROWS_WITH(test::overlay(c, new_region_without_input),
                    "quote.json: /models/0/on_demand/0/input: the catalog has no on-demand price for 'claude-3-haiku' "
                    "in ap-south-1, so this row must give an input price");
  const std::string half_reserved = R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku", "reserved": [ { "regions": ["us-east-1"], "unit": "per_1k_tpm_month",
      "terms": { "1_month": { "input": 12 } }, "source": "q", "as_of": "2026" } ] } ]})";
  CHECK_THROWS_WITH(test::overlay(c, half_reserved),
                    "quote.json: /models/0/reserved/0/terms/1_month: the catalog has no Reserved 1_month price for "
                    "'claude-3-haiku' in us-east-1, so this term must give both input and output");
  CHECK(c.overlays.empty());
  CHECK(c.find("anthropic.claude-3-haiku-20240307-v1:0")->on_demand.size() == 2);
}

namespace {

// An overlay adding `count` models "acme.model-NNNNN", listed in reverse order of their IDs.
std::string overlay_of_new_models(int count) {
  std::string models;
  for (int i = count - 1; i >= 0; --i) {
    models += fmt::format(R"({}{{"id": "acme.model-{:05}", "name": "Acme {}", "provider": "Acme", "on_demand": [
      {{"regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 1, "output": 2, "source": "q", "as_of": "2026"}}]}})",
                          models.empty() ? "" : ",", i, i);
  }
  return fmt::format(R"({{"schema_version": 1, "kind": "overlay", "models": [{}]}})", models);
}

} // namespace

TEST_CASE("an overlay adding 20,000 models merges in one sort, not one per model") {
  // Quadratic before: the catalog was re-sorted after each new model, and each lookup scanned every model's
  // aliases (460 s for 20,000 models; about a second now).
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c, overlay_of_new_models(20'000));
  REQUIRE(c.models.size() == 20'003);
  CHECK(std::is_sorted(c.models.begin(), c.models.end(),
                       [](const catalog::Model& a, const catalog::Model& b) { return a.id < b.id; }));
  CHECK(c.models.front().id == "acme.model-00000");
  CHECK(c.models[19'999].id == "acme.model-19999");
  REQUIRE(c.find("acme.model-12345") != nullptr);
  CHECK(c.find("acme.model-12345")->name == "Acme 12345");
  CHECK(c.find("claude-3-haiku")->id == "anthropic.claude-3-haiku-20240307-v1:0");
}

TEST_CASE("an overlay entry finds a model by alias, but not by an alias an earlier entry took away") {
  catalog::Catalog c = test::load(test::k_catalog);
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "claude-3-haiku",
      "on_demand": [ { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 0.2, "source": "q", "as_of": "2026" } ] }
  ]})",
                "a.json");
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [
    { "id": "anthropic.claude-3-haiku-20240307-v1:0", "aliases": ["haiku-3"] },
    { "id": "claude-3-haiku", "name": "Another", "provider": "Me",
      "on_demand": [ { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 5, "source": "q", "as_of": "2026" } ] }
  ]})",
                "b.json");
  const catalog::Model* haiku = c.find("haiku-3");
  REQUIRE(haiku != nullptr);
  CHECK(haiku->id == "anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(catalog::find_on_demand(*haiku, "us-east-1", std::nullopt)->price(Dimension::input)->value ==
        Fixed9::parse("0.2"));
  const catalog::Model* other = c.find("claude-3-haiku"); // the alias was taken away: a new model of that ID
  REQUIRE(other != nullptr);
  CHECK(other->name == "Another");
  CHECK(c.models.size() == 4);
}

TEST_CASE("quota rows are kept apart by scope, and an overlay changes one scope field by field") {
  catalog::Catalog c =
      test::load(test::catalog_with(R"("aliases": ["claude-3-haiku"],)", R"("aliases": ["claude-3-haiku"],
      "quotas": [
        { "regions": ["us-east-1", "us-west-2"], "tpm": 2000000, "rpm": 1000, "source": "aws", "as_of": "2025-06-05" },
        { "regions": ["us-east-1"], "scope": "cross_region", "tpm": 4000000, "rpm": 2000, "source": "aws",
          "as_of": "2025-06-05" } ],)"));
  test::overlay(c, R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "claude-3-haiku",
    "quotas": [{"regions": ["us-east-1"], "scope": "cross_region", "tpm": 6000000, "source": "ours", "as_of": "2026-11-01"},
               {"regions": ["eu-central-1"], "rpm": 50, "source": "ours", "as_of": "2026-11-01"}]}]})");
  const catalog::Model& haiku = *c.find("claude-3-haiku");
  const auto* cross = catalog::find_quota(haiku, "us-east-1", catalog::QuotaScope::cross_region);
  REQUIRE(cross != nullptr);
  CHECK(cross->tpm->value == Fixed9::parse("6000000"));
  CHECK(cross->tpm->provenance.origin == "quote.json");
  CHECK(cross->rpm->value == Fixed9::parse("2000")); // kept: the overlay gives only tpm
  CHECK(cross->rpm->provenance.origin == "catalog.json");
  const auto* in_region = catalog::find_quota(haiku, "us-east-1", catalog::QuotaScope::in_region);
  REQUIRE(in_region != nullptr);
  CHECK(in_region->tpm->value == Fixed9::parse("2000000"));
  const auto* added = catalog::find_quota(haiku, "eu-central-1", catalog::QuotaScope::in_region);
  REQUIRE(added != nullptr);
  CHECK_FALSE(added->tpm.has_value());
  CHECK(added->rpm->value == Fixed9::parse("50"));
  CHECK(catalog::find_quota(haiku, "eu-central-1", catalog::QuotaScope::cross_region) == nullptr);
}

TEST_CASE("a quota row names a known scope, and each Region once per scope") {
  const auto with_quotas = [](const std::string& rows) {
    return test::catalog_with(R"("aliases": ["claude-3-haiku"],)",
                              R"("aliases": ["claude-3-haiku"], "quotas": [)" + rows + "],");
  };
  CHECK_THROWS_WITH(test::load(with_quotas(R"({"regions": ["us-east-1"], "scope": "geo", "tpm": 1, "source": "s",
                                               "as_of": "2026"})")),
                    "catalog.json: /models/0/quotas/0/scope: unknown scope 'geo' (expected one of: in_region, "
                    "cross_region, global_cross_region)");
  CHECK_THROWS_WITH(
      test::load(
          with_quotas(R"({"regions": ["us-east-1"], "scope": "cross_region", "tpm": 1, "source": "s", "as_of": "2026"},
                                {"regions": ["us-east-1"], "scope": "cross_region", "tpm": 2, "source": "s", "as_of": "2026"})")),
      "catalog.json: /models/0/quotas/1: Region us-east-1 is already priced by /models/0/quotas/0");
  CHECK_NOTHROW(test::load(with_quotas(R"({"regions": ["us-east-1"], "tpm": 1, "source": "s", "as_of": "2026"},
                          {"regions": ["us-east-1"], "scope": "cross_region", "tpm": 2, "source": "s", "as_of": "2026"})")));
}
