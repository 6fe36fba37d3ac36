#pragma once

// Internal: what the parts of a price-list import share. price_list_usage_type.cpp classifies usage types,
// price_list.cpp holds PriceListImport's public members and the text helpers below.

#include <bedrock_cost/catalog/price_list.hpp>

#include <cctype>
#include <map>
#include <string>
#include <string_view>

namespace bedrock_cost::catalog::detail {

// `text` in ASCII lower case.
std::string lower(std::string_view text);
// `text` without leading and trailing spaces and tabs.
std::string trim(std::string_view text);
inline bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
inline bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
// A product attribute's value, empty when the product has no such attribute.
std::string attribute(const std::map<std::string, std::string>& attributes, std::string_view key);

} // namespace bedrock_cost::catalog::detail
