// AWS Price List import (reference aws-formats.md section 5), on files made by
// tests/fixtures/pricing/make_fixtures.py: on-demand figures equal the embedded catalog's; Provisioned
// Throughput and Reserved figures there are made up for the test.

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/error.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <limits>
#include <sstream>

using namespace bedrock_cost;
using catalog::Dimension;
using catalog::Meter;
using nlohmann::ordered_json;

namespace {

const std::string k_dir = BEDROCK_COST_PRICING_FIXTURES;

Meter classify(std::string_view usage_type, const std::map<std::string, std::string>& attributes = {}) {
  return catalog::classify_usage_type(usage_type, attributes);
}

void read_file(catalog::PriceListImport& import, const std::string& name) {
  std::ifstream in(k_dir + "/" + name);
  REQUIRE(in);
  import.read(in, name);
}

void read_text(catalog::PriceListImport& import, const std::string& text, const std::string& name = "pl.json") {
  std::istringstream in(text);
  import.read(in, name);
}

catalog::PriceListResult import_files(const std::vector<std::string>& names,
                                      catalog::ImportKind kind = catalog::ImportKind::overlay,
                                      catalog::PriceListOptions options = {}) {
  catalog::PriceListImport import(catalog::embedded_catalog(), std::move(options));
  for (const std::string& name : names) {
    read_file(import, name);
  }
  return import.result(kind);
}

const ordered_json& model(const catalog::PriceListResult& result, std::string_view id) {
  for (const ordered_json& m : result.document["models"]) {
    if (m["id"] == id) {
      return m;
    }
  }
  FAIL("model " << id << " not in the imported document");
  throw std::logic_error("unreachable");
}

// The on-demand row of `m` for a profile ("" = in-Region) and variant.
ordered_json row(const ordered_json& m, std::string_view profile = "", std::string_view variant = "standard") {
  for (const ordered_json& r : m["on_demand"]) {
    if (r.value("profile", "") == profile && r.value("variant", "standard") == variant) {
      return r;
    }
  }
  FAIL("no on-demand row for profile '" << profile << "' variant '" << variant << "'");
  throw std::logic_error("unreachable");
}

std::string reason_for(const catalog::PriceListResult& result, std::string_view sku) {
  for (const catalog::SkippedProduct& p : result.skipped) {
    if (p.sku == sku) {
      return p.reason;
    }
  }
  return "(imported)";
}

// The import of one on-demand Nova Pro input price.
catalog::PriceListResult import_one(const std::string& region, const std::string& price, catalog::ImportKind kind) {
  const std::string text = R"({"offerCode": "AmazonBedrock", "version": "20261101000000", "products": {
      "S": {"sku": "S", "attributes": {"regionCode": ")" +
                           region + R"(", "usagetype": "USE1-NovaPro-input-tokens", "model": "Nova Pro"}}},
      "terms": {"OnDemand": {"S": {"S.T": {"priceDimensions": {"S.T.R": {"unit": "1M tokens",
        "pricePerUnit": {"USD": ")" +
                           price + R"("}}}}}}}})";
  catalog::PriceListImport import(catalog::embedded_catalog(), {});
  read_text(import, text);
  return import.result(kind);
}

} // namespace

TEST_CASE("usage types: direction, batch, tiers and profiles of the on-demand meters") {
  Meter m = classify("USE1-Claude3Haiku-input-tokens");
  CHECK(m.unsupported.empty());
  CHECK(m.kind == Meter::Kind::on_demand);
  CHECK(m.dimension == Dimension::input);
  CHECK(m.model_token == "claude3haiku");
  CHECK(m.region_prefix == "USE1");
  CHECK(classify("USE1-NovaPro-output-tokens").dimension == Dimension::output);
  CHECK(classify("USE1-NovaPro-input-tokens-batch").dimension == Dimension::batch_input);
  m = classify("USE1-Llama3-1-405B-output-tokens-batch");
  CHECK(m.dimension == Dimension::batch_output);
  CHECK(m.model_token == "llama3-1-405b");
  CHECK(classify("USE1-NovaPro-input-tokens-latency-optimized").variant == "latency_optimized");
  CHECK(classify("USE1-Qwen3-32B-input-tokens-flex").variant == "flex");
  CHECK(classify("USE1-Qwen3-32B-output-tokens-priority").variant == "priority");
  CHECK(classify("USE1-NovaPro-cache-read-input-token-count").dimension == Dimension::cache_read);
  CHECK(classify("USE1-NovaPro-cache-write-input-token-count").dimension == Dimension::cache_write);
  m = classify("USE1-Nova2.0Pro-text-input-tokens-cross-region-global");
  CHECK(m.unsupported.empty());
  CHECK(m.dimension == Dimension::input);
  CHECK(m.profile == "global");
  CHECK(m.model_token == "nova2.0pro");
  m = classify("APN1-zai.glm5-input-tokens");
  CHECK(m.region_prefix == "APN1");
  CHECK(m.model_token == "zai.glm5");
  m = classify("USE1-qwen.qwen3-32b-mantle-input-tokens-standard");
  CHECK(m.unsupported.empty());
  CHECK(m.model_token == "qwen.qwen3-32b");
  CHECK(m.variant == "standard");
}

