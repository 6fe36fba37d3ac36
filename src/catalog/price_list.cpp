#include "price_list_import.hpp"

#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <utility>

// PriceListImport's public members, and the text helpers the parts of an import share (price_list_import.hpp
// lists the parts).

namespace bedrock_cost::catalog {

namespace detail {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

std::string attribute(const std::map<std::string, std::string>& attributes, std::string_view key) {
  const auto found = attributes.find(std::string(key));
  return found == attributes.end() ? std::string() : found->second;
}

std::string date_of(std::string_view timestamp) {
  const std::string date(timestamp.substr(0, std::min<std::size_t>(10, timestamp.size())));
  return util::is_valid_date(date) && date.size() == 10 ? date : std::string();
}

} // namespace detail

using util::JsonReader;

PriceListImport::PriceListImport(const Catalog& base, PriceListOptions options)
    : m_state(std::make_unique<State>(base, std::move(options))) {}

PriceListImport::~PriceListImport() = default;

void PriceListImport::read(std::istream& in, std::string_view source_name) {
  const JsonReader reader{std::string(source_name)};
  m_state->read_document(reader.parse(in), reader);
}

const std::vector<PriceListFile>& PriceListImport::files() const { return m_state->imported.files; }

PriceListResult PriceListImport::result(ImportKind kind) const {
  return detail::write_result(m_state->base, m_state->imported, kind);
}

} // namespace bedrock_cost::catalog
