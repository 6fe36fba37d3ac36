#include "price_list_import.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

// Writing the catalog or overlay document of an import: per model its on-demand, provisioned and reserved rows
// (Regions with the same figures in one row), the sources, the files read and the products not imported; then a
// check that the document loads (and, as an overlay, applies to the base catalog).

namespace bedrock_cost::catalog::detail {

namespace {

using ojson = nlohmann::ordered_json;
using util::Fixed9;

using DimensionPrices = std::array<const Price*, k_dimension_count>; // on-demand: a price per dimension, or nullptr
using TermPrices = std::map<std::string, const Price*>;              // provisioned: term -> price
using SidePrices = std::array<const Price*, 2>;                      // reserved: input, output (or nullptr)
using ReservedPrices = std::map<std::string, SidePrices>;            // reserved: term -> sides
template <typename Value> using ByRegion = std::vector<std::pair<std::string, Value>>;
// On-demand prices per (profile, variant), by Region.
using OnDemandGroups = std::map<std::pair<std::string, std::string>, ByRegion<DimensionPrices>>;

// The price a slot holds, or nullptr when it holds none or contradicting ones.
const Price* figure(const std::optional<Price>& price) { return price && !price->conflict ? &*price : nullptr; }

// The SKUs of every product behind the slots, conflicting ones included.
template <std::size_t N> std::set<std::string> skus_of(const std::array<std::optional<Price>, N>& slots) {
  std::set<std::string> skus;
  for (const std::optional<Price>& slot : slots) {
    if (slot) {
      skus.insert(slot->skus.begin(), slot->skus.end());
    }
  }
  return skus;
}

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

// The figures of a row as the catalog writes them: {"input": 0.25, ...}, or {"term": price, ...}, or
// {"term": {"input": price, "output": price}, ...}.
ojson figures_json(const DimensionPrices& prices) {
  ojson row = ojson::object();
  for (std::size_t d = 0; d < k_dimension_count; ++d) {
    if (prices.at(d) != nullptr) {
      row[std::string(k_dimension_names.at(d))] = price_json(*prices.at(d));
    }
  }
  return row;
}

ojson figures_json(const TermPrices& prices) {
  ojson terms = ojson::object();
  for (const auto& [term, price] : prices) {
    terms[term] = price_json(*price);
  }
  return terms;
}

ojson figures_json(const ReservedPrices& prices) {
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
}

// Adds the prices behind a row's figures to `used`.
template <std::size_t N> void add_used(const std::array<const Price*, N>& prices, std::vector<const Price*>& used) {
  std::copy_if(prices.begin(), prices.end(), std::back_inserter(used), [](const Price* p) { return p != nullptr; });
}

void add_used(const TermPrices& prices, std::vector<const Price*>& used) {
  for (const auto& [term, price] : prices) {
    used.push_back(price);
  }
}

void add_used(const ReservedPrices& prices, std::vector<const Price*>& used) {
  for (const auto& [term, pair] : prices) {
    add_used(pair, used);
  }
}

// Rows with identical figures in several Regions become one row listing the Regions.
template <typename Value> struct RegionGroup {
  std::vector<std::string> regions;
  std::vector<Value> values; // one per Region, all with the same figures

  // The row's figures, with the source, date and SKUs of every price behind them.
  ojson provenance(ojson row) const {
    std::vector<const Price*> used;
    for (const Value& value : values) {
      add_used(value, used);
    }
    return provenance_fields(std::move(row), used);
  }
};

template <typename Value> std::vector<RegionGroup<Value>> group_regions(const ByRegion<Value>& by_region) {
  std::vector<RegionGroup<Value>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& [region, value] : by_region) {
    const std::string key = util::dump_json(figures_json(value));
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

ojson on_demand_row(const std::pair<std::string, std::string>& profile_variant,
                    const RegionGroup<DimensionPrices>& group, bool only_group) {
  const auto& [profile, variant] = profile_variant;
  // A profile row with one set of prices applies from any Region (as the catalog's own global rows do).
  ojson row = !profile.empty() && only_group ? ojson::object() : ojson{{"regions", group.regions}};
  if (!profile.empty()) {
    row["profile"] = profile;
  }
  if (variant != "standard") {
    row["variant"] = variant;
  }
  row["unit"] = "per_1m_tokens";
  row.update(figures_json(group.values.front()));
  return group.provenance(std::move(row));
}

// On-demand: one row per (profile, variant) and set of identical prices.
ojson on_demand_rows(const OnDemandGroups& by_group) {
  ojson rows = ojson::array();
  for (const auto& [profile_variant, by_region] : by_group) {
    const auto groups = group_regions(by_region);
    for (const auto& group : groups) {
      rows.push_back(on_demand_row(profile_variant, group, groups.size() == 1));
    }
  }
  return rows;
}

// Provisioned: per (custom, terms) group of Regions.
ojson provisioned_rows(const ImportedModel& imported) {
  std::map<bool, ByRegion<TermPrices>> by_custom;
  for (const auto& [key, terms] : imported.provisioned) {
    TermPrices prices;
    for (const auto& [term, price] : terms) {
      if (!price.conflict) {
        prices[term] = &price;
      }
    }
    if (!prices.empty()) {
      by_custom[key.second].emplace_back(key.first, prices);
    }
  }
  ojson rows = ojson::array();
  for (const auto& [custom, by_region] : by_custom) {
    for (const auto& group : group_regions(by_region)) {
      ojson row{{"regions", group.regions}};
      if (custom) {
        row["custom_model"] = true;
      }
      row["unit"] = "per_mu_hour";
      row["terms"] = figures_json(group.values.front());
      rows.push_back(group.provenance(std::move(row)));
    }
  }
  return rows;
}

// Reserved: per-hour prices per 1K TPM, written per month (x 730 hours).
ojson reserved_rows(const ByRegion<ReservedPrices>& by_region) {
  ojson rows = ojson::array();
  for (const auto& group : group_regions(by_region)) {
    ojson row{{"regions", group.regions}, {"unit", "per_1k_tpm_month"}, {"terms", figures_json(group.values.front())}};
    row["note"] = "AWS prices reserved capacity per 1K TPM-hour; written per month as 730 hours";
    rows.push_back(group.provenance(std::move(row)));
  }
  return rows;
}

// Figures a section's rows write: one per price and Region.
std::size_t figures_written(const ojson& rows) {
  std::size_t count = 0;
  for (const ojson& row : rows) {
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
    count += figures * regions;
  }
  return count;
}

// A one-row overlay for model `head`: what the base catalog must accept for the row to be written.
ojson trial_overlay(const ojson& head, bool new_model, const char* section, const ojson& row) {
  ojson trial_model{{"id", head["id"]}};
  if (new_model) {
    trial_model["name"] = head["name"];
    trial_model["provider"] = head["provider"];
  }
  trial_model[section] = ojson::array({row});
  return ojson{{"schema_version", 1}, {"kind", "overlay"}, {"models", ojson::array({trial_model})}};
}

// Rates published twice at the same price (once per naming convention) and imported once.
std::size_t duplicate_rates(const std::map<std::string, ImportedModel>& models) {
  std::size_t duplicates = 0;
  const auto count = [&duplicates](const std::optional<Price>& price) {
    if (price && !price->conflict) {
      duplicates += price->skus.size() - 1;
    }
  };
  for (const auto& [id, imported] : models) {
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
  return duplicates;
}

ojson sources_json(const std::map<std::string, SourceInfo>& sources) {
  ojson result = ojson::object();
  for (const auto& [label, info] : sources) {
    result[label] = ojson{{"reference", info.reference}, {"as_of", info.as_of}, {"kind", info.kind}};
  }
  return result;
}

ojson files_json(const std::vector<PriceListFile>& files) {
  ojson result = ojson::array();
  for (const PriceListFile& file : files) {
    result.push_back(ojson{{"file", file.name},
                           {"format", file.format},
                           {"offer_code", file.offer_code},
                           {"version", file.version},
                           {"publication_date", file.publication_date},
                           {"products", file.products}});
  }
  return result;
}

ojson not_imported_json(const std::vector<SkippedProduct>& skipped) {
  ojson result = ojson::array();
  for (const SkippedProduct& product : skipped) {
    result.push_back(ojson{{"file", product.file},
                           {"sku", product.sku},
                           {"usage_type", product.usage_type},
                           {"model", product.model},
                           {"region", product.region},
                           {"price", product.price},
                           {"reason", product.reason}});
  }
  return result;
}

// "AWS Price List (AmazonBedrock 20261101000000; ...), imported by bedrock-cost catalog import".
std::string catalog_source(const std::vector<PriceListFile>& files) {
  std::vector<std::string> offers;
  offers.reserve(files.size());
  for (const PriceListFile& file : files) {
    offers.push_back(fmt::format("{} {}", file.offer_code, file.version));
  }
  return fmt::format("AWS Price List ({}), imported by bedrock-cost catalog import", fmt::join(offers, "; "));
}

// The file must load as what it claims to be, and an overlay must apply to the base catalog; anything else is a bug
// here, not bad input.
void check_written(const ojson& document, const Catalog& base, bool overlay) {
  if (overlay) {
    Catalog applied = base;
    std::istringstream in(util::dump_json(document));
    try {
      apply_overlay(applied, in, "imported overlay");
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
}

// One model of the price list and the catalog model it matched.
struct ModelRef {
  const std::string& id;
  const ImportedModel& imported;
  const Model* base; // nullptr: a model the base catalog lacks
  std::string name;
  std::string provider;
  bool text = true; // a text model, which has both input and output prices
};

// Writes the document, one model at a time; skipped rows and notes gather in the result.
class DocumentWriter {
public:
  DocumentWriter(const Catalog& base, const Imported& imported, ImportKind kind)
      : m_base(base), m_imported(imported), m_catalog_kind(kind == ImportKind::catalog), m_working(base) {
    m_result.skipped = imported.skipped;
  }

  PriceListResult write();

private:
  ModelRef model_ref(const std::string& id, const ImportedModel& imported) const;
  ojson model_head(const ModelRef& model) const;
  std::optional<ojson> model_json(const std::string& id, const ImportedModel& imported);
  OnDemandGroups on_demand_groups(const ModelRef& model);
  bool keep_on_demand(const ModelRef& model, const OnDemandKey& key, const DimensionPrices& prices,
                      const std::set<std::string>& skus);
  ByRegion<ReservedPrices> reserved_by_region(const ModelRef& model);
  void admit_to_overlay(const ModelRef& model, const ojson& head, const char* section, ojson& rows);
  void skip_overlay_row(const ModelRef& model, const ojson& row, const std::string& what);
  ojson document_json(ojson models) const;
  void add_notes();
  void skip_row(const std::set<std::string>& skus, const std::string& region, const std::string& model,
                const std::string& reason);

  const Catalog& m_base;
  const Imported& m_imported;
  bool m_catalog_kind;
  Catalog m_working; // overlay rows are admitted one by one onto the base, as --prices will apply them
  PriceListResult m_result;
  std::string m_newest; // the newest as_of of the rows written
};

PriceListResult DocumentWriter::write() {
  ojson models = ojson::array();
  for (const auto& [id, imported] : m_imported.models) {
    if (std::optional<ojson> model = model_json(id, imported)) {
      models.push_back(std::move(*model));
    }
  }
  m_result.models = models.size();
  ojson document = document_json(std::move(models));
  for (const auto& [name, match] : m_imported.matches) {
    m_result.matches.push_back(match);
  }
  add_notes();
  if (m_result.prices > 0) { // nothing imported is the caller's to report
    check_written(document, m_base, !m_catalog_kind);
  }
  m_result.document = std::move(document);
  return std::move(m_result);
}

ModelRef DocumentWriter::model_ref(const std::string& id, const ImportedModel& imported) const {
  const Model* base = m_base.find(id);
  return ModelRef{id,
                  imported,
                  base,
                  base != nullptr ? base->name : imported.name,
                  base != nullptr ? base->provider : imported.provider,
                  base == nullptr || base->kind == "text"};
}

// The model's id, and in a catalog (or for a model the base lacks) its name, provider and kind.
ojson DocumentWriter::model_head(const ModelRef& model) const {
  ojson head{{"id", model.id}};
  if (m_catalog_kind || model.base == nullptr) {
    head["name"] = model.name;
    head["provider"] = model.provider.empty() ? std::string("unknown") : model.provider;
    if (model.base != nullptr && model.base->kind != "text") {
      head["kind"] = model.base->kind;
    }
  }
  return head;
}

// The model with its rows, or nothing when no row of it can be written.
std::optional<ojson> DocumentWriter::model_json(const std::string& id, const ImportedModel& imported) {
  const ModelRef model = model_ref(id, imported);
  ojson head = model_head(model);
  ojson on_demand = on_demand_rows(on_demand_groups(model));
  ojson provisioned = provisioned_rows(imported);
  ojson reserved = reserved_rows(reserved_by_region(model));
  const std::array<std::pair<const char*, ojson*>, 3> sections{
      {{"on_demand", &on_demand}, {"provisioned", &provisioned}, {"reserved", &reserved}}};
  if (!m_catalog_kind) {
    for (const auto& [section, rows] : sections) {
      admit_to_overlay(model, head, section, *rows);
    }
  }
  if (on_demand.empty() && provisioned.empty() && reserved.empty()) {
    return std::nullopt;
  }
  if (m_catalog_kind && on_demand.empty() && provisioned.empty()) {
    skip_row({}, "", model.name,
             fmt::format("{} has only Reserved-tier prices, and a catalog model needs on-demand or "
                         "provisioned ones (import as an overlay instead)",
                         id));
    return std::nullopt;
  }
  for (const auto& [section, rows] : sections) {
    for (const ojson& row : *rows) {
      m_newest = std::max(m_newest, row["as_of"].get<std::string>());
    }
    m_result.prices += figures_written(*rows);
    if (!rows->empty()) {
      head[section] = *rows;
    }
  }
  return head;
}

OnDemandGroups DocumentWriter::on_demand_groups(const ModelRef& model) {
  OnDemandGroups by_group;
  for (const auto& [key, slots] : model.imported.on_demand) {
    DimensionPrices prices{};
    std::transform(slots.begin(), slots.end(), prices.begin(), figure);
    if (keep_on_demand(model, key, prices, skus_of(slots))) {
      by_group[{key.profile, key.variant}].emplace_back(key.region, prices);
    }
  }
  return by_group;
}

// Whether an on-demand row is written: not without a price, nor in a catalog without an input price (its products
// are listed). A text model with only one direction is noted.
bool DocumentWriter::keep_on_demand(const ModelRef& model, const OnDemandKey& key, const DimensionPrices& prices,
                                    const std::set<std::string>& skus) {
  const bool has_input = prices[static_cast<std::size_t>(Dimension::input)] != nullptr;
  const bool has_output = prices[static_cast<std::size_t>(Dimension::output)] != nullptr;
  if (model.text && has_input != has_output) {
    const std::string where = fmt::format("{} ({}) in {}{}{}", model.name, model.id, key.region,
                                          key.profile.empty() ? "" : ", global profile",
                                          key.variant == "standard" ? "" : fmt::format(", {}", key.variant));
    m_result.notes.push_back(fmt::format("{}: the price list gives an {} price but no {} price", where,
                                         has_input ? "input" : "output", has_input ? "output" : "input"));
  }
  if (m_catalog_kind && !has_input) {
    skip_row(skus, key.region, model.name,
             "no input price in the price list, and a catalog row needs one (import as an overlay instead)");
    return false;
  }
  return std::any_of(prices.begin(), prices.end(), [](const Price* p) { return p != nullptr; });
}

// Reserved prices by Region; in a catalog, a term with one side only is listed, not written.
ByRegion<ReservedPrices> DocumentWriter::reserved_by_region(const ModelRef& model) {
  ByRegion<ReservedPrices> by_region;
  for (const auto& [region, terms] : model.imported.reserved) {
    ReservedPrices prices;
    for (const auto& [term, sides] : terms) {
      const SidePrices pair{figure(sides[0]), figure(sides[1])};
      if (m_catalog_kind && (pair[0] == nullptr || pair[1] == nullptr)) {
        skip_row(skus_of(sides), region, model.name,
                 fmt::format("Reserved term {} has only one of input and output, and a catalog needs both", term));
        continue;
      }
      if (pair[0] != nullptr || pair[1] != nullptr) {
        prices[term] = pair;
      }
    }
    if (!prices.empty()) {
      by_region.emplace_back(region, prices);
    }
  }
  return by_region;
}

// Keeps only the rows an overlay on the base catalog can hold (a row for a Region the base does not price needs an
// input price; a new Reserved term needs both sides), listing the others.
void DocumentWriter::admit_to_overlay(const ModelRef& model, const ojson& head, const char* section, ojson& rows) {
  ojson kept = ojson::array();
  for (const ojson& row : rows) {
    std::istringstream in(util::dump_json(trial_overlay(head, model.base == nullptr, section, row)));
    try {
      apply_overlay(m_working, in, "overlay");
      kept.push_back(row);
    } catch (const InputError& e) {
      skip_overlay_row(model, row, e.what());
    }
  }
  rows = std::move(kept);
}

void DocumentWriter::skip_overlay_row(const ModelRef& model, const ojson& row, const std::string& what) {
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
  skip_row(skus, fmt::format("{}", fmt::join(regions, ", ")), model.name,
           fmt::format("an overlay on the base catalog cannot hold it: {}",
                       reason == std::string::npos ? what : what.substr(reason + 2)));
}

ojson DocumentWriter::document_json(ojson models) const {
  ojson document{{"schema_version", 1}, {"kind", m_catalog_kind ? "catalog" : "overlay"}};
  if (m_catalog_kind) {
    document["as_of"] = m_newest; // empty when nothing was imported, which the caller reports
    document["source"] = catalog_source(m_imported.files);
  }
  document["sources"] = sources_json(m_imported.sources);
  document["models"] = std::move(models);
  document["x_price_list_files"] = files_json(m_imported.files);
  document["x_not_imported"] = not_imported_json(m_result.skipped);
  return document;
}

void DocumentWriter::add_notes() {
  if (const std::size_t duplicates = duplicate_rates(m_imported.models); duplicates > 0) {
    m_result.notes.push_back(fmt::format("{} rate{} published twice at the same price (imported once)", duplicates,
                                         duplicates == 1 ? " was" : "s were"));
  }
  if (const std::size_t outside = m_imported.outside_regions; outside > 0) {
    m_result.notes.push_back(fmt::format("{} product{} outside --region left out", outside, outside == 1 ? "" : "s"));
  }
}

void DocumentWriter::skip_row(const std::set<std::string>& skus, const std::string& region, const std::string& model,
                              const std::string& reason) {
  m_result.skipped.push_back(
      SkippedProduct{"", fmt::format("{}", fmt::join(skus, ", ")), "", model, region, "", reason});
}

} // namespace

PriceListResult write_result(const Catalog& base, const Imported& imported, ImportKind kind) {
  return DocumentWriter(base, imported, kind).write();
}

} // namespace bedrock_cost::catalog::detail