TEST_CASE("usage types: the Marketplace convention of AmazonBedrockFoundationModels") {
  Meter m = classify("USE1-MP:USE1_InputTokenCount-Units");
  CHECK(m.unsupported.empty());
  CHECK(m.dimension == Dimension::input);
  CHECK(m.model_token.empty()); // the model is named by servicename
  m = classify("USE1-MP:USE1_OutputTokenCount_Global-Units");
  CHECK(m.dimension == Dimension::output);
  CHECK(m.profile == "global");
  CHECK(classify("USE1-MP:USE1_CacheReadInputTokenCount-Units").dimension == Dimension::cache_read);
  CHECK(classify("USE1-MP:USE1_input_tokens_global_standard-Units").profile == "global");
  CHECK_THAT(classify("USE1-MP:USE1_CacheWrite1hInputTokenCount-Units").unsupported,
             Catch::Contains("1-hour cache write"));
}

TEST_CASE("usage types: Provisioned Throughput and Reserved-tier meters") {
  Meter m = classify("USE1-Nova2.0Lite-ProvisionedThroughput-NoCommit-ModelUnits");
  CHECK(m.kind == Meter::Kind::provisioned);
  CHECK(m.term == "no_commitment");
  CHECK_FALSE(m.custom_model);
  CHECK(m.model_token == "nova2.0lite");
  CHECK(classify("USE1-Nova2.0Lite-ProvisionedThroughput-1month-ModelUnits").term == "1_month");
  CHECK(classify("USE1-Nova2.0Lite-ProvisionedThroughput-6month-ModelUnits").term == "6_month");
  CHECK(classify("USE1-Nova2.0Lite-ProvisionedThroughput-6-months-ModelUnits").term == "6_month");
  m = classify("USE1-TitanText-Premier-ProvisionedThroughput-Custom-NoCommit-ModelUnits");
  CHECK(m.custom_model);
  CHECK(m.model_token == "titantext-premier");
  CHECK_THAT(classify("USE1-NovaLite-ProvisionedThroughput-ModelUnits").unsupported,
             Catch::Contains("names no commitment term"));
  m = classify("USE1-anthropic.claude-opus-5-5-reserved-1-month-input-tokens-per-minute");
  CHECK(m.kind == Meter::Kind::reserved);
  CHECK(m.term == "1_month");
  CHECK(m.reserved_input);
  CHECK(m.model_token == "anthropic.claude-opus-5-5");
  CHECK_FALSE(classify("USE1-anthropic.claude-opus-5-5-reserved-6-month-output-tokens-per-minute").reserved_input);
}

TEST_CASE("usage types: what the catalog cannot hold is named, not guessed") {
  CHECK_THAT(classify("USE1-Nova2.0Pro-input-image-token-count").unsupported, Catch::Contains("image tokens"));
  CHECK_THAT(classify("USE1-NovaLite-input-tokens-custom-model").unsupported, Catch::Contains("custom-model"));
  CHECK_THAT(classify("USE1-NovaPro-Customization-Training").unsupported, Catch::Contains("customization"));
  CHECK_THAT(classify("USE1-Claude4Sonnet-output-tokens-long-context-cross-region-global").unsupported,
             Catch::Contains("long-context"));
  CHECK_THAT(classify("USE1-openai.gpt-5.6-luna-mantle-cache-write-tokens-5m-long-ctx-flex").unsupported,
             Catch::Contains("long-context"));
  CHECK_THAT(classify("USE1-NovaPro-input-tokens-cross-region").unsupported, Catch::Contains("geography"));
  CHECK_THAT(classify("USE1-NovaPro-input-tokens-turbo").unsupported, Catch::Contains("word 'turbo'"));
  CHECK_THAT(classify("USE1-NovaPro-Storage").unsupported, Catch::Contains("unrecognised usage type"));
  CHECK_THAT(classify("USE1-NovaPro-cache-read-input-tokens-batch").unsupported, Catch::Contains("batch cache"));
}

TEST_CASE("usage types: attributes add what the usage type leaves out, and contradictions are refused") {
  // Batch rows may say "batch" only in `feature`.
  CHECK(classify("USE1-Claude3Haiku-output-tokens", {{"feature", "Batch Inference"}}).dimension ==
        Dimension::batch_output);
  CHECK(classify("USE1-X-input-tokens", {{"inferenceType", "input tokens batch"}}).dimension == Dimension::batch_input);
  CHECK(classify("USE1-qwen.qwen3-32b-mantle-input-tokens", {{"service_tier", "flex"}}).variant == "flex");
  CHECK_THAT(classify("USE1-NovaPro-input-tokens", {{"inferenceType", "Output tokens"}}).unsupported,
             Catch::Contains("inferenceType 'Output tokens' says output"));
  CHECK_THAT(classify("USE1-NovaPro-input-tokens-flex", {{"service_tier", "priority"}}).unsupported,
             Catch::Contains("different service tiers"));
  CHECK_THAT(classify("USE1-NovaPro-input-tokens", {{"feature", "Custom Model Import"}}).unsupported,
             Catch::Contains("not base-model inference"));
  // "Cache read input tokens" and "Prompt cache read input tokens" agree with a cache-read usage type.
  CHECK(classify("USE1-NovaPro-cache-read-input-tokens", {{"inferenceType", "Prompt cache read input tokens"}})
            .unsupported.empty());
}

