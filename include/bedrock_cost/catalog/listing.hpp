#pragma once

#include <bedrock_cost/catalog/catalog.hpp>

#include <optional>
#include <string>
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

} // namespace bedrock_cost::catalog
