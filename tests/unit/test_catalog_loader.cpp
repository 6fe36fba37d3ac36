#include "test_helpers.hpp"

#include <bedrock_cost/error.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost;
using catalog::Dimension;
using test::catalog_with;

TEST_CASE("a valid catalog loads with normalised prices and provenance") {
  const catalog::Catalog c = test::load(test::k_catalog);
  REQUIRE(c.models.size() == 3);
  CHECK(c.models[0].id == "amazon.titan-embed-text-v2:0"); // sorted by ID
  const catalog::Model* haiku = c.find("anthropic.claude-3-haiku-20240307-v1:0");
  REQUIRE(haiku != nullptr);
  CHECK(c.find("claude-3-haiku") == haiku);
  const auto& us = haiku->on_demand[0];
  CHECK(us.price(Dimension::input)->value == util::Fixed9::parse("0.25"));
  CHECK(us.price(Dimension::batch_output)->value == util::Fixed9::parse("0.625"));
  CHECK_FALSE(us.price(Dimension::cache_read).has_value()); // absent = not offered, never zero
  CHECK(us.price(Dimension::input)->provenance.source == "aws-page-2025-07");
  CHECK(us.price(Dimension::input)->provenance.as_of == "2025-07-20");
  // per 1K tokens is normalised to per 1M: 0.00025 / 1K = 0.25 / 1M
  CHECK(haiku->on_demand[1].price(Dimension::input)->value == util::Fixed9::parse("0.25"));
  CHECK(haiku->provisioned[0].usd_per_mu_hour.at("1_month").value == util::Fixed9::parse("20.5"));
}

TEST_CASE("bad catalogs are rejected with the JSON path of the problem") {
  CHECK_THROWS_WITH(test::load(catalog_with(R"("input": 0.25, )", "")),
                    "catalog.json: /models/0/on_demand/0/input: missing required number");
  CHECK_THROWS_WITH(test::load(catalog_with("0.25", "-0.25")),
                    "catalog.json: /models/0/on_demand/0/input: expected a non-negative number, got -0.25");
  CHECK_THROWS_WITH(test::load(catalog_with("0.25", R"("NaN")")),
                    "catalog.json: /models/0/on_demand/0/input: expected a finite decimal number: 'NaN' is not a "
                    "number");
  CHECK_THROWS_WITH(test::load(catalog_with("0.25", "true")),
                    "catalog.json: /models/0/on_demand/0/input: expected a number, got true");
  CHECK_THROWS_WITH(test::load(catalog_with("\"per_1m_tokens\"", "\"per_token\"")),
                    "catalog.json: /models/0/on_demand/0/unit: unknown unit 'per_token' (expected one of: "
                    "per_1m_tokens, per_1k_tokens, per_1k_characters)");
  CHECK_THROWS_WITH(test::load(catalog_with("\"2025-07-20\" }", "\"2025-13-01\" }")),
                    "catalog.json: /models/0/on_demand/0/as_of: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got "
                    "\"2025-13-01\"");
  CHECK_THROWS_WITH(test::load(catalog_with("\"output\": 1.25", "\"ouptut\": 1.25")),
                    Catch::StartsWith("catalog.json: /models/0/on_demand/0/ouptut: unknown key 'ouptut'"));
  CHECK_THROWS_WITH(test::load(catalog_with("amazon.titan-embed-text-v2:0", "anthropic.claude-3-haiku-20240307-v1:0")),
                    "catalog.json: /models/2/id: duplicate model 'anthropic.claude-3-haiku-20240307-v1:0' (first at "
                    "/models/0)");
  CHECK_THROWS_WITH(test::load(catalog_with("[\"eu-central-1\"]", "[\"us-west-2\"]")),
                    "catalog.json: /models/0/on_demand/1: Region us-west-2 is already priced by "
                    "/models/0/on_demand/0");
  CHECK_THROWS_WITH(test::load(catalog_with("\"1_month\"", "\"monthly\"")),
                    "catalog.json: /models/0/provisioned/0/terms/monthly: unknown term 'monthly' (expected "
                    "no_commitment, 1_month, 6_month, or <n>_month / <n>_year up to 10 years)");
  CHECK_THROWS_WITH(test::load(catalog_with("\"schema_version\": 1", "\"schema_version\": 2")),
                    "catalog.json: /schema_version: unsupported schema_version 2 (this build reads 1)");
  CHECK_THROWS_WITH(test::load(catalog_with("\"name\": \"Claude 3 Haiku\", ", "")),
                    "catalog.json: /models/0/name: missing required string");
  CHECK_THROWS_WITH(test::load(catalog_with("[\"eu-central-1\"]", "[\"Frankfurt\"]")),
                    "catalog.json: /models/0/on_demand/1/regions/0: 'Frankfurt' is not an AWS Region code such as "
                    "us-east-1");
}