TEST_CASE("offer file: per-1K prices become exact per-1M figures, Regions with equal prices share a row") {
  const auto result = import_files({"AmazonBedrock-offer.json"});
  const ordered_json haiku = row(model(result, "anthropic.claude-3-haiku-20240307-v1:0"));
  CHECK(haiku["regions"] == ordered_json({"us-east-1", "us-west-2"}));
  CHECK(haiku["unit"] == "per_1m_tokens");
  CHECK(haiku["input"] == 0.25);  // "0.0002500000" per 1K
  CHECK(haiku["output"] == 1.25); // "0.0012500000" per 1K
  CHECK(haiku["batch_input"] == 0.125);
  CHECK(haiku["batch_output"] == 0.625); // usage type "...-output-tokens-batch", inferenceType "Output tokens"
  CHECK(haiku["source"] == "aws-price-list-AmazonBedrock-20261101000000");
  CHECK(haiku["as_of"] == "2026-11-01"); // the publicationDate
  CHECK(haiku["x_skus"].size() == 8);
  const ordered_json& nova = model(result, "amazon.nova-pro-v1:0");
  CHECK(row(nova)["cache_read"] == 0.2); // published twice, same price: kept once
  CHECK(row(nova, "", "latency_optimized")["input"] == 1.0);
  CHECK(row(nova, "", "latency_optimized")["output"] == 4.0);
  const ordered_json global = row(model(result, "amazon.nova-2-lite-v1:0"), "global");
  CHECK(global["input"] == 0.3);
  CHECK(global["output"] == 2.5);
  const ordered_json qwen = model(result, "qwen.qwen3-32b-v1:0"); // "Qwen3 32B" is "Qwen3 32B (dense)"
  CHECK(row(qwen)["input"] == 0.15);
  CHECK(row(qwen, "", "flex")["input"] == 0.075);
  CHECK(row(model(result, "meta.llama3-1-405b-instruct-v1:0"))["batch_output"] == 8.0);
  bool noted_twice = false;
  bool noted_missing = false;
  for (const std::string& note : result.notes) {
    noted_twice = noted_twice || note == "2 rates were published twice at the same price (imported once)";
    noted_missing =
        noted_missing || note == "Qwen3 32B (dense) (qwen.qwen3-32b-v1:0) in us-east-1: the price list gives an input "
                                 "price but no output price";
  }
  CHECK(noted_twice);
  CHECK(noted_missing);
}

TEST_CASE("offer file: Provisioned Throughput per MU-hour and Reserved per 1K TPM-hour") {
  const auto result = import_files({"AmazonBedrock-offer.json"});
  const ordered_json pt = model(result, "amazon.nova-2-lite-v1:0")["provisioned"][0];
  CHECK(pt["unit"] == "per_mu_hour");
  CHECK(pt["terms"] == ordered_json({{"1_month", 55.0}, {"6_month", 42.25}, {"no_commitment", 60.5}}));
  CHECK_FALSE(pt.contains("custom_model"));
  const ordered_json custom = model(result, "amazon.titan-text-premier-v1:0")["provisioned"][0];
  CHECK(custom["custom_model"] == true);
  CHECK(custom["terms"]["no_commitment"] == 21.18); // unit "Hrs"
  const ordered_json reserved = model(result, "anthropic.claude-opus-5-5")["reserved"][0];
  CHECK(reserved["unit"] == "per_1k_tpm_month");
  // $0.50 and $2.50 per 1K TPM-hour x 730 hours.
  CHECK(reserved["terms"]["1_month"]["input"] == 365.0);
  CHECK(reserved["terms"]["1_month"]["output"] == 1825.0);
}

TEST_CASE("offer file: every product the catalog cannot hold is listed with its reason") {
  const auto result = import_files({"AmazonBedrock-offer.json"});
  CHECK(result.skipped.size() == 6);
  CHECK(reason_for(result, "HAIKUCN") == "priced in CNY, not USD");
  CHECK_THAT(reason_for(result, "HAIKUODD"), Catch::Contains("word 'requests'"));
  CHECK_THAT(reason_for(result, "NOVA2PROIMG"), Catch::Contains("image tokens"));
  CHECK_THAT(reason_for(result, "NOVALITECUST"), Catch::Contains("custom-model"));
  CHECK_THAT(reason_for(result, "NOVAPROTRAIN"), Catch::Contains("Model Customization"));
  CHECK(reason_for(result, "ZORK") == "no catalog model matches 'Zork 9' (map it with --map \"Zork 9=MODEL_ID\")");
  // The list goes into the written file too.
  CHECK(result.document["x_not_imported"].size() == 6);
  CHECK(result.document["x_not_imported"][0]["price"] == "0.0018000000 CNY per 1K tokens");
}

