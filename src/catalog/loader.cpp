#include "parse.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace bedrock_cost::embedded {
extern const std::string_view catalog_json;
} // namespace bedrock_cost::embedded

namespace bedrock_cost::catalog {

namespace {

using util::child_path;
using util::JsonReader;

// Character-priced rows (e.g. Guardrails text units) are kept apart from token-priced rows.
std::string on_demand_key(const OnDemandRow& row) {
  return fmt::format("{}|{}|{}", row.profile.value_or(""), row.variant,
                     row.unit == PriceUnit::per_1k_characters ? "characters" : "tokens");
}
std::string provisioned_key(const ProvisionedRow& row) { return row.custom_model ? "custom" : "base"; }
std::string plain_key(const ReservedRow& /*row*/) { return ""; }
std::string quota_key(const QuotaRow& row) { return std::string(to_string(row.scope)); }

// Each Region (or the Region-less profile row) may be priced by at most one row of a kind.
template <class Row, class Key>
void check_unique_regions(const JsonReader& reader, const std::vector<Row>& rows, const std::string& path,
                          std::string_view key_name, Key key) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::string> places = rows[i].regions;
    if (places.empty()) {
      places.emplace_back("(any Region)");
    }
    for (const auto& region : places) {
      const auto [it, fresh] = seen.emplace(key(rows[i]) + "|" + region, i);
      if (!fresh) {
        reader.fail(
            child_path(child_path(path, key_name), i),
            fmt::format("Region {} is already priced by {}/{}", region, child_path(path, key_name), it->second));
      }
    }
  }
}

void check_model(const JsonReader& reader, const Model& model, const std::string& path) {
  check_unique_regions(reader, model.on_demand, path, "on_demand", on_demand_key);
  check_unique_regions(reader, model.provisioned, path, "provisioned", provisioned_key);
  check_unique_regions(reader, model.reserved, path, "reserved", plain_key);
  check_unique_regions(reader, model.quotas, path, "quotas", quota_key);
}

// Rejects two models with one ID and names (IDs or aliases) that would resolve ambiguously.
void check_names(const JsonReader& reader, const detail::ParsedFile& parsed) {
  std::map<std::string, std::string> owner; // name -> JSON path that claimed it
  for (std::size_t i = 0; i < parsed.catalog.models.size(); ++i) {
    const Model& model = parsed.catalog.models[i];
    const std::string& path = parsed.model_paths[i];
    if (const auto it = owner.find(model.id); it != owner.end()) {
      reader.fail(child_path(path, "id"), fmt::format("duplicate model '{}' (first at {})", util::excerpt(model.id),
                                                      util::excerpt(it->second)));
    }
    owner[model.id] = path;
    for (std::size_t a = 0; a < model.aliases.size(); ++a) {
      const auto& alias = model.aliases[a];
      const std::string alias_path = child_path(child_path(path, "aliases"), a);
      if (const auto it = owner.find(alias); it != owner.end()) {
        reader.fail(alias_path,
                    fmt::format("alias '{}' is already used at {}", util::excerpt(alias), util::excerpt(it->second)));
      }
      owner[alias] = alias_path;
    }
  }
}

detail::ParsedFile parse_document(const nlohmann::json& document, const JsonReader& reader) {
  detail::ParsedFile parsed = detail::parse_file(document, reader);
  check_names(reader, parsed);
  for (std::size_t i = 0; i < parsed.catalog.models.size(); ++i) {
    check_model(reader, parsed.catalog.models[i], parsed.model_paths[i]);
  }
  return parsed;
}

detail::ParsedFile parse_stream(std::istream& in, std::string_view source_name) {
  const JsonReader reader{std::string(source_name)};
  return parse_document(reader.parse(in), reader);
}

// The Regions a row names, or one empty string for the Region-less (global profile) row.
template <class Row> std::vector<std::string> places(const Row& row) {
  return row.regions.empty() ? std::vector<std::string>{std::string()} : row.regions;
}

// Index of the row of `rows` with the same key as `probe` that prices `region` ("" = the Region-less row),
// or -1.
template <class Row, class Key>
std::ptrdiff_t find_row(const std::vector<Row>& rows, const Row& probe, const std::string& region, Key key) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool place = region.empty() ? rows[i].regions.empty() : covers(rows[i].regions, region);
    if (place && key(rows[i]) == key(probe)) {
      return static_cast<std::ptrdiff_t>(i);
    }
  }
  return -1;
}

