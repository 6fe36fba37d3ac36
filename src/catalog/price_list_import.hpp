#pragma once

// Internal: what the parts of a price-list import share. price_list_read.cpp reads offer files and get-products
// output into products; price_list_product.cpp makes each product a price, classifying its usage type
// (price_list_usage_type.cpp) and matching its model (price_list_match.cpp); price_list_write.cpp writes the catalog
// or overlay, with each model's rows from price_list_rows.cpp; price_list.cpp holds PriceListImport's public members
// and the text helpers below.

#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/util/fixed.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bedrock_cost::catalog::detail {

// `text` in ASCII lower case.
std::string lower(std::string_view text);
// `text` without leading and trailing spaces and tabs.
std::string trim(std::string_view text);
inline bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
// A product attribute's value, empty when the product has no such attribute.
std::string attribute(const std::map<std::string, std::string>& attributes, std::string_view key);
// The YYYY-MM-DD date an ISO timestamp starts with, or empty if it does not start with a valid date.
std::string date_of(std::string_view timestamp);

// The base catalog's models by name and ID, for naming the model a price-list product prices.
class ModelMatcher {
public:
  // `model_map` (price-list name -> model ID, from --map) wins over every automatic match.
  ModelMatcher(const Catalog& base, const std::map<std::string, std::string>& model_map);

  struct Match {
    std::string id;    // empty when no model matched
    std::string how;   // as ModelMatch::how
    std::string error; // why no model matched
  };

  // The first candidate name that identifies exactly one model; a name that matches several is refused, not
  // settled by a weaker index.
  Match match(const std::vector<std::string>& candidates) const;

  // The base catalog's model with this ID, or nullptr.
  const Model* find(std::string_view id) const { return m_base.find(id); }

private:
  using Index = std::map<std::string, std::set<std::string>, std::less<>>;

  static void add(Index& index, const std::string& key, const std::string& id);
  std::set<std::string> prefix_match(const std::string& key) const;

  const Catalog& m_base;
  std::map<std::string, std::string> m_map;
  Index m_names;
  Index m_ids;
};

// One catalog figure taken from the price list (per 1M tokens, per MU-hour, or per 1K TPM-month).
struct Price {
  util::Fixed9 value;
  std::set<std::string> skus;
  std::string source; // source label
  std::string as_of;
  bool conflict = false;
  std::vector<SkippedProduct> origins; // every product that gave it, to list if another contradicts it
};

// Where an on-demand price applies.
struct OnDemandKey {
  std::string region;
  std::string profile;
  std::string variant;
  // NOLINTNEXTLINE(modernize-use-nullptr): false positive on a defaulted <=> before clang-tidy 18 (llvm#53961)
  auto operator<=>(const OnDemandKey&) const = default;
};

// What the price list gives for one catalog model, by Region, profile, variant and term.
struct ImportedModel {
  std::string name;
  std::string provider;
  std::map<OnDemandKey, std::array<std::optional<Price>, k_dimension_count>> on_demand;
  std::map<std::pair<std::string, bool>, std::map<std::string, Price>> provisioned; // (Region, custom) -> term
  std::map<std::string, std::map<std::string, std::array<std::optional<Price>, 2>>> reserved; // Region -> term
};

// One product with its attributes and every price dimension of its terms.
struct Product {
  std::string sku;
  std::map<std::string, std::string> attributes;
  struct Rate {
    std::string path;
    std::string unit;
    std::string begin;
    std::string end;
    std::map<std::string, std::string> price_per_unit;
    std::string effective_date;
  };
  std::vector<Rate> rates;
};

// What the documents read so far gave.
struct Imported {
  std::vector<PriceListFile> files;
  std::map<std::string, ImportedModel> models;                       // by model ID
  std::map<std::pair<std::string, std::string>, ModelMatch> matches; // by price-list name and model ID
  std::vector<SkippedProduct> skipped;
  std::map<std::string, SourceInfo> sources; // by source label
  std::size_t outside_regions = 0;           // products outside --region, left out
};

// The prices of a model's rows (price_list_rows.cpp).
using DimensionPrices = std::array<const Price*, k_dimension_count>; // on-demand: a price per dimension, or nullptr
using TermPrices = std::map<std::string, const Price*>;              // provisioned: term -> price
using SidePrices = std::array<const Price*, 2>;                      // reserved: input, output (or nullptr)
using ReservedPrices = std::map<std::string, SidePrices>;            // reserved: term -> sides
template <typename Value> using ByRegion = std::vector<std::pair<std::string, Value>>;
// On-demand prices per (profile, variant), by Region.
using OnDemandGroups = std::map<std::pair<std::string, std::string>, ByRegion<DimensionPrices>>;

// The price a slot holds, or nullptr when it holds none or contradicting ones.
inline const Price* figure(const std::optional<Price>& price) { return price && !price->conflict ? &*price : nullptr; }

// The SKUs of every product behind the slots, conflicting ones included.
template <std::size_t N> std::set<std::string> skus_of(const std::array<std::optional<Price>, N>& slots) {
  std::set<std::string> skus;
  for (const std::optional<Price>& slot : slots) {
    if (slot) {
      skus.insert(slot->skus.begin(), slot->skus.end());
    }
  }
  return skus;
}

// On-demand rows: one per (profile, variant) and set of identical prices; a profile row with one set of prices
// applies from any Region.
nlohmann::ordered_json on_demand_rows(const OnDemandGroups& by_group);
// Provisioned rows: one per custom-model flag and set of identical terms.
nlohmann::ordered_json provisioned_rows(const ImportedModel& imported);
// Reserved rows, per 1K TPM-month: one per set of identical terms.
nlohmann::ordered_json reserved_rows(const ByRegion<ReservedPrices>& by_region);
// The figures the rows write: one per price and Region.
std::size_t figures_written(const nlohmann::ordered_json& rows);

// The import as a catalog or an overlay on `base` (price_list_write.cpp); throws std::logic_error if the document
// it wrote does not load (or, as an overlay, does not apply to `base`).
PriceListResult write_result(const Catalog& base, const Imported& imported, ImportKind kind);

} // namespace bedrock_cost::catalog::detail

namespace bedrock_cost::catalog {

// What an import has read so far.
struct PriceListImport::State {
  State(const Catalog& base_catalog, PriceListOptions import_options)
      : base(base_catalog), options(std::move(import_options)), matcher(base_catalog, options.model_map) {}

  const Catalog& base;
  PriceListOptions options;
  detail::ModelMatcher matcher;
  detail::Imported imported;

  // price_list_read.cpp: a document's products, each handed to add_product.
  void read_document(const nlohmann::json& document, const util::JsonReader& reader);
  void read_offer_file(const nlohmann::json& document, const util::JsonReader& reader, PriceListFile& file);
  void read_get_products(const nlohmann::json& document, const util::JsonReader& reader, PriceListFile& file);

  // price_list_product.cpp: a product becomes a stored price or a skipped product.
  void add_product(const detail::Product& product, const PriceListFile& file, const std::string& label);
  detail::ImportedModel& model_of(const detail::ModelMatcher::Match& match, const std::string& name,
                                  const detail::Product& product);
  void store_price(detail::ImportedModel& model, const Meter& meter, detail::Price price, SkippedProduct& context);
  void store(std::optional<detail::Price>& slot, detail::Price price, SkippedProduct& context);
};

} // namespace bedrock_cost::catalog