TEST_CASE("offer file of AmazonBedrockFoundationModels: per-1M prices, startingRange, servicename") {
  const auto result = import_files({"AmazonBedrockFoundationModels-offer.json"});
  const ordered_json& sonnet = model(result, "anthropic.claude-3-5-sonnet-20241022-v2:0");
  const ordered_json in_region = row(sonnet);
  CHECK(in_region["input"] == 3.0);
  CHECK(in_region["output"] == 15.0);
  CHECK(in_region["cache_read"] == 0.3);
  CHECK(in_region["cache_write"] == 3.75);
  CHECK(in_region["batch_input"] == 1.5);
  CHECK(in_region["batch_output"] == 7.5);
  CHECK(row(sonnet, "global")["output"] == 15.0);
  CHECK_THAT(reason_for(result, "SONCW1H"), Catch::Contains("1-hour cache write"));
  CHECK_THAT(reason_for(result, "SONTIER"), Catch::Contains("2 price dimensions"));
  CHECK_THAT(reason_for(result, "SONUNITS"), Catch::Contains("unit 'Units'"));
  REQUIRE(result.matches.size() == 1);
  CHECK(result.matches[0].price_list_name == "Claude 3.5 Sonnet v2");
  CHECK(result.matches[0].how == "name");
}

TEST_CASE("get-products output: each PriceList string parsed again gives what the offer file gives") {
  const auto from_api = import_files({"get-products.json"});
  catalog::PriceListOptions only_us_east;
  only_us_east.regions = {"us-east-1"};
  const auto from_file = import_files({"AmazonBedrock-offer.json"}, catalog::ImportKind::overlay, only_us_east);
  const ordered_json api_haiku = row(model(from_api, "anthropic.claude-3-haiku-20240307-v1:0"));
  const ordered_json file_haiku = row(model(from_file, "anthropic.claude-3-haiku-20240307-v1:0"));
  for (const char* key : {"regions", "input", "output", "batch_input", "batch_output", "source", "as_of"}) {
    CHECK(api_haiku[key] == file_haiku[key]);
  }
  CHECK(model(from_api, "amazon.nova-2-lite-v1:0")["provisioned"] ==
        model(from_file, "amazon.nova-2-lite-v1:0")["provisioned"]);
  CHECK(from_api.skipped.empty());
}

TEST_CASE("get-products output: a page with a NextToken is flagged") {
  catalog::PriceListImport import(catalog::embedded_catalog(), {});
  read_file(import, "get-products-page1.json");
  read_file(import, "get-products.json");
  REQUIRE(import.files().size() == 2);
  CHECK(import.files()[0].more_pages);
  CHECK(import.files()[0].format == "get-products");
  CHECK(import.files()[0].products == 1);
  CHECK_FALSE(import.files()[1].more_pages);
  CHECK(import.files()[1].products == 7);
}

TEST_CASE("import with --region keeps only the Regions asked for") {
  catalog::PriceListOptions options;
  options.regions = {"us-west-2"};
  const auto result = import_files({"AmazonBedrock-offer.json"}, catalog::ImportKind::overlay, options);
  CHECK(row(model(result, "anthropic.claude-3-haiku-20240307-v1:0"))["regions"] == ordered_json({"us-west-2"}));
  CHECK(result.models == 2); // Claude 3 Haiku and Nova Pro are all that us-west-2 prices
  CHECK(result.skipped.empty());
  CHECK(result.notes.back() == "29 products outside --region left out");
}

TEST_CASE("import with --map names a model the catalog cannot match, or one it has not heard of") {
  catalog::PriceListOptions options;
  options.model_map = {{"Zork 9", "example.zork-9-v1:0"}};
  auto result = import_files({"AmazonBedrock-offer.json"}, catalog::ImportKind::overlay, options);
  const ordered_json& zork = model(result, "example.zork-9-v1:0");
  CHECK(zork["name"] == "Zork 9"); // a new model takes the price list's name and provider
  CHECK(zork["provider"] == "Example");
  CHECK(row(zork)["input"] == 1.0);
  CHECK(reason_for(result, "ZORK") == "(imported)");
}

