// The embedded catalog against the curated reference it was generated from (data/prices/).

#include <bedrock_cost/catalog/loader.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

using namespace bedrock_cost;
using catalog::Dimension;

namespace {

// Where a reference row applies: ("regional", Region) pairs, or ("global", Region) with "*" for any Region.
using Place = std::pair<std::string, std::string>;

std::vector<Place> places_of(const nlohmann::json& r) {
  const bool global = r.value("region", "") == "global" || r.value("profile", "") == "global";
  const std::string route = global ? "global" : "regional";
  std::vector<std::string> regions;
  if (r.contains("regions")) {
    regions = r.at("regions").get<std::vector<std::string>>();
  } else if (const std::string code = r.at("region"); code == "us") {
    regions = {"us-east-1", "us-west-2"};
  } else if (code == "us-gov") {
    regions = {"us-gov-west-1", "us-gov-east-1"};
  } else {
    regions = {global ? "*" : code};
  }
  std::vector<Place> places;
  for (const std::string& region : regions) {
    places.emplace_back(route, region);
  }
  return places;
}

const catalog::OnDemandRow* row_for(const catalog::Model& model, const Place& place, bool latency) {
  for (const auto& row : model.on_demand) {
    const bool variant_ok = (row.variant == "latency_optimized") == latency;
    const bool at = place.first == "global"
                        ? row.profile == "global" && (place.second == "*" || catalog::covers(row.regions, place.second))
                        : !row.profile && catalog::covers(row.regions, place.second);
    if (variant_ok && at) {
      return &row;
    }
  }
  return nullptr;
}

// The reference files in the order the generator reads them: bedrock-prices.json, then the dated Price List
// snapshots (aws-price-list-*.json) by name.
std::vector<std::filesystem::path> reference_files() {
  const std::filesystem::path first = BEDROCK_COST_REFERENCE_PRICES;
  std::vector<std::filesystem::path> later;
  for (const auto& entry : std::filesystem::directory_iterator(first.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("aws-price-list-") && entry.path().extension() == ".json") {
      later.push_back(entry.path());
    }
  }
  std::sort(later.begin(), later.end());
  later.insert(later.begin(), first);
  return later;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in.is_open()); // the references are part of the repository (data/prices/)
  return nlohmann::json::parse(in);
}

} // namespace

TEST_CASE("the embedded catalog loads and is dated") {
  const catalog::Catalog& c = catalog::embedded_catalog();
  CHECK(c.as_of == "2026-10-08");
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
  // A later file's rows replace an earlier file's for the same model, variant and route: Region by Region, and the
  // whole global route (data/prices/README.md). So the files are checked from the last, each place once.
  const std::vector<std::filesystem::path> files = reference_files();
  const catalog::Catalog& c = catalog::embedded_catalog();
  std::size_t checked = 0;
  std::set<std::tuple<std::string, bool, std::string, std::string>> priced; // model, latency, route, Region
  for (auto file = files.rbegin(); file != files.rend(); ++file) {
    const nlohmann::json reference = read_json(*file);
    std::set<std::tuple<std::string, bool, std::string, std::string>> here;
    for (const auto& r : reference.at("on_demand")) {
      const std::string id = r.at("model_id");
      const catalog::Model* model = c.find(id);
      INFO(file->filename().string() << ": " << id << " at " << r.dump());
      REQUIRE(model != nullptr);
      const bool latency = r.at("name").get<std::string>().find("latency-optimized") != std::string::npos;
      for (const Place& place : places_of(r)) {
        here.emplace(id, latency, place.first, place.second);
        if (priced.contains({id, latency, place.first, place.second}) ||
            (place.first == "global" && std::any_of(priced.begin(), priced.end(), [&](const auto& p) {
               return std::get<0>(p) == id && std::get<1>(p) == latency && std::get<2>(p) == "global";
             }))) {
          continue; // replaced by a later file
        }
        const catalog::OnDemandRow* row = row_for(*model, place, latency);
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
    priced.insert(here.begin(), here.end());
  }
  const nlohmann::json reference = read_json(files.front());
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
