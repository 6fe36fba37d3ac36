#pragma once

// Internal: what the parts of a price-list import share. price_list_usage_type.cpp classifies usage types,
// price_list_match.cpp matches model names to catalog models, price_list.cpp holds PriceListImport's public
// members and the text helpers below.

#include <bedrock_cost/catalog/price_list.hpp>

#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::catalog::detail {

// `text` in ASCII lower case.
std::string lower(std::string_view text);
// `text` without leading and trailing spaces and tabs.
std::string trim(std::string_view text);
inline bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
inline bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
// A product attribute's value, empty when the product has no such attribute.
std::string attribute(const std::map<std::string, std::string>& attributes, std::string_view key);

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

} // namespace bedrock_cost::catalog::detail