TEST_CASE("model matching: exact names, IDs and unique prefixes only") {
  const std::string offer_head = R"({"offerCode": "AmazonBedrock", "version": "20261101000000",
    "publicationDate": "2026-11-01T00:00:00Z", "products": {)";
  const auto one = [&](const std::string& model_name, const std::string& usage_type) {
    return offer_head + R"("S1": {"sku": "S1", "attributes": {"regionCode": "us-east-1", "usagetype": ")" + usage_type +
           R"(", "model": ")" + model_name + R"("}}}, "terms": {"OnDemand": {"S1": {"S1.T": {
           "priceDimensions": {"S1.T.R": {"unit": "1K tokens", "beginRange": "0", "endRange": "Inf",
           "pricePerUnit": {"USD": "0.0010000000"}}}}}}}})";
  };
  const auto matched = [&](const std::string& model_name, const std::string& usage_type) {
    catalog::PriceListImport import(catalog::embedded_catalog(), {});
    read_text(import, one(model_name, usage_type));
    const auto result = import.result(catalog::ImportKind::overlay);
    return result.matches.empty() ? result.skipped.at(0).reason : result.matches[0].model_id;
  };
  CHECK(matched("Nova 2.0 Lite", "USE1-Nova2.0Lite-input-tokens") == "amazon.nova-2-lite-v1:0");
  CHECK(matched("Claude Opus 4.5", "USE1-ClaudeOpus4.5-input-tokens") == "anthropic.claude-opus-4-5-20251101-v1:0");
  CHECK(matched("", "USE1-anthropic.claude-opus-5-5-input-tokens") == "anthropic.claude-opus-5-5"); // from the ID
  CHECK(matched("Llama 3.1 8B", "USE1-Llama3-1-8B-input-tokens") == "meta.llama3-1-8b-instruct-v1:0");
  // A catalog name may add only "Instruct", "Chat" or "IT": "GPT-5" is not "GPT-5.4", "Claude 3" is not
  // "Claude 3 Haiku", "Pixtral" is not "Pixtral Large".
  CHECK_THAT(matched("GPT-5", "USE1-GPT5-input-tokens"), Catch::Contains("no catalog model matches 'GPT-5'"));
  CHECK_THAT(matched("Claude 3", "USE1-Claude3-input-tokens"), Catch::Contains("no catalog model matches"));
  CHECK_THAT(matched("Pixtral", "USE1-Pixtral-input-tokens"), Catch::Contains("no catalog model matches"));
  // "+" counts: Command R+ is not Command R (review fix: both were "commandr").
  CHECK(matched("Command R+", "USE1-CommandRPlus-input-tokens") == "cohere.command-r-plus-v1:0");
  CHECK(matched("Command R", "USE1-CommandR-input-tokens") == "cohere.command-r-v1:0");
  // A named model the catalog lacks does not fall back to the usage type's look-alike (review fix).
  CHECK_THAT(matched("Mistral Large 2", "USE1-MistralLarge-input-tokens"),
             Catch::Contains("no catalog model matches 'Mistral Large 2'"));
  CHECK(matched("", "USE1-MistralLarge-input-tokens") == "mistral.mistral-large-2402-v1:0");
}

TEST_CASE("two different prices for one model, Region and dimension: neither is imported, both are listed") {
  const std::string text = R"({"offerCode": "AmazonBedrock", "version": "20261101000000", "products": {
    "A": {"sku": "A", "attributes": {"regionCode": "us-east-1", "usagetype": "USE1-NovaPro-input-tokens", "model": "Nova Pro"}},
    "B": {"sku": "B", "attributes": {"regionCode": "us-east-1", "usagetype": "USE1-NovaPro-text-input-tokens", "model": "Nova Pro"}},
    "C": {"sku": "C", "attributes": {"regionCode": "us-east-1", "usagetype": "USE1-NovaPro-output-tokens", "model": "Nova Pro"}}},
    "terms": {"OnDemand": {
      "A": {"A.T": {"priceDimensions": {"A.T.R": {"unit": "1K tokens", "pricePerUnit": {"USD": "0.0008"}}}}},
      "B": {"B.T": {"priceDimensions": {"B.T.R": {"unit": "1M tokens", "pricePerUnit": {"USD": "0.9"}}}}},
      "C": {"C.T": {"priceDimensions": {"C.T.R": {"unit": "1M tokens", "pricePerUnit": {"USD": "3.2"}}}}}}}})";
  catalog::PriceListImport import(catalog::embedded_catalog(), {});
  read_text(import, text);
  const auto result = import.result(catalog::ImportKind::overlay);
  CHECK_THAT(reason_for(result, "A"), Catch::Contains("conflicts with SKU B"));
  CHECK_THAT(reason_for(result, "B"), Catch::Contains("conflicts with SKU A"));
  const ordered_json nova = row(model(result, "amazon.nova-pro-v1:0"));
  CHECK_FALSE(nova.contains("input"));
  CHECK(nova["output"] == 3.2);
  CHECK(nova["as_of"] == "2026-11-01"); // no publicationDate: the version's date
}

TEST_CASE("prices the catalog cannot hold exactly, and odd ranges, are listed") {
  const auto skipped_reason = [](const std::string& price, const std::string& unit, const std::string& range = "") {
    const std::string text =
        R"({"offerCode": "AmazonBedrock", "version": "20261101000000", "products": {
      "S": {"sku": "S", "attributes": {"regionCode": "us-east-1", "usagetype": "USE1-NovaPro-input-tokens", "model": "Nova Pro"}}},
      "terms": {"OnDemand": {"S": {"S.T": {"priceDimensions": {"S.T.R": {"unit": ")" +
        unit + R"(", )" + range + R"("pricePerUnit": {"USD": ")" + price + R"("}}}}}}}})";
    catalog::PriceListImport import(catalog::embedded_catalog(), {});
    std::istringstream in(text);
    import.read(in, "pl.json");
    const auto result = import.result(catalog::ImportKind::overlay);
    return result.skipped.empty() ? std::string("(imported)") : result.skipped[0].reason;
  };
  CHECK(skipped_reason("0.0000000001", "1M tokens") ==
        "price '0.0000000001' is not a non-negative decimal the catalog can hold exactly");
  CHECK(skipped_reason("0.0000000001", "1K tokens") == "(imported)"); // 0.0000001 per 1M
  CHECK_THAT(skipped_reason("-1", "1M tokens"), Catch::Contains("not a non-negative decimal"));
  CHECK_THAT(skipped_reason("1e-3", "1M tokens"), Catch::Contains("not a non-negative decimal"));
  CHECK_THAT(skipped_reason("0.001", "hour"), Catch::Contains("does not fit a token usage type"));
  CHECK_THAT(skipped_reason("0.001", "1M tokens", R"("beginRange": "1000000", "endRange": "Inf", )"),
             Catch::Contains("a tiered rate (1000000 to Inf)"));
  CHECK(skipped_reason("0.0010000000", "1K tokens", R"("startingRange": "0", "endingRange": "Inf", )") == "(imported)");
}