// Merges overlay rows into base rows Region by Region; a base row that covers more Regions than the
// overlay changes is split so that only the named Regions change.
template <class Row, class Key, class Merge>
void merge_rows(std::vector<Row>& base, const std::vector<Row>& overlay, Key key, Merge merge) {
  for (const Row& row : overlay) {
    for (const std::string& region : places(row)) {
      const std::ptrdiff_t found = find_row(base, row, region, key);
      if (found < 0) {
        Row fresh = row;
        fresh.regions = region.empty() ? std::vector<std::string>{} : std::vector<std::string>{region};
        base.push_back(fresh);
        continue;
      }
      auto index = static_cast<std::size_t>(found);
      if (!region.empty() && base[index].regions.size() > 1) {
        Row split = base[index];
        split.regions = {region};
        std::erase(base[index].regions, region);
        base.push_back(split);
        index = base.size() - 1;
      }
      merge(base[index], row);
    }
  }
}

void merge_note(std::string& base, const std::string& overlay) {
  if (!overlay.empty()) {
    base = overlay;
  }
}

void merge_on_demand(OnDemandRow& base, const OnDemandRow& overlay) {
  for (std::size_t d = 0; d < k_dimension_count; ++d) {
    if (overlay.prices[d]) {
      base.prices[d] = overlay.prices[d];
    }
  }
  merge_note(base.note, overlay.note);
}

void merge_provisioned(ProvisionedRow& base, const ProvisionedRow& overlay) {
  for (const auto& [term, figure] : overlay.usd_per_mu_hour) {
    base.usd_per_mu_hour[term] = figure;
  }
  merge_note(base.note, overlay.note);
}

void merge_reserved(ReservedRow& base, const ReservedRow& overlay) {
  for (const auto& [term, price] : overlay.usd_per_1k_tpm_month) {
    ReservedPrice& target = base.usd_per_1k_tpm_month[term];
    target.input = price.input ? price.input : target.input;
    target.output = price.output ? price.output : target.output;
  }
  merge_note(base.note, overlay.note);
}

void merge_quota(QuotaRow& base, const QuotaRow& overlay) {
  base.tpm = overlay.tpm ? overlay.tpm : base.tpm;
  base.rpm = overlay.rpm ? overlay.rpm : base.rpm;
  merge_note(base.note, overlay.note);
}

void merge_model(Model& base, const Model& overlay) {
  base.name = overlay.name.empty() ? base.name : overlay.name;
  base.provider = overlay.provider.empty() ? base.provider : overlay.provider;
  base.kind = overlay.kind.empty() ? base.kind : overlay.kind;
  if (!overlay.aliases.empty()) {
    base.aliases = overlay.aliases;
  }
  merge_rows(base.on_demand, overlay.on_demand, on_demand_key, merge_on_demand);
  merge_rows(base.provisioned, overlay.provisioned, provisioned_key, merge_provisioned);
  merge_rows(base.reserved, overlay.reserved, plain_key, merge_reserved);
  merge_rows(base.quotas, overlay.quotas, quota_key, merge_quota);
  if (overlay.mu_capacity) {
    base.mu_capacity = overlay.mu_capacity;
  }
  if (overlay.output_burndown) {
    base.output_burndown = overlay.output_burndown;
  }
  if (!overlay.lifecycle.empty()) {
    base.lifecycle = overlay.lifecycle;
  }
}

// A model that an overlay adds must stand on its own.
std::string place_name(const std::string& region) { return region.empty() ? "the global profile" : region; }

