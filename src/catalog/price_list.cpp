#include "price_list_import.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

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

} // namespace detail

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
using nlohmann::json;
using ojson = nlohmann::ordered_json;
using util::child_path;
using util::Fixed9;
using util::JsonReader;

namespace {

constexpr std::int64_t k_hours_per_month = 730; // DESIGN.md: a month is 730 hours
constexpr std::string_view k_marketplace_suffix = " (Amazon Bedrock Edition)";

} // namespace

namespace {

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

} // namespace

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
        skipped.push_back(origin);
      }
      slot->conflict = true;
    }
    context.reason = reason(fmt::format("{}", fmt::join(slot->skus, ", ")));
    skipped.push_back(context);
    slot->skus.insert(context.sku);
    return;
  }
  // The same rate published twice (once per naming convention): one figure, both SKUs.
  slot->skus.insert(price.skus.begin(), price.skus.end());
  slot->origins.push_back(context);
}

void PriceListImport::State::add_product(const Product& product, const PriceListFile& file, const std::string& label) {
  SkippedProduct context;
  context.file = file.name;
  context.sku = product.sku;
  context.usage_type = attribute(product.attributes, "usagetype");
  context.region = attribute(product.attributes, "regionCode");
  std::vector<std::string> names;
  for (const std::string_view key : {"model", "titanModel"}) {
    if (const std::string name = trim(attribute(product.attributes, key)); !name.empty()) {
      names.push_back(name);
    }
  }
  if (const std::string service = attribute(product.attributes, "servicename");
      service.ends_with(k_marketplace_suffix)) {
    names.push_back(trim(service.substr(0, service.size() - k_marketplace_suffix.size())));
  }
  const Meter meter = classify_usage_type(context.usage_type, product.attributes);
  // The usage type's model part only when the product names no model: a named model the catalog lacks must not
  // fall back to a look-alike ("Mistral Large 2" is not "Mistral Large (24.02)").
  if (names.empty() && !meter.model_token.empty()) {
    names.push_back(meter.model_token);
  }
  context.model = names.empty() ? std::string() : names.front();
  const auto skip = [&](std::string reason) {
    context.reason = std::move(reason);
    skipped.push_back(context);
  };
  if (!options.regions.empty() && !context.region.empty() &&
      std::find(options.regions.begin(), options.regions.end(), context.region) == options.regions.end()) {
    ++outside_regions;
    return;
  }
  // Exactly one rate, of one range starting at 0, priced in USD.
  if (product.rates.empty()) {
    return skip("no price in the file's terms");
  }
  if (product.rates.size() > 1) {
    return skip(fmt::format("{} price dimensions (tiered or several terms); the catalog holds one price",
                            product.rates.size()));
  }
  const Product::Rate& rate = product.rates.front();
  const auto usd = rate.price_per_unit.find("USD");
  if (usd == rate.price_per_unit.end()) {
    if (rate.price_per_unit.empty()) {
      return skip("no price in its price dimension");
    }
    const auto& [currency, amount] = *rate.price_per_unit.begin();
    context.price = fmt::format("{} {} per {}", amount, currency, rate.unit);
    return skip(fmt::format("priced in {}, not USD", currency));
  }
  context.price = fmt::format("{} USD per {}", usd->second, rate.unit);
  if (!(rate.begin.empty() || rate.begin == "0") || !(rate.end.empty() || lower(rate.end) == "inf")) {
    return skip(fmt::format("a tiered rate ({} to {}); the catalog holds one price", rate.begin, rate.end));
  }
  if (context.usage_type.empty()) {
    return skip("no usagetype attribute");
  }
  if (context.region.empty()) {
    return skip("no regionCode attribute");
  }
  if (!is_region_code(context.region)) {
    return skip(
        fmt::format("regionCode '{}' is not an AWS Region code such as us-east-1", util::excerpt(context.region)));
  }
  if (!meter.unsupported.empty()) {
    return skip(meter.unsupported);
  }
  const std::optional<Unit> unit = read_unit(rate.unit);
  if (!unit) {
    return skip(fmt::format("unit '{}' is not one the catalog holds (1K tokens, 1M tokens, hour, 1K TPM Hour)",
                            util::excerpt(rate.unit)));
  }
  const UnitKind expected = meter.kind == Meter::Kind::provisioned ? UnitKind::mu_hour
                            : meter.kind == Meter::Kind::reserved  ? UnitKind::tpm_hour
                                                                   : UnitKind::tokens;
  if (unit->kind != expected) {
    return skip(fmt::format("unit '{}' does not fit a {} usage type", util::excerpt(rate.unit),
                            meter.kind == Meter::Kind::provisioned ? "Provisioned Throughput"
                            : meter.kind == Meter::Kind::reserved  ? "Reserved-tier"
                                                                   : "token"));
  }
  std::optional<Fixed9> value = scaled_price(usd->second, unit->places);
  if (value && unit->kind == UnitKind::tpm_hour) {
    std::int64_t monthly = 0;
    value = __builtin_mul_overflow(value->units(), k_hours_per_month, &monthly)
                ? std::nullopt
                : std::optional<Fixed9>(Fixed9::from_units(monthly));
  }
  if (!value) {
    return skip(fmt::format("price '{}' is not a non-negative decimal the catalog can hold exactly",
                            util::excerpt(usd->second)));
  }
  const ModelMatcher::Match match = matcher.match(names);
  if (match.id.empty()) {
    return skip(match.error);
  }
  std::string as_of = file.publication_date;
  if (as_of.empty() && file.version.size() >= 8) {
    as_of = date_of(
        fmt::format("{}-{}-{}", file.version.substr(0, 4), file.version.substr(4, 2), file.version.substr(6, 2)));
  }
  if (as_of.empty()) {
    as_of = date_of(rate.effective_date);
  }
  if (as_of.empty()) {
    return skip("no publicationDate, version date or effectiveDate to date the price");
  }
  sources.emplace(label, SourceInfo{fmt::format("AWS Price List, offer {}, version {}", file.offer_code,
                                                file.version.empty() ? "unknown" : file.version),
                                    as_of, "AWS"});
  ImportedModel& model = models[match.id];
  if (model.name.empty()) {
    model.name = context.model;
    model.provider = trim(attribute(product.attributes, "provider"));
  }
  ModelMatch& recorded = matches[{context.model, match.id}];
  recorded.price_list_name = context.model;
  recorded.model_id = match.id;
  recorded.how = match.how;
  ++recorded.prices;
  Price price{*value, {product.sku}, label, as_of, false, {context}};
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

PriceListImport::PriceListImport(const Catalog& base, PriceListOptions options)
    : m_state(std::make_unique<State>(base, std::move(options))) {}

PriceListImport::~PriceListImport() = default;

void PriceListImport::read(std::istream& in, std::string_view source_name) {
  const JsonReader reader{std::string(source_name)};
  m_state->read_document(reader.parse(in), reader);
}

const std::vector<PriceListFile>& PriceListImport::files() const { return m_state->files; }

namespace {

std::string joined_sources(const std::vector<const Price*>& prices, std::string& as_of, std::set<std::string>& skus) {
  std::set<std::string> labels;
  for (const Price* price : prices) {
    labels.insert(price->source);
    as_of = std::max(as_of, price->as_of);
    skus.insert(price->skus.begin(), price->skus.end());
  }
  return fmt::format("{}", fmt::join(labels, ", "));
}

ojson provenance_fields(ojson row, const std::vector<const Price*>& prices) {
  std::string as_of;
  std::set<std::string> skus;
  row["source"] = joined_sources(prices, as_of, skus);
  row["as_of"] = as_of;
  row["x_skus"] = skus;
  return row;
}

// Rows with identical figures in several Regions become one row listing the Regions.
template <typename Value> struct RegionGroup {
  std::vector<std::string> regions;
  std::vector<Value> values; // one per Region, all with the same figures
};

template <typename Value>
std::vector<RegionGroup<Value>> group_regions(const std::vector<std::pair<std::string, Value>>& by_region,
                                              const std::function<ojson(const Value&)>& figures) {
  std::vector<RegionGroup<Value>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& [region, value] : by_region) {
    const std::string key = util::dump_json(figures(value));
    auto found = index.find(key);
    if (found == index.end()) {
      found = index.emplace(key, groups.size()).first;
      groups.emplace_back();
    }
    groups[found->second].regions.push_back(region);
    groups[found->second].values.push_back(value);
  }
  return groups;
}

// A price as a JSON number when that number reads back as exactly the price (as every real price does), else as
// its decimal string, which catalogs read exactly too: 9223372036.854775807 as a double would be out of range.
ojson price_json(const Price& price) {
  const double number = price.value.to_double();
  try {
    if (Fixed9::from_double(number) == price.value) {
      ojson result = number;
      return result;
    }
  } catch (const std::invalid_argument&) {
  }
  ojson result = price.value.to_string();
  return result;
}

} // namespace