TEST_CASE("a regionCode that is no Region code is skipped, not an internal error") {
  // Found by fuzz_price_list: the Region code made 'catalog import' fail its own check of the file it wrote.
  const auto overlay = import_one("us-east-/", "0.8", catalog::ImportKind::overlay);
  CHECK(reason_for(overlay, "S") == "regionCode 'us-east-/' is not an AWS Region code such as us-east-1");
  CHECK(overlay.document["models"].empty());
}

TEST_CASE("a price no double holds exactly is written as a decimal string, not an internal error") {
  // Found by fuzz_price_list: such a price made 'catalog import' fail its own check of the file it wrote.
  // The largest price the catalog holds is no double: it is written as a decimal string, and reads back exactly.
  for (const auto kind : {catalog::ImportKind::overlay, catalog::ImportKind::catalog}) {
    const auto result = import_one("us-east-1", "9223372036.854775807", kind);
    CHECK(row(model(result, "amazon.nova-pro-v1:0"))["input"] == "9223372036.854775807");
  }
  catalog::Catalog merged = catalog::embedded_catalog();
  std::istringstream in(import_one("us-east-1", "9223372036.854775807", catalog::ImportKind::overlay).document.dump());
  catalog::apply_overlay(merged, in, "imported.json");
  const auto* nova = catalog::find_on_demand(*merged.find("amazon.nova-pro-v1:0"), "us-east-1", std::nullopt);
  REQUIRE(nova != nullptr);
  CHECK(nova->price(Dimension::input)->value == util::Fixed9::from_units(std::numeric_limits<std::int64_t>::max()));
  // Every real price stays a JSON number.
  CHECK(row(model(import_one("us-east-1", "0.8", catalog::ImportKind::overlay), "amazon.nova-pro-v1:0"))["input"] ==
        0.8);
}

TEST_CASE("a catalog import holds only what a catalog can; its file loads as a catalog") {
  const auto result = import_files({"AmazonBedrock-offer.json", "AmazonBedrockFoundationModels-offer.json"},
                                   catalog::ImportKind::catalog);
  std::istringstream in(result.document.dump());
  const catalog::Catalog loaded = catalog::load_catalog(in, "imported.json");
  CHECK(loaded.as_of == "2026-11-01");
  const catalog::Model* haiku = loaded.find("anthropic.claude-3-haiku-20240307-v1:0");
  REQUIRE(haiku != nullptr);
  CHECK(haiku->name == "Claude 3 Haiku");
  CHECK(haiku->provider == "Anthropic");
  // The Llama row has a batch price only and Claude Opus 5.5 only Reserved prices: a catalog cannot hold them.
  CHECK(loaded.find("meta.llama3-1-405b-instruct-v1:0") == nullptr);
  CHECK(loaded.find("anthropic.claude-opus-5-5") == nullptr);
  bool llama_listed = false;
  bool opus_listed = false;
  for (const catalog::SkippedProduct& p : result.skipped) {
    llama_listed = llama_listed || (p.sku == "LLAMA405BOUT" && p.reason.find("no input price") != std::string::npos);
    opus_listed = opus_listed || p.reason.find("only Reserved-tier prices") != std::string::npos;
  }
  CHECK(llama_listed);
  CHECK(opus_listed);
  // The overlay of the same files keeps them.
  std::istringstream overlay(import_files({"AmazonBedrock-offer.json"}).document.dump());
  CHECK(catalog::validate_file(overlay, "overlay.json").is_overlay);
}

TEST_CASE("a catalog import that keeps no model reports no price, not an internal error") {
  // Found by fuzz_price_list: the empty catalog failed the check of the written file. Nothing imported is the
  // caller's to report (the CLI exits 1 and writes nothing: golden err_import_nothing).
  catalog::PriceListImport import(catalog::embedded_catalog(), {});
  read_text(import, R"({"offerCode": "AmazonBedrock", "products": {}})", "empty.json");
  CHECK(import.result(catalog::ImportKind::catalog).prices == 0);
  CHECK(import.result(catalog::ImportKind::overlay).document["models"].empty());
  catalog::PriceListImport only_unmapped(catalog::embedded_catalog(), {});
  read_text(only_unmapped, R"({"offerCode": "AmazonBedrock", "products": {"X1": {"attributes": {}}}})", "a.json");
  read_text(only_unmapped, R"({"offerCode": "AmazonBedrock", "products": {}})", "b.json");
  const auto unmapped = only_unmapped.result(catalog::ImportKind::catalog);
  CHECK(unmapped.prices == 0);
  CHECK(reason_for(unmapped, "X1") == "no price in the file's terms");
  read_file(import, "get-products-page1.json");
  CHECK(import.result(catalog::ImportKind::catalog).models == 1); // a file with an importable price is enough
}

