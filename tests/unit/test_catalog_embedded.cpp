// The embedded catalog against the curated reference it was generated from (data/prices/).

#include <bedrock_cost/catalog/loader.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace bedrock_cost;
using catalog::Dimension;

namespace {

std::vector<std::string> regions_for(const std::string& code) {
  if (code == "us") {
    return {"us-east-1", "us-west-2"};
  }
  if (code == "us-gov") {
    return {"us-gov-west-1", "us-gov-east-1"};
  }
  return {code};
}

const catalog::OnDemandRow* row_for(const catalog::Model& model, const std::string& region, bool latency) {
  for (const auto& row : model.on_demand) {
    const bool variant_ok = (row.variant == "latency_optimized") == latency;
    const bool place =
        region == "global" ? row.profile == "global" : !row.profile && catalog::covers(row.regions, region);
    if (variant_ok && place) {
      return &row;
    }
  }
  return nullptr;
}

} // namespace

TEST_CASE("the embedded catalog loads and is dated") {
  const catalog::Catalog& c = catalog::embedded_catalog();
  CHECK(c.as_of == "2026-09-23");
  CHECK(c.models.size() >= 90);
  for (const auto& model : c.models) {
    for (const auto& row : model.on_demand) {
      for (const auto& price : row.prices) {
        if (price) {
          CHECK_FALSE(price->provenance.source.empty());
          CHECK_FALSE(price->provenance.as_of.empty());
        }
      }
    }
  }
}

TEST_CASE("estimates use the standard price, never the latency-optimized one") {
  const catalog::Catalog& c = catalog::embedded_catalog();
  const catalog::Model* haiku = c.find("anthropic.claude-3-5-haiku-20241022-v1:0");
  REQUIRE(haiku != nullptr);
  const auto* row = catalog::find_on_demand(*haiku, "us-east-1", std::nullopt);
  REQUIRE(row != nullptr);
  CHECK(row->variant == "standard");
  CHECK(row->price(Dimension::input)->value == util::Fixed9::parse("0.8")); // latency-optimized is 1.00
}

TEST_CASE("every on-demand and provisioned figure of the reference is in the embedded catalog") {
  const std::filesystem::path reference_path = BEDROCK_COST_REFERENCE_PRICES;
  std::ifstream in(reference_path);
  REQUIRE(in.is_open()); // the reference is part of the repository (data/prices/)
  const auto reference = nlohmann::json::parse(in);
  const catalog::Catalog& c = catalog::embedded_catalog();
  std::size_t checked = 0;
  for (const auto& r : reference.at("on_demand")) {
    const std::string id = r.at("model_id");
    const catalog::Model* model = c.find(id);
    INFO(id << " in " << r.at("region").get<std::string>());
    REQUIRE(model != nullptr);
    const bool latency = r.at("name").get<std::string>().find("latency-optimized") != std::string::npos;
    for (const auto& region : regions_for(r.at("region"))) {
      const catalog::OnDemandRow* row = row_for(*model, region, latency);
      REQUIRE(row != nullptr);
      for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
        const auto& expected = r.at(std::string(catalog::k_dimension_names.at(d)));
        const auto& actual = row->prices.at(d);
        if (expected.is_null()) {
          CHECK_FALSE(actual.has_value());
        } else {
          REQUIRE(actual.has_value());
          CHECK(actual->value == util::Fixed9::from_double(expected.get<double>()));
          CHECK(actual->provenance.as_of == r.at("as_of").get<std::string>());
          ++checked;
        }
      }
    }
  }
  for (const auto& r : reference.at("provisioned")) {
    const catalog::Model* model = c.find(r.at("model_id").get<std::string>());
    REQUIRE(model != nullptr);
    const std::string region = r.at("region").is_null() ? "us-east-1" : r.at("region").get<std::string>();
    const bool custom = r.at("custom_model").get<bool>();
    const auto row = std::find_if(model->provisioned.begin(), model->provisioned.end(), [&](const auto& p) {
      return p.custom_model == custom && catalog::covers(p.regions, region);
    });
    REQUIRE(row != model->provisioned.end());
    for (const auto& [key, term] : {std::pair{"no_commitment", "no_commitment"}, std::pair{"one_month", "1_month"},
                                    std::pair{"six_month", "6_month"}}) {
      if (!r.at(key).is_null()) {
        CHECK(row->usd_per_mu_hour.at(term).value == util::Fixed9::from_double(r.at(key).get<double>()));
        ++checked;
      }
    }
  }
  CHECK(checked > 800);
}

namespace {

// The quota of `entry` (tpm or rpm map of the curated file) in `region`: the Region's own, else the "*" one.
std::optional<double> curated_quota(const nlohmann::json& values, const std::string& region) {
  if (values.contains(region)) {
    return values.at(region).get<double>();
  }
  return values.contains("*") ? std::optional<double>(values.at("*").get<double>()) : std::nullopt;
}

catalog::QuotaScope scope_named(const std::string& name) {
  return name == "cross_region"          ? catalog::QuotaScope::cross_region
         : name == "global_cross_region" ? catalog::QuotaScope::global_cross_region
                                         : catalog::QuotaScope::in_region;
}

} // namespace

TEST_CASE("every quota and burndown figure of data/quotas is in the embedded catalog, in every Region it names") {
  std::ifstream in(BEDROCK_COST_QUOTAS_FILE);
  REQUIRE(in);
  const auto curated = nlohmann::json::parse(in);
  const catalog::Catalog& c = catalog::embedded_catalog();
  std::size_t checked = 0;
  for (const auto& entry : curated.at("quotas")) {
    const catalog::Model* model = c.find(entry.at("model_id").get<std::string>());
    REQUIRE(model != nullptr);
    const catalog::QuotaScope scope = scope_named(entry.at("scope"));
    std::vector<std::string> regions;
    for (const auto& [region, value] : entry.at("tpm").items()) {
      regions.push_back(region);
    }
    // Named Regions must be there; "*" stands for each Region the catalog prices the model in (not GovCloud).
    for (const std::string& region : catalog::priced_locations(*model)) {
      if (!region.starts_with("us-gov-") && region.find('.') == std::string::npos) {
        regions.push_back(region);
      }
    }
    for (const std::string& region : regions) {
      const std::optional<double> tpm = curated_quota(entry.at("tpm"), region);
      if (region == "*" || !tpm) {
        continue;
      }
      INFO(model->id << " " << entry.at("scope").get<std::string>() << " " << region);
      const catalog::QuotaRow* row = catalog::find_quota(*model, region, scope);
      REQUIRE(row != nullptr);
      CHECK(row->tpm->value == util::Fixed9::from_double(*tpm));
      CHECK(row->rpm->value == util::Fixed9::from_double(*curated_quota(entry.at("rpm"), region)));
      CHECK(row->tpm->provenance.as_of == entry.at("as_of").get<std::string>());
      ++checked;
    }
  }
  for (const auto& entry : curated.at("output_burndown")) {
    const catalog::Model* model = c.find(entry.at("model_id").get<std::string>());
    REQUIRE(model != nullptr);
    REQUIRE(model->output_burndown.has_value());
    CHECK(model->output_burndown->value == util::Fixed9::from_double(entry.at("value").get<double>()));
  }
  CHECK(checked > 100);
}
