#include "price_list_import.hpp"

#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <utility>

// Reading the price list: a bulk offer file (products keyed by SKU, terms by SKU and offer term) or the output of
// `aws pricing get-products` (a PriceList of JSON documents encoded as strings), read into products with every
// price dimension of their terms, each handed to State::add_product.

namespace bedrock_cost::catalog {

using detail::date_of;
using detail::Product;
using nlohmann::json;
using util::child_path;
using util::JsonReader;

namespace {

std::string string_value(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

std::map<std::string, std::string> read_attributes(const json& product, const JsonReader& reader,
                                                   const std::string& path) {
  std::map<std::string, std::string> attributes;
  const json* found = JsonReader::member(product, "attributes");
  if (found == nullptr) {
    return attributes;
  }
  if (!found->is_object()) {
    reader.fail(child_path(path, "attributes"), "expected an object of attribute -> string");
  }
  for (const auto& [key, value] : found->items()) {
    attributes[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return attributes;
}

// The price dimensions of one term object {"priceDimensions": {...}, "effectiveDate": ...}.
void read_term(const json& term, const JsonReader& reader, const std::string& path, Product& product) {
  if (!term.is_object()) {
    reader.fail(path, "expected an object with priceDimensions");
  }
  const json* dimensions = JsonReader::member(term, "priceDimensions");
  if (dimensions == nullptr || !dimensions->is_object()) {
    reader.fail(child_path(path, "priceDimensions"), "expected an object of rate code -> price dimension");
  }
  const std::string effective = JsonReader::member(term, "effectiveDate") != nullptr
                                    ? string_value(*JsonReader::member(term, "effectiveDate"))
                                    : std::string();
  for (const auto& [code, dimension] : dimensions->items()) {
    const std::string dimension_path = child_path(child_path(path, "priceDimensions"), code);
    if (!dimension.is_object()) {
      reader.fail(dimension_path, "expected a price dimension object");
    }
    Product::Rate rate;
    rate.path = dimension_path;
    rate.effective_date = effective;
    const auto text = [&object = dimension](std::string_view key) { // (clang 14 cannot capture a binding)
      const json* value = JsonReader::member(object, key);
      return value == nullptr ? std::string() : string_value(*value);
    };
    for (const std::string_view key : {"unit", "beginRange", "endRange", "startingRange", "endingRange"}) {
      if (const json* value = JsonReader::member(dimension, key); value != nullptr && !value->is_string()) {
        reader.fail(child_path(dimension_path, key), "expected a string such as \"0\" or \"Inf\" (every value of the "
                                                     "price list is a string)");
      }
    }
    rate.unit = text("unit");
    // Real files say beginRange/endRange; the AWS guide's template says startingRange/endingRange.
    rate.begin = JsonReader::member(dimension, "beginRange") != nullptr ? text("beginRange") : text("startingRange");
    rate.end = JsonReader::member(dimension, "endRange") != nullptr ? text("endRange") : text("endingRange");
    const json* prices = JsonReader::member(dimension, "pricePerUnit");
    if (prices == nullptr || !prices->is_object()) {
      reader.fail(child_path(dimension_path, "pricePerUnit"), "expected an object of currency -> price");
    }
    for (const auto& [currency, value] : prices->items()) {
      if (!value.is_string()) {
        reader.fail(child_path(child_path(dimension_path, "pricePerUnit"), currency),
                    "expected a price string such as \"0.0002500000\"");
      }
      rate.price_per_unit[currency] = value.get<std::string>();
    }
    product.rates.push_back(std::move(rate));
  }
}

// terms.<type> of an offer file: SKU -> "SKU.term" -> term; of get-products: "SKU.term" -> term.
void read_terms(const json& document, const JsonReader& reader, const std::string& path, bool keyed_by_sku,
                std::map<std::string, Product>& products) {
  const json* terms = JsonReader::member(document, "terms");
  if (terms == nullptr) {
    return;
  }
  if (!terms->is_object()) {
    reader.fail(child_path(path, "terms"), "expected an object of term type -> terms");
  }
  for (const auto& [type, by_key] : terms->items()) {
    const std::string type_path = child_path(child_path(path, "terms"), type);
    if (!by_key.is_object()) {
      reader.fail(type_path, "expected an object of terms");
    }
    for (const auto& [key, value] : by_key.items()) {
      const std::string key_path = child_path(type_path, key);
      const auto add = [&](const std::string& sku, const json& term, const std::string& term_path) {
        const auto product = products.find(sku);
        if (product == products.end()) {
          reader.fail(term_path, fmt::format("term for SKU '{}', which no product has", util::excerpt(sku)));
        }
        read_term(term, reader, term_path, product->second);
      };
      if (keyed_by_sku) {
        if (!value.is_object()) {
          reader.fail(key_path, "expected an object of offer term -> term");
        }
        for (const auto& [term_code, term] : value.items()) {
          add(key, term, child_path(key_path, term_code));
        }
      } else {
        add(key.substr(0, key.find('.')), value, key_path);
      }
    }
  }
}

Product read_product(const json& product, const JsonReader& reader, const std::string& path, const std::string& key) {
  if (!product.is_object()) {
    reader.fail(path, "expected a product object");
  }
  Product result;
  const json* sku = JsonReader::member(product, "sku");
  result.sku = sku != nullptr ? string_value(*sku) : key;
  if (result.sku.empty()) {
    reader.fail(child_path(path, "sku"), "expected the product's SKU string");
  }
  result.attributes = read_attributes(product, reader, path);
  return result;
}

} // namespace

void PriceListImport::State::read_offer_file(const json& document, const JsonReader& reader, PriceListFile& file) {
  file.format = "offer file";
  file.offer_code = string_value(document["offerCode"]);
  const json* version = JsonReader::member(document, "version");
  file.version = version != nullptr ? string_value(*version) : std::string();
  const json* published = JsonReader::member(document, "publicationDate");
  file.publication_date = published != nullptr ? date_of(string_value(*published)) : std::string();
  const json& products_json = document["products"];
  if (!products_json.is_object()) {
    reader.fail("/products", "expected an object of SKU -> product");
  }
  std::map<std::string, Product> products;
  for (const auto& [key, product] : products_json.items()) {
    Product read = read_product(product, reader, child_path("/products", key), key);
    if (read.sku != key) {
      reader.fail(child_path(child_path("/products", key), "sku"),
                  fmt::format("SKU '{}' under the key '{}' (an offer file keys each product by its SKU)",
                              util::excerpt(read.sku), util::excerpt(key)));
    }
    products.emplace(read.sku, std::move(read));
  }
  read_terms(document, reader, "", true, products);
  file.products = products.size();
  const std::string label = fmt::format("aws-price-list-{}-{}", file.offer_code, file.version);
  for (const auto& [sku, product] : products) {
    add_product(product, file, label);
  }
}

void PriceListImport::State::read_get_products(const json& document, const JsonReader& reader, PriceListFile& file) {
  file.format = "get-products";
  file.more_pages = JsonReader::member(document, "NextToken") != nullptr;
  const json& list = document["PriceList"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = child_path("/PriceList", i);
    if (!list[i].is_string()) {
      reader.fail(path, "expected a JSON document encoded as a string (the get-products PriceList format)");
    }
    // Parsed again with the same checks as a file: duplicate keys, numbers out of range, syntax.
    const JsonReader element_reader(fmt::format("{}: {} (the string, parsed as JSON)", reader.source(), path));
    std::istringstream element_text(list[i].get<std::string>());
    const json element = element_reader.parse(element_text);
    if (!element.is_object()) {
      reader.fail(path, "expected a JSON object in the string");
    }
    const json* product = JsonReader::member(element, "product");
    if (product == nullptr) {
      reader.fail(path, "missing \"product\" in the decoded document");
    }
    Product read = read_product(*product, reader, child_path(path, "product"), "");
    const std::string sku = read.sku;
    std::map<std::string, Product> products;
    products.emplace(sku, std::move(read));
    read_terms(element, reader, path, false, products);
    PriceListFile element_file = file;
    const json* service = JsonReader::member(element, "serviceCode");
    element_file.offer_code = service != nullptr ? string_value(*service) : std::string();
    const json* version = JsonReader::member(element, "version");
    element_file.version = version != nullptr ? string_value(*version) : std::string();
    const json* published = JsonReader::member(element, "publicationDate");
    element_file.publication_date = published != nullptr ? date_of(string_value(*published)) : std::string();
    if (file.offer_code.empty()) {
      file.offer_code = element_file.offer_code;
      file.version = element_file.version;
      file.publication_date = element_file.publication_date;
    } else if (file.offer_code != element_file.offer_code) {
      file.offer_code = fmt::format("{}, {}", file.offer_code, element_file.offer_code);
    }
    ++file.products;
    add_product(products.at(sku), element_file,
                fmt::format("aws-price-list-{}-{}", element_file.offer_code, element_file.version));
  }
}

void PriceListImport::State::read_document(const json& document, const JsonReader& reader) {
  PriceListFile file;
  file.name = reader.source();
  if (document.is_object() && document.contains("offerCode") && document.contains("products")) {
    read_offer_file(document, reader, file);
  } else if (document.is_object() && document.contains("PriceList") && document["PriceList"].is_array()) {
    read_get_products(document, reader, file);
  } else {
    reader.fail("", "not an AWS price list: expected a bulk offer file (offerCode, products, terms) or "
                    "`aws pricing get-products` output (PriceList)");
  }
  imported.files.push_back(std::move(file));
}

} // namespace bedrock_cost::catalog