TEST_CASE("structural problems are errors naming the file and JSON path") {
  const auto error = [](const std::string& text) -> std::string {
    catalog::PriceListImport import(catalog::embedded_catalog(), {});
    try {
      read_text(import, text);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  CHECK_THAT(error(R"({"MetricDataResults": []})"), Catch::Contains("pl.json: /: not an AWS price list"));
  CHECK(error(R"({"FormatVersion": "aws_v1", "PriceList": ["{}", 3]})") ==
        "pl.json: /PriceList/0: missing \"product\" in the decoded document");
  CHECK(error(R"({"PriceList": [3]})") ==
        "pl.json: /PriceList/0: expected a JSON document encoded as a string (the get-products PriceList format)");
  CHECK_THAT(error(R"({"PriceList": ["{\"product\": "]})"),
             Catch::StartsWith("pl.json: /PriceList/0 (the string, parsed as JSON):1:13: invalid JSON: syntax error"));
  // The strings get the checks a file gets (review fix: duplicate keys and overflowing numbers passed).
  CHECK(error(R"({"PriceList": ["{\"product\": {\"sku\": \"A\", \"sku\": \"B\"}}"]})") ==
        "pl.json: /PriceList/0 (the string, parsed as JSON): /product/sku: duplicate key 'sku'");
  CHECK_THAT(error(R"({"PriceList": ["{\"product\": {\"sku\": \"A\"}, \"x\": 1e400}"]})"),
             Catch::Contains("a number is out of range"));
  // Ranges are strings like every value; a number would hide a tier (review fix).
  CHECK_THAT(
      error(R"({"offerCode": "AmazonBedrock", "products": {"X": {"sku": "X"}}, "terms": {"OnDemand": {"X": {"X.T":
        {"priceDimensions": {"X.T.R": {"unit": "1K tokens", "beginRange": 1000000, "pricePerUnit": {"USD": "1"}}}}}}}})"),
      Catch::EndsWith("/beginRange: expected a string such as \"0\" or \"Inf\" (every value of the price list is "
                      "a string)"));
  // A product under another SKU's key (review fix: the second of two was dropped unlisted).
  CHECK(error(R"({"offerCode": "AmazonBedrock", "products": {"Y": {"sku": "X"}}, "terms": {}})") ==
        "pl.json: /products/Y/sku: SKU 'X' under the key 'Y' (an offer file keys each product by its SKU)");
  CHECK(error(R"({"offerCode": "AmazonBedrock", "products": [], "terms": {}})") ==
        "pl.json: /products: expected an object of SKU -> product");
  CHECK(error(R"({"offerCode": "AmazonBedrock", "products": {}, "terms": {"OnDemand": {"X": {"X.T": {}}}}})") ==
        "pl.json: /terms/OnDemand/X/X.T: term for SKU 'X', which no product has");
  CHECK(error(R"({"offerCode": "AmazonBedrock", "products": {"X": {"sku": "X"}}, "terms": {"OnDemand": {"X": {"X.T":
        {"priceDimensions": {"X.T.R": {"unit": "1K tokens", "pricePerUnit": {"USD": 0.001}}}}}}}})") ==
        "pl.json: /terms/OnDemand/X/X.T/priceDimensions/X.T.R/pricePerUnit/USD: expected a price string such as "
        "\"0.0002500000\"");
  CHECK_THAT(error("{\"offerCode\": "), Catch::StartsWith("pl.json:1:"));
}

namespace {

struct Row {
  std::string sku;
  std::string region;
  std::string usage_type;
  std::string model;
  std::string unit;
  std::string price;
};

// An AmazonBedrock offer file of these products, one 0-to-Inf USD rate each.
std::string offer(const std::vector<Row>& rows) {
  ordered_json products = ordered_json::object();
  ordered_json terms = ordered_json::object();
  for (const Row& r : rows) {
    products[r.sku] = {{"sku", r.sku},
                       {"attributes", {{"regionCode", r.region}, {"usagetype", r.usage_type}, {"model", r.model}}}};
    terms[r.sku][r.sku + ".T"] = {
        {"priceDimensions",
         {{r.sku + ".T.R",
           {{"unit", r.unit}, {"beginRange", "0"}, {"endRange", "Inf"}, {"pricePerUnit", {{"USD", r.price}}}}}}}};
  }
  return ordered_json{{"offerCode", "AmazonBedrock"},
                      {"version", "20261101000000"},
                      {"publicationDate", "2026-11-01T00:00:00Z"},
                      {"products", products},
                      {"terms", {{"OnDemand", terms}}}}
      .dump();
}

catalog::PriceListResult import_text(const std::string& text, catalog::ImportKind kind = catalog::ImportKind::overlay) {
  catalog::PriceListImport import(catalog::embedded_catalog(), {});
  read_text(import, text);
  return import.result(kind);
}

} // namespace

