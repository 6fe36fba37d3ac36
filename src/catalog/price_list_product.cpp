#include "price_list_import.hpp"

#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// What one product of the price list becomes: a catalog figure (one USD rate, converted to the catalog's unit,
// matched to a model and stored by Region, profile, variant and term), or a skipped product with the reason.

namespace bedrock_cost::catalog {

using detail::attribute;
using detail::date_of;
using detail::ImportedModel;
using detail::is_digit;
using detail::lower;
using detail::ModelMatcher;
using detail::OnDemandKey;
using detail::Price;
using detail::Product;
using detail::trim;
using util::Fixed9;

namespace {

constexpr std::int64_t k_hours_per_month = 730; // DESIGN.md: a month is 730 hours
constexpr std::string_view k_marketplace_suffix = " (Amazon Bedrock Edition)";

// Moves the decimal point of a plain decimal string `places` to the right ("0.00025", 3 -> "0.25").
std::optional<Fixed9> scaled_price(std::string_view text, int places) {
  std::string digits;
  int point = -1;
  for (const char c : text) {
    if (c == '.' && point < 0) {
      point = static_cast<int>(digits.size());
    } else if (is_digit(c)) {
      digits += c;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty()) {
    return std::nullopt;
  }
  if (point < 0) {
    point = static_cast<int>(digits.size());
  }
  point += places;
  while (static_cast<int>(digits.size()) < point) {
    digits += '0';
  }
  std::string shifted = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction = digits.substr(static_cast<std::size_t>(point));
  while (!fraction.empty() && fraction.back() == '0') {
    fraction.pop_back();
  }
  try {
    return Fixed9::parse(fmt::format("{}{}{}", shifted.empty() ? "0" : shifted, fraction.empty() ? "" : ".", fraction));
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

enum class UnitKind { tokens, mu_hour, tpm_hour };

struct Unit {
  UnitKind kind;
  int places; // decimal places to move: per 1K tokens -> per 1M tokens is 3
};

std::optional<Unit> read_unit(std::string_view unit) {
  const std::string text = lower(trim(unit));
  if (text == "1k tokens" || text == "1k token") {
    return Unit{UnitKind::tokens, 3};
  }
  if (text == "1m tokens" || text == "1m token") {
    return Unit{UnitKind::tokens, 0};
  }
  if (text == "hour" || text == "hours" || text == "hrs" || text == "hr") {
    return Unit{UnitKind::mu_hour, 0};
  }
  if (text == "1k tpm hour" || text == "1k tpm hours" || text == "1k tpm-hour") {
    return Unit{UnitKind::tpm_hour, 0};
  }
  return std::nullopt;
}

// The product as the list of products not imported names it (with no model and no reason yet).
SkippedProduct product_context(const Product& product, const PriceListFile& file) {
  SkippedProduct context;
  context.file = file.name;
  context.sku = product.sku;
  context.usage_type = attribute(product.attributes, "usagetype");
  context.region = attribute(product.attributes, "regionCode");
  return context;
}

// The names a product gives its model, strongest first: the model and titanModel attributes, then the Marketplace
// service name without " (Amazon Bedrock Edition)". The usage type's model part only when the product names no
// model: a named model the catalog lacks must not fall back to a look-alike ("Mistral Large 2" is not "Mistral Large
// (24.02)").
std::vector<std::string> model_names(const std::map<std::string, std::string>& attributes, const Meter& meter) {
  std::vector<std::string> names;
  for (const std::string_view key : {"model", "titanModel"}) {
    if (const std::string name = trim(attribute(attributes, key)); !name.empty()) {
      names.push_back(name);
    }
  }
  if (const std::string service = attribute(attributes, "servicename"); service.ends_with(k_marketplace_suffix)) {
    names.push_back(trim(service.substr(0, service.size() - k_marketplace_suffix.size())));
  }
  if (names.empty() && !meter.model_token.empty()) {
    names.push_back(meter.model_token);
  }
  return names;
}

// Why the product's terms are not exactly one rate, of one range starting at 0, priced in USD (empty when they
// are); sets `context.price` once a price is read.
std::string rate_problem(const Product& product, SkippedProduct& context) {
  if (product.rates.empty()) {
    return "no price in the file's terms";
  }
  if (product.rates.size() > 1) {
    return fmt::format("{} price dimensions (tiered or several terms); the catalog holds one price",
                       product.rates.size());
  }
  const Product::Rate& rate = product.rates.front();
  const auto usd = rate.price_per_unit.find("USD");
  if (usd == rate.price_per_unit.end()) {
    if (rate.price_per_unit.empty()) {
      return "no price in its price dimension";
    }
    const auto& [currency, amount] = *rate.price_per_unit.begin();
    context.price = fmt::format("{} {} per {}", amount, currency, rate.unit);
    return fmt::format("priced in {}, not USD", currency);
  }
  context.price = fmt::format("{} USD per {}", usd->second, rate.unit);
  if (!(rate.begin.empty() || rate.begin == "0") || !(rate.end.empty() || lower(rate.end) == "inf")) {
    return fmt::format("a tiered rate ({} to {}); the catalog holds one price", rate.begin, rate.end);
  }
  return {};
}

// Why the product's usage type, Region or meter cannot give a catalog figure (empty when they can).
std::string meter_problem(const SkippedProduct& context, const Meter& meter) {
  if (context.usage_type.empty()) {
    return "no usagetype attribute";
  }
  if (context.region.empty()) {
    return "no regionCode attribute";
  }
  if (!is_region_code(context.region)) {
    return fmt::format("regionCode '{}' is not an AWS Region code such as us-east-1", util::excerpt(context.region));
  }
  return meter.unsupported;
}

// The price per catalog unit (1M tokens, MU-hour, 1K TPM-month), or why the rate has none.
struct CatalogValue {
  std::optional<Fixed9> value;
  std::string problem;
};

CatalogValue catalog_value(const Product::Rate& rate, const Meter& meter) {
  const std::optional<Unit> unit = read_unit(rate.unit);
  if (!unit) {
    return {std::nullopt,
            fmt::format("unit '{}' is not one the catalog holds (1K tokens, 1M tokens, hour, 1K TPM Hour)",
                        util::excerpt(rate.unit))};
  }
  const UnitKind expected = meter.kind == Meter::Kind::provisioned ? UnitKind::mu_hour
                            : meter.kind == Meter::Kind::reserved  ? UnitKind::tpm_hour
                                                                   : UnitKind::tokens;
  if (unit->kind != expected) {
    return {std::nullopt, fmt::format("unit '{}' does not fit a {} usage type", util::excerpt(rate.unit),
                                      meter.kind == Meter::Kind::provisioned ? "Provisioned Throughput"
                                      : meter.kind == Meter::Kind::reserved  ? "Reserved-tier"
                                                                             : "token")};
  }
  const std::string& usd = rate.price_per_unit.at("USD");
  std::optional<Fixed9> value = scaled_price(usd, unit->places);
  if (value && unit->kind == UnitKind::tpm_hour) {
    std::int64_t monthly = 0;
    value = __builtin_mul_overflow(value->units(), k_hours_per_month, &monthly)
                ? std::nullopt
                : std::optional<Fixed9>(Fixed9::from_units(monthly));
  }
  if (!value) {
    return {std::nullopt,
            fmt::format("price '{}' is not a non-negative decimal the catalog can hold exactly", util::excerpt(usd))};
  }
  return {value, {}};
}

// The date a price is as of: the file's publication date, else the date its version starts with, else the rate's
// effective date; empty when none is a date.
std::string price_date(const PriceListFile& file, const Product::Rate& rate) {
  std::string as_of = file.publication_date;
  if (as_of.empty() && file.version.size() >= 8) {
    as_of = date_of(
        fmt::format("{}-{}-{}", file.version.substr(0, 4), file.version.substr(4, 2), file.version.substr(6, 2)));
  }
  if (as_of.empty()) {
    as_of = date_of(rate.effective_date);
  }
  return as_of;
}

} // namespace

// Fills an empty slot; the same figure again adds its SKU; a different figure makes the slot a conflict, listing
// every product behind it.
void PriceListImport::State::store(std::optional<Price>& slot, Price price, SkippedProduct& context) {
  if (!slot) {
    slot = std::move(price);
    return;
  }
  if (slot->conflict || slot->value != price.value) {
    // Two prices for one model, Region and dimension: none is imported, all are listed.
    const auto reason = [](const std::string& other) {
      return fmt::format("conflicts with SKU {}, another price for the same model, Region and price dimension "
                         "(none of them is imported)",
                         other);
    };
    if (!slot->conflict) {
      for (SkippedProduct& origin : slot->origins) {
        origin.reason = reason(context.sku);
        imported.skipped.push_back(origin);
      }
      slot->conflict = true;
    }
    context.reason = reason(fmt::format("{}", fmt::join(slot->skus, ", ")));
    imported.skipped.push_back(context);
    slot->skus.insert(context.sku);
    return;
  }
  // The same rate published twice (once per naming convention): one figure, both SKUs.
  slot->skus.insert(price.skus.begin(), price.skus.end());
  slot->origins.push_back(context);
}

// Stores the product's price under its model, or lists it as not imported with the reason.
void PriceListImport::State::add_product(const Product& product, const PriceListFile& file, const std::string& label) {
  SkippedProduct context = product_context(product, file);
  const Meter meter = classify_usage_type(context.usage_type, product.attributes);
  const std::vector<std::string> names = model_names(product.attributes, meter);
  context.model = names.empty() ? std::string() : names.front();
  if (!options.regions.empty() && !context.region.empty() &&
      std::find(options.regions.begin(), options.regions.end(), context.region) == options.regions.end()) {
    ++imported.outside_regions;
    return;
  }
  const auto skip = [&](std::string reason) {
    context.reason = std::move(reason);
    imported.skipped.push_back(context);
  };
  std::string problem = rate_problem(product, context);
  if (problem.empty()) {
    problem = meter_problem(context, meter);
  }
  if (!problem.empty()) {
    return skip(std::move(problem));
  }
  const Product::Rate& rate = product.rates.front();
  CatalogValue value = catalog_value(rate, meter);
  if (!value.value) {
    return skip(std::move(value.problem));
  }
  const ModelMatcher::Match match = matcher.match(names);
  if (match.id.empty()) {
    return skip(match.error);
  }
  const std::string as_of = price_date(file, rate);
  if (as_of.empty()) {
    return skip("no publicationDate, version date or effectiveDate to date the price");
  }
  imported.sources.emplace(label, SourceInfo{fmt::format("AWS Price List, offer {}, version {}", file.offer_code,
                                                         file.version.empty() ? "unknown" : file.version),
                                             as_of, "AWS"});
  ImportedModel& model = model_of(match, context.model, product);
  store_price(model, meter, Price{*value.value, {product.sku}, label, as_of, false, {context}}, context);
}

// The model a match names, recording the match (by price-list name and model ID) for the report.
ImportedModel& PriceListImport::State::model_of(const ModelMatcher::Match& match, const std::string& name,
                                                const Product& product) {
  ImportedModel& model = imported.models[match.id];
  if (model.name.empty()) {
    model.name = name;
    model.provider = trim(attribute(product.attributes, "provider"));
  }
  ModelMatch& recorded = imported.matches[{name, match.id}];
  recorded.price_list_name = name;
  recorded.model_id = match.id;
  recorded.how = match.how;
  ++recorded.prices;
  return model;
}

// Stores the price in the model's slot for the meter's Region, profile, variant, dimension or term.
void PriceListImport::State::store_price(ImportedModel& model, const Meter& meter, Price price,
                                         SkippedProduct& context) {
  switch (meter.kind) {
  case Meter::Kind::on_demand:
    store(model.on_demand[OnDemandKey{context.region, meter.profile, meter.variant}]
                         [static_cast<std::size_t>(meter.dimension)],
          std::move(price), context);
    break;
  case Meter::Kind::provisioned: {
    std::optional<Price> slot;
    auto& terms = model.provisioned[{context.region, meter.custom_model}];
    if (const auto found = terms.find(meter.term); found != terms.end()) {
      slot = found->second;
    }
    store(slot, std::move(price), context);
    terms[meter.term] = *slot;
    break;
  }
  case Meter::Kind::reserved:
    store(model.reserved[context.region][meter.term][meter.reserved_input ? 0 : 1], std::move(price), context);
    break;
  }
}

} // namespace bedrock_cost::catalog
