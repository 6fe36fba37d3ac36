#pragma once

// Internal: turns a catalog or overlay JSON document into Catalog values (no merging).

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <nlohmann/json.hpp>

namespace bedrock_cost::catalog::detail {

struct ParsedFile {
  bool is_overlay = false;
  Catalog catalog;                      // models in file order
  std::vector<std::string> model_paths; // JSON pointer of each model, for messages
};

// Parses and validates one file; in an overlay only `id` and the rows' provenance are required.
ParsedFile parse_file(const nlohmann::json& document, const util::JsonReader& reader);

// The x_download record of an overlay written by `catalog update` (price_list_download.cpp); throws InputError with
// the JSON path when it is missing or malformed.
PriceListDownload read_download(const nlohmann::json& document, const util::JsonReader& reader);

} // namespace bedrock_cost::catalog::detail
