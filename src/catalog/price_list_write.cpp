#include "price_list_import.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>

// Writing the catalog or overlay document of an import: per model its rows (price_list_rows.cpp) less those the
// document cannot hold, which are listed with the reason; the sources, the files read, the products not imported and
// the notes; then a check that the document loads (and, as an overlay, applies to the base catalog).

namespace bedrock_cost::catalog::detail {

namespace {

using ojson = nlohmann::ordered_json;

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

template <typename Item, typename ToJson> ojson json_array(const std::vector<Item>& items, ToJson to_json) {
  ojson result = ojson::array();
  for (const Item& item : items) {
    result.push_back(to_json(item));
  }
  return result;
}

ojson file_json(const PriceListFile& file) {
  return ojson{{"file", file.name},
               {"format", file.format},
               {"offer_code", file.offer_code},
               {"version", file.version},
               {"publication_date", file.publication_date},
               {"products", file.products}};
}

ojson skipped_json(const SkippedProduct& product) {
  return ojson{{"file", product.file},    {"sku", product.sku},       {"usage_type", product.usage_type},
               {"model", product.model},  {"region", product.region}, {"price", product.price},
               {"reason", product.reason}};
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
  void skip_overlay_row(const ModelRef& model, const ojson& row, const std::string& reason);
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
      skip_overlay_row(model, row, e.reason()); // the row's reason; its path is in the trial overlay
    }
  }
  rows = std::move(kept);
}

void DocumentWriter::skip_overlay_row(const ModelRef& model, const ojson& row, const std::string& reason) {
  std::set<std::string> skus;
  for (const auto& sku : row["x_skus"]) {
    skus.insert(sku.get<std::string>());
  }
  std::vector<std::string> regions;
  for (const auto& region : row.value("regions", ojson::array())) {
    regions.push_back(region.get<std::string>());
  }
  skip_row(skus, fmt::format("{}", fmt::join(regions, ", ")), model.name,
           fmt::format("an overlay on the base catalog cannot hold it: {}", reason));
}

ojson DocumentWriter::document_json(ojson models) const {
  ojson document{{"schema_version", 1}, {"kind", m_catalog_kind ? "catalog" : "overlay"}};
  if (m_catalog_kind) {
    document["as_of"] = m_newest; // empty when nothing was imported, which the caller reports
    document["source"] = catalog_source(m_imported.files);
  }
  document["sources"] = sources_json(m_imported.sources);
  document["models"] = std::move(models);
  document["x_price_list_files"] = json_array(m_imported.files, file_json);
  document["x_not_imported"] = json_array(m_result.skipped, skipped_json);
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