TEST_CASE("review fix: imported global-profile prices replace the catalog's global row") {
  const auto result = import_text(offer({{"G1", "us-east-1", "USE1-Nova2.0Lite-input-tokens-cross-region-global",
                                          "Nova 2.0 Lite", "1K tokens", "0.0100000000"},
                                         {"G2", "us-east-1", "USE1-Nova2.0Lite-output-tokens-cross-region-global",
                                          "Nova 2.0 Lite", "1K tokens", "0.0200000000"}}));
  const ordered_json global = row(model(result, "amazon.nova-2-lite-v1:0"), "global");
  CHECK_FALSE(global.contains("regions")); // one set of prices: it applies from any Region
  catalog::Catalog merged = catalog::embedded_catalog();
  std::istringstream overlay(result.document.dump());
  catalog::apply_overlay(merged, overlay, "overlay.json");
  const catalog::Model* nova = merged.find("amazon.nova-2-lite-v1:0");
  REQUIRE(nova != nullptr);
  for (const char* region : {"us-east-1", "eu-west-1"}) {
    const catalog::OnDemandRow* used = catalog::find_on_demand(*nova, region, std::string("global"));
    REQUIRE(used != nullptr);
    CHECK(used->price(Dimension::input)->value == util::Fixed9::parse("10"));
    CHECK(used->price(Dimension::output)->value == util::Fixed9::parse("20"));
  }
}

TEST_CASE("review fix: rows an overlay on the base catalog cannot hold are listed, and the rest applies") {
  const auto result = import_text(offer({
      {"O1", "eu-north-1", "EUN1-Claude3Haiku-output-tokens", "Claude 3 Haiku", "1K tokens", "0.0012500000"},
      {"R1", "us-east-1", "USE1-anthropic.claude-opus-5-5-reserved-1-month-input-tokens-per-minute", "Claude Opus 5.5",
       "1K TPM Hour", "0.5"},
      {"H1", "us-east-1", "USE1-Claude3Haiku-input-tokens", "Claude 3 Haiku", "1K tokens", "0.0003"},
  }));
  CHECK_THAT(reason_for(result, "O1"),
             Catch::Contains("an overlay on the base catalog cannot hold it: the catalog has "
                             "no on-demand price for 'anthropic.claude-3-haiku-20240307-v1:0' "
                             "in eu-north-1, so this row must give an input price"));
  CHECK_THAT(reason_for(result, "R1"), Catch::Contains("must give both input and output"));
  CHECK(result.prices == 1);
  catalog::Catalog merged = catalog::embedded_catalog();
  std::istringstream overlay(result.document.dump());
  CHECK_NOTHROW(catalog::apply_overlay(merged, overlay, "overlay.json"));
}

TEST_CASE("review fix: a bad regionCode is listed, and all three of three conflicting SKUs") {
  auto result = import_text(
      offer({{"U1", "US-East-1", "USE1-Claude3Haiku-input-tokens", "Claude 3 Haiku", "1K tokens", "0.00025"}}));
  CHECK(reason_for(result, "U1") == "regionCode 'US-East-1' is not an AWS Region code such as us-east-1");
  result = import_text(offer({
      {"A", "us-east-1", "USE1-NovaPro-cache-read-input-token-count", "Nova Pro", "1K tokens", "0.0002"},
      {"B", "us-east-1", "USE1-NovaPro-cache-read-input-tokens", "Nova Pro", "1K tokens", "0.0002"},
      {"C", "us-east-1", "USE1-NovaPro-cache-read-input-token", "Nova Pro", "1K tokens", "0.0003"},
  }));
  CHECK_THAT(reason_for(result, "A"), Catch::Contains("conflicts with SKU C"));
  CHECK_THAT(reason_for(result, "B"), Catch::Contains("conflicts with SKU C"));
  CHECK_THAT(reason_for(result, "C"), Catch::Contains("conflicts with SKU A, B"));
  CHECK(result.prices == 0);
  CHECK(result.notes.empty()); // no "published twice" note for a rate that was not imported
}

TEST_CASE("review fix: prices a double cannot hold are written as exact decimal strings") {
  const auto result = import_text(
      offer({{"P1", "us-east-1", "USE1-NovaPro-input-tokens", "Nova Pro", "1M tokens", "12345678.123456789"},
             {"P2", "us-east-1", "USE1-NovaPro-output-tokens", "Nova Pro", "1M tokens", "3.2000000000"}}));
  const ordered_json nova = row(model(result, "amazon.nova-pro-v1:0"));
  CHECK(nova["input"] == "12345678.123456789");
  CHECK(nova["output"] == 3.2); // a plain number where it reads back exactly
  catalog::Catalog merged = catalog::embedded_catalog();
  std::istringstream overlay(result.document.dump());
  catalog::apply_overlay(merged, overlay, "overlay.json");
  const catalog::OnDemandRow* used = catalog::find_on_demand(*merged.find("amazon.nova-pro-v1:0"), "us-east-1", {});
  CHECK(used->price(Dimension::input)->value == util::Fixed9::parse("12345678.123456789"));
}
