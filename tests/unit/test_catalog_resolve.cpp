#include "test_helpers.hpp"

#include <bedrock_cost/catalog/resolve.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace bedrock_cost;
using catalog::Dimension;
using util::Fixed9;

TEST_CASE("model references are taken apart") {
  auto ref = catalog::parse_model_reference("us.anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(ref.model_id == "anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(ref.profile == "us");
  CHECK(catalog::parse_model_reference("us-gov.anthropic.claude-3-haiku-20240307-v1:0").profile == "us-gov");
  CHECK(catalog::parse_model_reference("apac.amazon.nova-lite-v1:0").profile == "apac");
  ref = catalog::parse_model_reference("arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-v2:1");
  CHECK(ref.model_id == "anthropic.claude-v2:1");
  CHECK(ref.region == "eu-central-1");
  CHECK_FALSE(ref.profile.has_value());
  ref = catalog::parse_model_reference(
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0");
  CHECK(ref.model_id == "anthropic.claude-sonnet-4-5-20250929-v1:0");
  CHECK(ref.profile == "global");
  CHECK(ref.region == "us-east-1");
  CHECK(catalog::parse_model_reference("meta.llama3-8b-instruct-v1:0").model_id == "meta.llama3-8b-instruct-v1:0");
}

TEST_CASE("profiles resolve to their own price where the catalog has one") {
  const catalog::Catalog c = test::load(test::k_catalog);
  const auto global = catalog::resolve_model(c, "global.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-east-1");
  REQUIRE(global.match);
  const auto* row = catalog::find_on_demand(*global.match->model, global.match->region, global.match->profile);
  REQUIRE(row != nullptr);
  CHECK(row->price(Dimension::input)->value == Fixed9::parse("3"));
  // us. geo profile: priced as the source Region (the in-Region / geo price, 10% above global)
  const auto us = catalog::resolve_model(c, "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us-west-2");
  REQUIRE(us.match);
  row = catalog::find_on_demand(*us.match->model, us.match->region, us.match->profile);
  REQUIRE(row != nullptr);
  CHECK(row->price(Dimension::input)->value == Fixed9::parse("3.3"));
  // a global profile where the catalog has no global row falls back to the Region's price
  const auto haiku = catalog::resolve_model(c, "global.anthropic.claude-3-haiku-20240307-v1:0", "us-east-1");
  REQUIRE(haiku.match);
  CHECK(catalog::find_on_demand(*haiku.match->model, "us-east-1", haiku.match->profile) != nullptr);
  CHECK(catalog::find_on_demand(*haiku.match->model, "ap-south-1", haiku.match->profile) == nullptr);
}

TEST_CASE("find_on_demand skips character-priced and non-standard rows whatever their order") {
  catalog::Model model;
  catalog::OnDemandRow characters;
  characters.regions = {"us-east-1"};
  characters.unit = catalog::PriceUnit::per_1k_characters;
  catalog::OnDemandRow latency;
  latency.regions = {"us-east-1"};
  latency.variant = "latency_optimized";
  catalog::OnDemandRow tokens;
  tokens.regions = {"us-east-1"};
  model.on_demand = {characters, latency, tokens};
  CHECK(catalog::find_on_demand(model, "us-east-1", std::nullopt) == &model.on_demand[2]);
  CHECK(catalog::priced_locations(model) == std::vector<std::string>{"us-east-1"});
  model.on_demand.pop_back();
  CHECK(catalog::find_on_demand(model, "us-east-1", std::nullopt) == nullptr);
  CHECK(catalog::priced_locations(model).empty());
}

TEST_CASE("LiteLLM-style names are taken apart: route, Region and commitment segments dropped, the Region kept") {
  using Parts = std::tuple<std::string, std::optional<std::string>, std::optional<std::string>>;
  const auto parts = [](std::string_view text) {
    const auto ref = catalog::parse_model_reference(text);
    return Parts{ref.model_id, ref.profile, ref.region};
  };
  const std::string haiku = "anthropic.claude-3-haiku-20240307-v1:0";
  CHECK(parts("bedrock/" + haiku) == Parts{haiku, std::nullopt, std::nullopt});
  CHECK(parts("bedrock/converse/" + haiku) == Parts{haiku, std::nullopt, std::nullopt});
  CHECK(parts("bedrock/invoke/us." + haiku) == Parts{haiku, "us", std::nullopt});
  CHECK(parts("bedrock/us.anthropic.claude-sonnet-5") == Parts{"anthropic.claude-sonnet-5", "us", std::nullopt});
  CHECK(parts("bedrock/eu-central-1/" + haiku) == Parts{haiku, std::nullopt, "eu-central-1"});
  CHECK(parts("bedrock/us-east-1/1-month-commitment/" + haiku) == Parts{haiku, std::nullopt, "us-east-1"});
  CHECK(parts("bedrock/6-month-commitment/" + haiku) == Parts{haiku, std::nullopt, std::nullopt});
  // Not a model ID after the segments (an imported model's route and ARN): left as given, so it is unknown.
  const std::string imported = "bedrock/deepseek_r1/arn:aws:bedrock:us-east-1:123456789012:imported-model/abc";
  CHECK(parts(imported) == Parts{imported, std::nullopt, std::nullopt});
  CHECK(parts("bedrock/") == Parts{"bedrock/", std::nullopt, std::nullopt});
  const catalog::Catalog c = test::load(test::k_catalog);
  const auto r = catalog::resolve_model(c, "bedrock/us-west-2/" + haiku, "us-east-1");
  REQUIRE(r.match);
  CHECK(r.match->model->id == haiku);
  CHECK(r.match->region == "us-west-2");
}

TEST_CASE("ARNs carry their Region") {
  const catalog::Catalog c = test::load(test::k_catalog);
  const auto r = catalog::resolve_model(
      c, "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", "us-east-1");
  REQUIRE(r.match);
  CHECK(r.match->region == "us-west-2");
}

TEST_CASE("unknown models get the nearest IDs") {
  const catalog::Catalog c = test::load(test::k_catalog);
  const auto r = catalog::resolve_model(c, "anthropic.claude-3-haiku-20240307-v1", "us-east-1");
  CHECK_FALSE(r.match);
  REQUIRE_FALSE(r.suggestions.empty());
  CHECK(r.suggestions.front() == "anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(catalog::unknown_model_message("x", {"a", "b"}) == "unknown model 'x' (did you mean 'a' or 'b'?)");
  CHECK(catalog::unknown_model_message("x", {}) == "unknown model 'x'; run 'bedrock-cost models' to list the catalog");
}

TEST_CASE("an unknown 1 MB model ID gets no suggestion and a message of 200 bytes of it") {
  const catalog::Catalog c = test::load(test::k_catalog);
  const std::string id = "anthropic.claude-3-haiku-20240307-v1:0" + std::string(1'000'000, 'x');
  const auto r = catalog::resolve_model(c, id, "us-east-1");
  CHECK_FALSE(r.match);
  CHECK(r.suggestions.empty());
  CHECK(catalog::unknown_model_message(id, r.suggestions) ==
        "unknown model '" + id.substr(0, 200) + "…'; run 'bedrock-cost models' to list the catalog");
}

TEST_CASE("a geographic profile takes requests from the Regions of its geography only") {
  const std::string us = "US Regions (us-…)";
  const std::string japan = "the Japanese Regions (ap-northeast-1, ap-northeast-3)";
  const std::string australia = "the Australian Regions (ap-southeast-2, ap-southeast-4)";
  // profile, Region, what the profile takes requests from when the Region is not one of them ("" when it is)
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"us", "us-east-1", ""},
      {"us", "us-west-1", ""},
      {"us", "us-gov-west-1", us}, // GovCloud has its own profile
      {"us", "eu-west-1", us},
      {"us-gov", "us-gov-east-1", ""},
      {"us-gov", "us-east-1", "GovCloud Regions (us-gov-…)"},
      {"eu", "eu-central-1", ""},
      {"eu", "us-east-1", "European Regions (eu-…)"},
      {"apac", "ap-southeast-1", ""},
      {"apac", "me-central-1", "Asia Pacific Regions (ap-…)"},
      {"jp", "ap-northeast-3", ""},
      {"jp", "ap-northeast-2", japan},
      {"au", "ap-southeast-4", ""},
      {"au", "ap-southeast-1", australia},
      {"global", "sa-east-1", ""},
  };
  for (const auto& [profile, region, expected] : cases) {
    INFO(profile << ". from " << region);
    CHECK(catalog::profile_region_mismatch(profile, region).value_or("") == expected);
  }
}
