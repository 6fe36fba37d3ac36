#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <istream>
#include <string_view>

namespace bedrock_cost::util {

// The deepest nesting of arrays and objects a JSON input may have. Real inputs (catalogs, overlays, workload
// files, CloudWatch output, price lists) nest at most 8 levels; the limit keeps a broken or hostile file
// ("[[[[…") from costing time and memory in proportion to its depth.
constexpr std::size_t k_max_json_depth = 512;

// Parses one JSON document from `in`, sending its events to `sax` as nlohmann::json::sax_parse does; throws
// InputError "<source>:<line>:<column>: nesting deeper than 512 levels" at the first array or object nested
// deeper than k_max_json_depth. Returns false when `sax` stopped the parse.
bool sax_parse(std::istream& in, std::string_view source, nlohmann::json_sax<nlohmann::json>& sax);

} // namespace bedrock_cost::util