// Where an overlay row adds a Region (or a term) that the base does not price, the row must be complete on
// its own: an on-demand input price, and both input and output Reserved prices for each term.
void check_added_rows(const JsonReader& reader, const Model& base, const Model& overlay, const std::string& path) {
  for (std::size_t i = 0; i < overlay.on_demand.size(); ++i) {
    const OnDemandRow& row = overlay.on_demand[i];
    for (const std::string& region : places(row)) {
      if (!row.prices[0] && find_row(base.on_demand, row, region, on_demand_key) < 0) {
        reader.fail(child_path(child_path(child_path(path, "on_demand"), i), "input"),
                    fmt::format("the catalog has no on-demand price for '{}' in {}, so this row must give an input "
                                "price",
                                util::excerpt(overlay.id), place_name(region)));
      }
    }
  }
  for (std::size_t i = 0; i < overlay.reserved.size(); ++i) {
    const ReservedRow& row = overlay.reserved[i];
    for (const std::string& region : places(row)) {
      const std::ptrdiff_t found = find_row(base.reserved, row, region, plain_key);
      for (const auto& [term, price] : row.usd_per_1k_tpm_month) {
        const bool in_base =
            found >= 0 && base.reserved[static_cast<std::size_t>(found)].usd_per_1k_tpm_month.contains(term);
        if (!in_base && (!price.input || !price.output)) {
          reader.fail(child_path(child_path(child_path(child_path(path, "reserved"), i), "terms"), term),
                      fmt::format("the catalog has no Reserved {} price for '{}' in {}, so this term must give both "
                                  "input and output",
                                  term, util::excerpt(overlay.id), place_name(region)));
        }
      }
    }
  }
}

void check_new_model(const JsonReader& reader, const Model& model, const std::string& path) {
  if (model.name.empty() || model.provider.empty()) {
    reader.fail(path, fmt::format("model '{}' is not in the catalog, so the overlay must give its name and provider",
                                  util::excerpt(model.id)));
  }
  check_added_rows(reader, Model{}, model, path);
}

void sort_models(Catalog& catalog) {
  std::sort(catalog.models.begin(), catalog.models.end(), [](const Model& a, const Model& b) { return a.id < b.id; });
}

// The models of a catalog by name, answering as Catalog::find does (the model with that ID, else the first model
// with that alias) in O(log n) instead of a scan of every model's aliases; kept up to date when an overlay
// replaces a model's aliases.
class NameIndex {
public:
  explicit NameIndex(const std::vector<Model>& models) {
    for (std::size_t i = 0; i < models.size(); ++i) {
      m_ids.emplace(models[i].id, i);
      add_aliases(models[i].aliases, i);
    }
  }

  // The index of the model named `name`, or nullopt.
  std::optional<std::size_t> find(const std::string& name) const {
    if (const auto id = m_ids.find(name); id != m_ids.end()) {
      return id->second;
    }
    if (const auto alias = m_aliases.find(name); alias != m_aliases.end() && !alias->second.empty()) {
      return *alias->second.begin(); // the first model in the catalog's (sorted) order
    }
    return std::nullopt;
  }

  void replace_aliases(std::size_t index, const std::vector<std::string>& before,
                       const std::vector<std::string>& after) {
    for (const std::string& alias : before) {
      m_aliases[alias].erase(index);
    }
    add_aliases(after, index);
  }

private:
  void add_aliases(const std::vector<std::string>& aliases, std::size_t index) {
    for (const std::string& alias : aliases) {
      m_aliases[alias].insert(index);
    }
  }

  std::map<std::string, std::size_t> m_ids;
  std::map<std::string, std::set<std::size_t>> m_aliases;
};

// Merges an overlay's entry for a model the catalog has.
void merge_existing(const JsonReader& reader, Catalog& merged, NameIndex& names, std::size_t index,
                    const Model& overlay, const std::string& path) {
  Model& base = merged.models[index];
  check_added_rows(reader, base, overlay, path);
  const std::vector<std::string> aliases = base.aliases;
  merge_model(base, overlay);
  if (base.aliases != aliases) {
    names.replace_aliases(index, aliases, base.aliases);
  }
}

// Keeps each price row of an overlay's model (with its JSON path) in `rows`.
void record_rows(std::vector<OverlayRow>& rows, const std::string& where, const std::string& model,
                 const Model& overlay) {
  const auto add = [&](const char* kind, std::size_t index, std::vector<std::string> regions) -> OverlayRow& {
    return rows.emplace_back(
        OverlayRow{fmt::format("{}/{}/{}", where, kind, index), model, kind, std::move(regions), std::nullopt, {}});
  };
  for (std::size_t i = 0; i < overlay.on_demand.size(); ++i) {
    add("on_demand", i, overlay.on_demand[i].regions).profile = overlay.on_demand[i].profile;
  }
  for (std::size_t i = 0; i < overlay.provisioned.size(); ++i) {
    OverlayRow& row = add("provisioned", i, overlay.provisioned[i].regions);
    for (const auto& [term, figure] : overlay.provisioned[i].usd_per_mu_hour) {
      row.terms.push_back(term);
    }
  }
  for (std::size_t i = 0; i < overlay.reserved.size(); ++i) {
    OverlayRow& row = add("reserved", i, overlay.reserved[i].regions);
    for (const auto& [term, price] : overlay.reserved[i].usd_per_1k_tpm_month) {
      row.terms.push_back(term);
    }
  }
  for (std::size_t i = 0; i < overlay.quotas.size(); ++i) {
    add("quotas", i, overlay.quotas[i].regions);
  }
  if (overlay.mu_capacity) {
    rows.push_back(OverlayRow{fmt::format("{}/mu_capacity", where), model, "mu_capacity", {}, std::nullopt, {}});
  }
}

} // namespace

