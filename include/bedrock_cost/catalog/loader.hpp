#pragma once

#include <bedrock_cost/catalog/catalog.hpp>

#include <istream>
#include <string_view>

namespace bedrock_cost::catalog {

// Parses and validates a whole catalog; throws InputError naming `source_name` and the JSON path of the
// first problem (missing field, bad number, unknown unit or key, duplicate model, bad date).
Catalog load_catalog(std::istream& in, std::string_view source_name);

// Merges an overlay (a partial catalog, e.g. a customer's quote) into `catalog`, field by field, the
// overlay winning; throws InputError like load_catalog and leaves `catalog` unchanged on error.
void apply_overlay(Catalog& catalog, std::istream& in, std::string_view source_name);

// Merges the AWS Price List overlay that `catalog update` wrote (with its x_download record) like apply_overlay,
// as AWS's own prices rather than a quote: it is kept in catalog.price_list, not in `overlays` or `overlay_rows`.
// Throws InputError naming `source_name` and the JSON path (an overlay without x_download is refused too) and
// leaves `catalog` unchanged on error.
void apply_price_list_overlay(Catalog& catalog, std::istream& in, std::string_view source_name);

// What `catalog validate` found in a file.
struct ValidationSummary {
  bool is_overlay = false;
  std::size_t models = 0;
  std::size_t on_demand_rows = 0;
  std::size_t provisioned_rows = 0;
  std::size_t reserved_rows = 0;
};

// Validates a catalog or overlay file (by its "kind") on its own; throws InputError on the first problem.
ValidationSummary validate_file(std::istream& in, std::string_view source_name);

// The catalog compiled into the binary (data/catalog.json).
const Catalog& embedded_catalog();

} // namespace bedrock_cost::catalog