TEST_CASE("a key given twice is an error, not a silent last-one-wins") {
  CHECK_THROWS_WITH(test::load(catalog_with(R"("input": 0.25,)", R"("input": 0.25, "input": 2.5,)")),
                    "catalog.json: /models/0/on_demand/0/input: duplicate key 'input'");
  CHECK_THROWS_WITH(test::load(catalog_with(R"("id": "amazon.titan-embed-text-v2:0",)",
                                            R"("id": "amazon.titan-embed-text-v2:0", "id": "x",)")),
                    "catalog.json: /models/2/id: duplicate key 'id'");
}

TEST_CASE("JSON syntax errors name line and column") {
  CHECK_THROWS_WITH(test::load("{\n  \"schema_version\": 1,\n  oops\n}"),
                    Catch::StartsWith("catalog.json:3:3: invalid JSON: syntax error"));
  CHECK_THROWS_WITH(test::load(""), Catch::StartsWith("catalog.json:1:1: invalid JSON"));
}

TEST_CASE("a number too large for a double names its JSON path") {
  CHECK_THROWS_WITH(test::load(catalog_with(R"("input": 0.25,)", R"("input": 1e999,)")),
                    "catalog.json: /models/0/on_demand/0/input: invalid JSON: a number is out of range (number "
                    "overflow parsing '1e999')");
  CHECK_THROWS_WITH(test::load(R"({"x_note": [1, [2, -1e400]]})"),
                    Catch::StartsWith("catalog.json: /x_note/1/1: invalid JSON: a number is out of range"));
  CHECK_THROWS_WITH(test::load("1e400"), Catch::StartsWith("catalog.json: /: invalid JSON: a number is out of range"));
}

TEST_CASE("an overlay is not a catalog") {
  CHECK_THROWS_AS(test::load(R"({"schema_version": 1, "kind": "overlay", "models": []})"), InputError);
  CHECK_THROWS_WITH(test::load(R"({"schema_version": 1, "kind": "overlay", "models": []})"),
                    "catalog.json: /kind: this is an overlay (a partial catalog); pass it with --prices, not as a "
                    "catalog");
}

TEST_CASE("validate_file summarises a catalog or an overlay") {
  std::istringstream in(test::k_catalog);
  const auto summary = catalog::validate_file(in, "catalog.json");
  CHECK_FALSE(summary.is_overlay);
  CHECK(summary.models == 3);
  CHECK(summary.on_demand_rows == 5);
  CHECK(summary.provisioned_rows == 1);
}

TEST_CASE("term names run up to ten years") {
  CHECK(catalog::is_term_name("no_commitment"));
  CHECK(catalog::is_term_name("1_month"));
  CHECK(catalog::is_term_name("120_month"));
  CHECK(catalog::is_term_name("10_year"));
  CHECK(!catalog::is_term_name("121_month"));
  CHECK(!catalog::is_term_name("11_year"));
  CHECK(!catalog::is_term_name("100000000_month"));
  CHECK(!catalog::is_term_name("0_month"));
  CHECK(!catalog::is_term_name("01_month"));
  CHECK(!catalog::is_term_name("1_week"));
}