PriceListResult PriceListImport::result(ImportKind kind) const {
  const State& s = *m_state;
  PriceListResult result;
  result.skipped = s.skipped;
  const bool catalog_kind = kind == ImportKind::catalog;
  const auto figure = [](const std::optional<Price>& price) -> const Price* {
    return price && !price->conflict ? &*price : nullptr;
  };
  Catalog working = s.base; // overlay rows are admitted one by one onto the base, as --prices will apply them
  const auto skip_row = [&](const std::set<std::string>& skus, const std::string& region, const std::string& model,
                            const std::string& reason) {
    result.skipped.push_back(
        SkippedProduct{"", fmt::format("{}", fmt::join(skus, ", ")), "", model, region, "", reason});
  };
  ojson models = ojson::array();
  std::string newest;
  for (const auto& [id, imported] : s.models) {
    const Model* base = s.matcher.find(id);
    const bool text_model = base == nullptr || base->kind == "text";
    ojson model{{"id", id}};
    std::size_t model_prices = 0;
    const std::string name = base != nullptr ? base->name : imported.name;
    const std::string provider = base != nullptr ? base->provider : imported.provider;
    if (catalog_kind || base == nullptr) {
      model["name"] = name;
      model["provider"] = provider.empty() ? std::string("unknown") : provider;
      if (base != nullptr && base->kind != "text") {
        model["kind"] = base->kind;
      }
    }
    // On-demand: one row per (profile, variant) and set of identical prices.
    std::map<std::pair<std::string, std::string>,
             std::vector<std::pair<std::string, std::array<const Price*, k_dimension_count>>>>
        by_group;
    for (const auto& [key, slots] : imported.on_demand) {
      std::array<const Price*, k_dimension_count> prices{};
      std::set<std::string> skus;
      for (std::size_t d = 0; d < k_dimension_count; ++d) {
        prices.at(d) = figure(slots.at(d));
        if (slots.at(d)) {
          skus.insert(slots.at(d)->skus.begin(), slots.at(d)->skus.end());
        }
      }
      const bool has_input = prices[static_cast<std::size_t>(Dimension::input)] != nullptr;
      const bool has_output = prices[static_cast<std::size_t>(Dimension::output)] != nullptr;
      const std::string where =
          fmt::format("{} ({}) in {}{}{}", name, id, key.region, key.profile.empty() ? "" : ", global profile",
                      key.variant == "standard" ? "" : fmt::format(", {}", key.variant));
      if (text_model && has_input != has_output) {
        result.notes.push_back(fmt::format("{}: the price list gives an {} price but no {} price", where,
                                           has_input ? "input" : "output", has_input ? "output" : "input"));
      }
      if (catalog_kind && !has_input) {
        skip_row(skus, key.region, name,
                 "no input price in the price list, and a catalog row needs one (import as an overlay instead)");
        continue;
      }
      if (std::all_of(prices.begin(), prices.end(), [](const Price* p) { return p == nullptr; })) {
        continue;
      }
      by_group[{key.profile, key.variant}].emplace_back(key.region, prices);
    }
    ojson on_demand = ojson::array();
    for (const auto& [group, rows] : by_group) {
      const std::function<ojson(const std::array<const Price*, k_dimension_count>&)> figures =
          [&](const std::array<const Price*, k_dimension_count>& prices) {
            ojson row = ojson::object();
            for (std::size_t d = 0; d < k_dimension_count; ++d) {
              if (prices.at(d) != nullptr) {
                row[std::string(k_dimension_names.at(d))] = price_json(*prices.at(d));
              }
            }
            return row;
          };
      const auto groups = group_regions(rows, figures);
      for (const auto& [regions, values] : groups) {
        // A profile row with one set of prices applies from any Region (as the catalog's own global rows do).
        ojson row = !group.first.empty() && groups.size() == 1 ? ojson::object() : ojson{{"regions", regions}};
        if (!group.first.empty()) {
          row["profile"] = group.first;
        }
        if (group.second != "standard") {
          row["variant"] = group.second;
        }
        row["unit"] = "per_1m_tokens";
        row.update(figures(values.front()));
        std::vector<const Price*> used;
        for (const auto& prices : values) {
          for (const Price* price : prices) {
            if (price != nullptr) {
              used.push_back(price);
              ++model_prices;
            }
          }
        }
        on_demand.push_back(provenance_fields(std::move(row), used));
      }
    }
    // Provisioned: per (custom, terms) group of Regions.
    std::map<bool, std::vector<std::pair<std::string, std::map<std::string, const Price*>>>> provisioned_groups;
    for (const auto& [key, terms] : imported.provisioned) {
      std::map<std::string, const Price*> prices;
      for (const auto& [term, price] : terms) {
        if (!price.conflict) {
          prices[term] = &price;
        }
      }
      if (!prices.empty()) {
        provisioned_groups[key.second].emplace_back(key.first, prices);
      }
    }
    ojson provisioned = ojson::array();
    for (const auto& [custom, rows] : provisioned_groups) {
      const std::function<ojson(const std::map<std::string, const Price*>&)> figures =
          [&](const std::map<std::string, const Price*>& prices) {
            ojson terms = ojson::object();
            for (const auto& [term, price] : prices) {
              terms[term] = price_json(*price);
            }
            return terms;
          };
      for (const auto& [regions, values] : group_regions(rows, figures)) {
        ojson row{{"regions", regions}};
        if (custom) {
          row["custom_model"] = true;
        }
        row["unit"] = "per_mu_hour";
        row["terms"] = figures(values.front());
        std::vector<const Price*> used;
        for (const auto& prices : values) {
          for (const auto& [term, price] : prices) {
            used.push_back(price);
            ++model_prices;
          }
        }
        provisioned.push_back(provenance_fields(std::move(row), used));
      }
    }
    // Reserved: per-hour prices per 1K TPM, written per month (x 730 hours).
    std::vector<std::pair<std::string, std::map<std::string, std::array<const Price*, 2>>>> reserved_rows;
    for (const auto& [region, terms] : imported.reserved) {
      std::map<std::string, std::array<const Price*, 2>> prices;
      for (const auto& [term, sides] : terms) {
        const std::array<const Price*, 2> pair{figure(sides[0]), figure(sides[1])};
        if (catalog_kind && (pair[0] == nullptr || pair[1] == nullptr)) {
          std::set<std::string> skus;
          for (const auto& side : sides) {
            if (side) {
              skus.insert(side->skus.begin(), side->skus.end());
            }
          }
          skip_row(skus, region, name,
                   fmt::format("Reserved term {} has only one of input and output, and a catalog needs both", term));
          continue;
        }
        if (pair[0] != nullptr || pair[1] != nullptr) {
          prices[term] = pair;
        }
      }
      if (!prices.empty()) {
        reserved_rows.emplace_back(region, prices);
      }
    }
    ojson reserved = ojson::array();
    const std::function<ojson(const std::map<std::string, std::array<const Price*, 2>>&)> reserved_figures =
        [&](const std::map<std::string, std::array<const Price*, 2>>& prices) {
          ojson terms = ojson::object();
          for (const auto& [term, pair] : prices) {
            ojson sides = ojson::object();
            if (pair[0] != nullptr) {
              sides["input"] = price_json(*pair[0]);
            }
            if (pair[1] != nullptr) {
              sides["output"] = price_json(*pair[1]);
            }
            terms[term] = sides;
          }
          return terms;
        };
    for (const auto& [regions, values] : group_regions(reserved_rows, reserved_figures)) {
      ojson row{{"regions", regions}, {"unit", "per_1k_tpm_month"}, {"terms", reserved_figures(values.front())}};
      std::vector<const Price*> used;
      for (const auto& prices : values) {
        for (const auto& [term, pair] : prices) {
          for (const Price* price : pair) {
            if (price != nullptr) {
              used.push_back(price);
              ++model_prices;
            }
          }
        }
      }
      row["note"] = "AWS prices reserved capacity per 1K TPM-hour; written per month as 730 hours";
      reserved.push_back(provenance_fields(std::move(row), used));
    }
    if (!catalog_kind) {
      // Keep only the rows an overlay on the base catalog can hold (a row for a Region the base does not price
      // needs an input price; a new Reserved term needs both sides), listing the others.
      for (const auto& [key, rows] : {std::pair<const char*, ojson*>{"on_demand", &on_demand},
                                      std::pair<const char*, ojson*>{"provisioned", &provisioned},
                                      std::pair<const char*, ojson*>{"reserved", &reserved}}) {
        ojson kept = ojson::array();
        for (const ojson& row : *rows) {
          ojson trial_model{{"id", id}};
          if (base == nullptr) {
            trial_model["name"] = model["name"];
            trial_model["provider"] = model["provider"];
          }
          trial_model[key] = ojson::array({row});
          const ojson trial{{"schema_version", 1}, {"kind", "overlay"}, {"models", ojson::array({trial_model})}};
          std::istringstream in(util::dump_json(trial));
          try {
            apply_overlay(working, in, "overlay");
            kept.push_back(row);
          } catch (const InputError& e) {
            const std::string what = e.what();
            const auto path = what.find(": /");
            const auto reason = path == std::string::npos ? path : what.find(": ", path + 2);
            std::set<std::string> skus;
            for (const auto& sku : row["x_skus"]) {
              skus.insert(sku.get<std::string>());
            }
            std::vector<std::string> regions;
            for (const auto& region : row.value("regions", ojson::array())) {
              regions.push_back(region.get<std::string>());
            }
            skip_row(skus, fmt::format("{}", fmt::join(regions, ", ")), name,
                     fmt::format("an overlay on the base catalog cannot hold it: {}",
                                 reason == std::string::npos ? what : what.substr(reason + 2)));
          }
        }
        *rows = std::move(kept);
      }
    }
    if (on_demand.empty() && provisioned.empty() && reserved.empty()) {
      continue;
    }
    if (catalog_kind && on_demand.empty() && provisioned.empty()) {
      skip_row({}, "", name,
               fmt::format("{} has only Reserved-tier prices, and a catalog model needs on-demand or "
                           "provisioned ones (import as an overlay instead)",
                           id));
      continue;
    }
    for (const ojson* rows : {&on_demand, &provisioned, &reserved}) {
      for (const ojson& row : *rows) {
        newest = std::max(newest, row["as_of"].get<std::string>());
      }
    }
    if (!on_demand.empty()) {
      model["on_demand"] = on_demand;
    }
    if (!provisioned.empty()) {
      model["provisioned"] = provisioned;
    }
    if (!reserved.empty()) {
      model["reserved"] = reserved;
    }
    // Figures written: one per price and Region.
    model_prices = 0;
    for (const ojson* rows : {&on_demand, &provisioned, &reserved}) {
      for (const ojson& row : *rows) {
        const std::size_t regions = row.contains("regions") ? row["regions"].size() : 1;
        std::size_t figures = 0;
        if (row.contains("terms")) {
          for (const auto& [term, value] : row["terms"].items()) {
            figures += value.is_object() ? value.size() : 1;
          }
        } else {
          for (const std::string_view dimension : k_dimension_names) {
            figures += row.contains(dimension) ? 1U : 0U;
          }
        }
        model_prices += figures * regions;
      }
    }
    result.prices += model_prices;
    models.push_back(std::move(model));
  }
  result.models = models.size();
  ojson document{{"schema_version", 1}, {"kind", catalog_kind ? "catalog" : "overlay"}};
  if (catalog_kind) {
    document["as_of"] = newest; // empty when nothing was imported: see below
    std::vector<std::string> offers;
    for (const PriceListFile& file : s.files) {
      offers.push_back(fmt::format("{} {}", file.offer_code, file.version));
    }
    document["source"] =
        fmt::format("AWS Price List ({}), imported by bedrock-cost catalog import", fmt::join(offers, "; "));
  }
  ojson sources = ojson::object();
  for (const auto& [label, info] : s.sources) {
    sources[label] = ojson{{"reference", info.reference}, {"as_of", info.as_of}, {"kind", info.kind}};
  }
  document["sources"] = sources;
  document["models"] = models;
  ojson not_imported = ojson::array();
  for (const SkippedProduct& product : result.skipped) {
    not_imported.push_back(ojson{{"file", product.file},
                                 {"sku", product.sku},
                                 {"usage_type", product.usage_type},
                                 {"model", product.model},
                                 {"region", product.region},
                                 {"price", product.price},
                                 {"reason", product.reason}});
  }
  ojson files = ojson::array();
  for (const PriceListFile& file : s.files) {
    files.push_back(ojson{{"file", file.name},
                          {"format", file.format},
                          {"offer_code", file.offer_code},
                          {"version", file.version},
                          {"publication_date", file.publication_date},
                          {"products", file.products}});
  }
  document["x_price_list_files"] = files;
  document["x_not_imported"] = not_imported;
  for (const auto& [name, match] : s.matches) {
    result.matches.push_back(match);
  }
  // Rates published twice at the same price (once per naming convention) and imported once.
  std::size_t duplicates = 0;
  const auto count = [&duplicates](const std::optional<Price>& price) {
    if (price && !price->conflict) {
      duplicates += price->skus.size() - 1;
    }
  };
  for (const auto& [id, imported] : s.models) {
    for (const auto& [key, slots] : imported.on_demand) {
      std::for_each(slots.begin(), slots.end(), count);
    }
    for (const auto& [key, terms] : imported.provisioned) {
      for (const auto& [term, price] : terms) {
        count(price);
      }
    }
    for (const auto& [region, terms] : imported.reserved) {
      for (const auto& [term, sides] : terms) {
        std::for_each(sides.begin(), sides.end(), count);
      }
    }
  }
  if (duplicates > 0) {
    result.notes.push_back(fmt::format("{} rate{} published twice at the same price (imported once)", duplicates,
                                       duplicates == 1 ? " was" : "s were"));
  }
  if (s.outside_regions > 0) {
    result.notes.push_back(
        fmt::format("{} product{} outside --region left out", s.outside_regions, s.outside_regions == 1 ? "" : "s"));
  }
  // The file must load as what it claims to be, and an overlay must apply to the base catalog; anything else is a
  // bug here, not bad input. (Nothing imported is the caller's to report.)
  if (result.prices == 0) {
    result.document = std::move(document);
    return result;
  }
  if (!catalog_kind) {
    Catalog applied = s.base;
    std::istringstream overlay(util::dump_json(document));
    try {
      apply_overlay(applied, overlay, "imported overlay");
    } catch (const InputError& e) {
      throw std::logic_error(fmt::format("catalog import wrote an overlay that does not apply: {}", e.what()));
    }
  }
  std::istringstream check(util::dump_json(document));
  try {
    validate_file(check, "imported price list");
  } catch (const InputError& e) {
    throw std::logic_error(fmt::format("catalog import wrote a file that does not load: {}", e.what()));
  }
  result.document = std::move(document);
  return result;
}

} // namespace bedrock_cost::catalog
