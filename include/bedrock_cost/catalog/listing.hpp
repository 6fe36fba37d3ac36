#pragma once

#include <bedrock_cost/catalog/catalog.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::catalog {

struct ModelFilter {
  std::optional<std::string> provider; // case-insensitive prefix of the provider name
  std::optional<std::string> region;   // rows that price this Region (and Region-less profile rows)
};

// One line of `bedrock-cost models`: a model with one of its on-demand rows (or none, for a model priced
// only by Provisioned Throughput) and the PT terms priced where that row applies.
struct ListingRow {
  const Model* model = nullptr;
  const OnDemandRow* on_demand = nullptr;
  std::vector<std::string> provisioned_terms;
};

// The rows of the catalog that pass the filter, by model ID then catalog row order.
std::vector<ListingRow> list_models(const Catalog& catalog, const ModelFilter& filter);

// Every provider name in the catalog, sorted, for "did you mean".
std::vector<std::string> providers(const Catalog& catalog);

// Every Region some on-demand or provisioned row of the catalog names, sorted.
std::vector<std::string> regions(const Catalog& catalog);

// The cross-Region inference profile of the geography `region` lies in ("us" for us-east-1, "eu", "apac",
// "us-gov"), if it has one.
std::optional<std::string> geography_profile(std::string_view region);

// The IDs CloudWatch may count the usage of models priced in `region` under (its ModelId dimension), by model ID:
// each model with a standard on-demand price there, then its geography's profile ("us.<id>"), then the profiles
// the catalog prices from there ("global.<id>").
std::vector<std::string> usage_model_ids(const Catalog& catalog, std::string_view region);

} // namespace bedrock_cost::catalog