Catalog load_catalog(std::istream& in, std::string_view source_name) {
  detail::ParsedFile parsed = parse_stream(in, source_name);
  if (parsed.is_overlay) {
    throw InputError(fmt::format("{}: /kind: this is an overlay (a partial catalog); pass it with --prices, "
                                 "not as a catalog",
                                 source_name));
  }
  sort_models(parsed.catalog);
  return std::move(parsed.catalog);
}

namespace {

// Merges the parsed overlay into a copy of `catalog` and returns it; throws InputError like apply_overlay.
Catalog merge_overlay(const Catalog& catalog, const detail::ParsedFile& parsed, const JsonReader& reader) {
  const std::string& source_name = reader.source();
  Catalog merged = catalog;
  // New models are sorted in once, at the end: the overlay's names are all distinct (check_names), so no entry
  // can name a model an earlier entry added.
  NameIndex names(merged.models);
  std::vector<Model> added;
  for (std::size_t i = 0; i < parsed.catalog.models.size(); ++i) {
    const Model& overlay = parsed.catalog.models[i];
    if (const std::optional<std::size_t> existing = names.find(overlay.id)) {
      merge_existing(reader, merged, names, *existing, overlay, parsed.model_paths[i]);
      continue;
    }
    check_new_model(reader, overlay, parsed.model_paths[i]);
    Model& fresh = added.emplace_back(overlay);
    fresh.kind = fresh.kind.empty() ? "text" : fresh.kind;
  }
  for (std::size_t i = 0; i < parsed.catalog.models.size(); ++i) {
    const Model& overlay = parsed.catalog.models[i];
    const std::optional<std::size_t> existing = names.find(overlay.id);
    record_rows(merged.overlay_rows, fmt::format("{}: {}", source_name, parsed.model_paths[i]),
                existing ? merged.models[*existing].id : overlay.id, overlay);
  }
  std::move(added.begin(), added.end(), std::back_inserter(merged.models));
  sort_models(merged);
  for (const auto& [label, info] : parsed.catalog.sources) {
    merged.sources[label] = info;
  }
  return merged;
}

} // namespace

void apply_overlay(Catalog& catalog, std::istream& in, std::string_view source_name) {
  const JsonReader reader{std::string(source_name)};
  Catalog merged = merge_overlay(catalog, parse_document(reader.parse(in), reader), reader);
  merged.overlays.emplace_back(source_name);
  catalog = std::move(merged);
}

void apply_price_list_overlay(Catalog& catalog, std::istream& in, std::string_view source_name) {
  const JsonReader reader{std::string(source_name)};
  const nlohmann::json document = reader.parse(in);
  PriceListDownload download = detail::read_download(document, reader);
  Catalog merged = merge_overlay(catalog, parse_document(document, reader), reader);
  merged.overlay_rows = catalog.overlay_rows; // AWS's prices, not a quote whose unused rows need a word
  download.file = source_name;
  merged.price_list = std::move(download);
  catalog = std::move(merged);
}

ValidationSummary validate_file(std::istream& in, std::string_view source_name) {
  const detail::ParsedFile parsed = parse_stream(in, source_name);
  ValidationSummary summary;
  summary.is_overlay = parsed.is_overlay;
  summary.models = parsed.catalog.models.size();
  for (const Model& model : parsed.catalog.models) {
    summary.on_demand_rows += model.on_demand.size();
    summary.provisioned_rows += model.provisioned.size();
    summary.reserved_rows += model.reserved.size();
  }
  return summary;
}

const Catalog& embedded_catalog() {
  static const Catalog catalog = [] {
    std::istringstream in{std::string(embedded::catalog_json)};
    return load_catalog(in, "embedded catalog");
  }();
  return catalog;
}

} // namespace bedrock_cost::catalog
