#include "price_list_import.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

// Writing the catalog or overlay document of an import: per model its on-demand, provisioned and reserved rows
// (Regions with the same figures in one row), the sources, the files read and the products not imported; then a
// check that the document loads (and, as an overlay, applies to the base catalog).

namespace bedrock_cost::catalog {

using detail::Price;
using ojson = nlohmann::ordered_json;
using util::Fixed9;

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
