#include "parse.hpp"

#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

namespace bedrock_cost::catalog::detail {

namespace {

using nlohmann::json;
using util::child_path;
using util::Fixed9;
using util::JsonReader;

struct Context {
  const JsonReader& reader;
  bool overlay;
};

Provenance read_provenance(const Context& ctx, const json& row, const std::string& path) {
  Provenance p;
  p.source = *ctx.reader.string(row, path, "source", true);
  p.as_of = *ctx.reader.date(row, path, "as_of", true);
  p.third_party_only = ctx.reader.boolean(row, path, "third_party_only").value_or(false);
  p.origin = ctx.reader.source();
  return p;
}

std::vector<std::string> read_regions(const Context& ctx, const json& row, const std::string& path, bool required) {
  auto regions = ctx.reader.string_array(row, path, "regions");
  if (regions.empty() && required) {
    ctx.reader.fail(child_path(path, "regions"), "missing required list of Regions");
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const auto& r = regions[i];
    if (!is_region_code(r)) {
      ctx.reader.fail(child_path(child_path(path, "regions"), i),
                      fmt::format("'{}' is not an AWS Region code such as us-east-1", util::excerpt(r)));
    }
    if (!seen.insert(r).second) {
      ctx.reader.fail(child_path(child_path(path, "regions"), i),
                      fmt::format("Region '{}' listed twice", util::excerpt(r)));
    }
  }
  return regions;
}

OnDemandRow read_on_demand_row(const Context& ctx, const json& row, const std::string& path) {
  ctx.reader.expect_object(row, path,
                           {"regions", "profile", "variant", "unit", "input", "output", "batch_input", "batch_output",
                            "cache_write", "cache_read", "source", "as_of", "third_party_only", "note"});
  OnDemandRow result;
  result.profile = ctx.reader.choice(row, path, "profile", {"global", "us", "eu", "apac", "jp", "au", "us-gov"});
  result.regions = read_regions(ctx, row, path, result.profile != "global");
  result.variant =
      ctx.reader.choice(row, path, "variant", {"standard", "latency_optimized", "priority", "flex", "extended_access"})
          .value_or("standard");
  const auto unit_text = ctx.reader.choice(row, path, "unit", {"per_1m_tokens", "per_1k_tokens", "per_1k_characters"});
  const Provenance provenance = read_provenance(ctx, row, path);
  bool any_price = false;
  for (std::size_t d = 0; d < k_dimension_count; ++d) {
    if (auto value = ctx.reader.decimal(row, path, k_dimension_names[d], false)) {
      any_price = true;
      result.prices[d] = Figure{*value, provenance};
    }
  }
  if (any_price && !unit_text) {
    ctx.reader.fail(child_path(path, "unit"),
                    "missing required unit (per_1m_tokens, per_1k_tokens or per_1k_characters)");
  }
  if (!ctx.overlay && !result.prices[0]) {
    ctx.reader.fail(child_path(path, "input"), "missing required number");
  }
  if (unit_text) {
    result.unit = *unit_text == "per_1k_tokens"       ? PriceUnit::per_1k_tokens
                  : *unit_text == "per_1k_characters" ? PriceUnit::per_1k_characters
                                                      : PriceUnit::per_1m_tokens;
  }
  for (std::size_t d = 0; d < k_dimension_count; ++d) {
    if (auto& price = result.prices[d]; price && result.unit == PriceUnit::per_1k_tokens) {
      std::int64_t per_million = 0;
      if (__builtin_mul_overflow(price->value.units(), std::int64_t{1000}, &per_million)) {
        ctx.reader.fail(child_path(path, k_dimension_names[d]), "price out of range");
      }
      price->value = Fixed9::from_units(per_million);
    }
  }
  if (result.unit == PriceUnit::per_1k_tokens) {
    result.unit = PriceUnit::per_1m_tokens; // normalised: every token price is now per 1M
  }
  result.note = ctx.reader.string(row, path, "note", false).value_or("");
  return result;
}

void check_term(const Context& ctx, const std::string& path, const std::string& term) {
  if (!is_term_name(term)) {
    ctx.reader.fail(
        child_path(path, term),
        fmt::format(
            "unknown term '{}' (expected no_commitment, 1_month, 6_month, or <n>_month / <n>_year up to 10 years)",
            util::excerpt(term)));
  }
}

const json& terms_object(const Context& ctx, const json& row, const std::string& path) {
  const json* terms = JsonReader::member(row, "terms");
  if (terms == nullptr) {
    ctx.reader.fail(child_path(path, "terms"), "missing required object of terms");
  }
  if (!terms->is_object() || terms->empty()) {
    ctx.reader.fail(child_path(path, "terms"), "expected a non-empty object of term -> price");
  }
  return *terms;
}

ProvisionedRow read_provisioned_row(const Context& ctx, const json& row, const std::string& path) {
  ctx.reader.expect_object(row, path, {"regions", "custom_model", "unit", "terms", "source", "as_of", "note"});
  ProvisionedRow result;
  result.regions = read_regions(ctx, row, path, true);
  result.custom_model = ctx.reader.boolean(row, path, "custom_model").value_or(false);
  if (!ctx.reader.choice(row, path, "unit", {"per_mu_hour"})) {
    ctx.reader.fail(child_path(path, "unit"), "missing required unit (per_mu_hour)");
  }
  const Provenance provenance = read_provenance(ctx, row, path);
  const std::string terms_path = child_path(path, "terms");
  const json& terms = terms_object(ctx, row, path);
  for (const auto& [term, unused] : terms.items()) {
    check_term(ctx, terms_path, term);
    result.usd_per_mu_hour[term] = Figure{*ctx.reader.decimal(terms, terms_path, term, true), provenance};
  }
  result.note = ctx.reader.string(row, path, "note", false).value_or("");
  return result;
}

ReservedRow read_reserved_row(const Context& ctx, const json& row, const std::string& path) {
  ctx.reader.expect_object(row, path, {"regions", "unit", "terms", "source", "as_of", "note"});
  ReservedRow result;
  result.regions = read_regions(ctx, row, path, true);
  if (!ctx.reader.choice(row, path, "unit", {"per_1k_tpm_month"})) {
    ctx.reader.fail(child_path(path, "unit"), "missing required unit (per_1k_tpm_month)");
  }
  const Provenance provenance = read_provenance(ctx, row, path);
  const std::string terms_path = child_path(path, "terms");
  const json& terms = terms_object(ctx, row, path);
  for (const auto& [term, prices] : terms.items()) {
    check_term(ctx, terms_path, term);
    const std::string term_path = child_path(terms_path, term);
    ctx.reader.expect_object(prices, term_path, {"input", "output"});
    ReservedPrice price;
    if (auto input = ctx.reader.decimal(prices, term_path, "input", !ctx.overlay)) {
      price.input = Figure{*input, provenance};
    }
    if (auto output = ctx.reader.decimal(prices, term_path, "output", !ctx.overlay)) {
      price.output = Figure{*output, provenance};
    }
    result.usd_per_1k_tpm_month[term] = price;
  }
  result.note = ctx.reader.string(row, path, "note", false).value_or("");
  return result;
}

MuCapacity read_mu_capacity(const Context& ctx, const json& value, const std::string& path) {
  ctx.reader.expect_object(value, path, {"input_tpm", "output_tpm", "tpm", "source", "as_of", "note"});
  MuCapacity result;
  result.input_tpm = ctx.reader.decimal(value, path, "input_tpm", false);
  result.output_tpm = ctx.reader.decimal(value, path, "output_tpm", false);
  result.tpm = ctx.reader.decimal(value, path, "tpm", false);
  const bool split = result.input_tpm || result.output_tpm;
  if (split && result.tpm) {
    ctx.reader.fail(path, "give either input_tpm and output_tpm, or one combined tpm, not both");
  }
  if (split && !(result.input_tpm && result.output_tpm)) {
    ctx.reader.fail(child_path(path, result.input_tpm ? "output_tpm" : "input_tpm"), "missing required number");
  }
  if (!split && !result.tpm) {
    ctx.reader.fail(path, "missing MU capacity: give input_tpm and output_tpm, or tpm");
  }
  for (const auto* const key : {"input_tpm", "output_tpm", "tpm"}) {
    if (const auto v = ctx.reader.decimal(value, path, key, false); v && v->units() == 0) {
      ctx.reader.fail(child_path(path, key), "expected a positive number of tokens per minute, got 0");
    }
  }
  result.provenance = read_provenance(ctx, value, path);
  result.note = ctx.reader.string(value, path, "note", false).value_or("");
  return result;
}

QuotaRow read_quota_row(const Context& ctx, const json& row, const std::string& path) {
  ctx.reader.expect_object(row, path, {"regions", "scope", "tpm", "rpm", "source", "as_of", "note"});
  QuotaRow result;
  result.regions = read_regions(ctx, row, path, true);
  const auto scope = ctx.reader.choice(row, path, "scope", {"in_region", "cross_region", "global_cross_region"});
  result.scope = scope == "cross_region"          ? QuotaScope::cross_region
                 : scope == "global_cross_region" ? QuotaScope::global_cross_region
                                                  : QuotaScope::in_region;
  const Provenance provenance = read_provenance(ctx, row, path);
  if (auto tpm = ctx.reader.decimal(row, path, "tpm", false)) {
    result.tpm = Figure{*tpm, provenance};
  }
  if (auto rpm = ctx.reader.decimal(row, path, "rpm", false)) {
    result.rpm = Figure{*rpm, provenance};
  }
  result.note = ctx.reader.string(row, path, "note", false).value_or("");
  return result;
}

// A lifecycle row: its dates full (YYYY-MM-DD) and in order, legacy <= extended access <= end of life.
LifecycleRow read_lifecycle_row(const Context& ctx, const json& row, const std::string& path) {
  ctx.reader.expect_object(
      row, path,
      {"regions", "legacy", "extended_access", "end_of_life", "source", "as_of", "third_party_only", "note"});
  LifecycleRow result;
  result.regions = read_regions(ctx, row, path, false);
  std::string previous;
  std::string previous_key;
  for (const auto& [key, date] : {std::pair<std::string_view, std::string*>{"legacy", &result.legacy},
                                  {"extended_access", &result.extended_access},
                                  {"end_of_life", &result.end_of_life}}) {
    const std::string key_text(key);
    const std::optional<std::string> value = ctx.reader.date(row, path, key_text, key == "end_of_life");
    if (!value) {
      continue;
    }
    if (value->size() != 10) {
      ctx.reader.fail(child_path(path, key_text), fmt::format("expected a full date YYYY-MM-DD, got '{}'", *value));
    }
    if (!previous.empty() && *value < previous) {
      ctx.reader.fail(child_path(path, key_text),
                      fmt::format("{} is before the {} date {}", *value, previous_key, previous));
    }
    *date = *value;
    previous = *value;
    previous_key = key_text;
  }
  result.provenance = read_provenance(ctx, row, path);
  result.note = ctx.reader.string(row, path, "note", false).value_or("");
  return result;
}

template <class Row, class Read>
std::vector<Row> read_rows(const Context& ctx, const json& model, const std::string& path, std::string_view key,
                           Read read) {
  std::vector<Row> rows;
  const json* array = JsonReader::member(model, key);
  if (array == nullptr) {
    return rows;
  }
  const std::string rows_path = child_path(path, key);
  ctx.reader.expect_array(*array, rows_path);
  for (std::size_t i = 0; i < array->size(); ++i) {
    rows.push_back(read(ctx, (*array)[i], child_path(rows_path, i)));
  }
  return rows;
}

Model read_model(const Context& ctx, const json& value, const std::string& path) {
  ctx.reader.expect_object(value, path,
                           {"id", "name", "provider", "kind", "aliases", "on_demand", "provisioned", "reserved",
                            "mu_capacity", "quotas", "output_burndown", "lifecycle"});
  Model model;
  model.id = *ctx.reader.string(value, path, "id", true);
  model.name = ctx.reader.string(value, path, "name", !ctx.overlay).value_or("");
  model.provider = ctx.reader.string(value, path, "provider", !ctx.overlay).value_or("");
  model.kind =
      ctx.reader.choice(value, path, "kind", {"text", "embedding", "image"}).value_or(ctx.overlay ? "" : "text");
  model.aliases = ctx.reader.string_array(value, path, "aliases");
  model.on_demand = read_rows<OnDemandRow>(ctx, value, path, "on_demand", read_on_demand_row);
  model.provisioned = read_rows<ProvisionedRow>(ctx, value, path, "provisioned", read_provisioned_row);
  model.reserved = read_rows<ReservedRow>(ctx, value, path, "reserved", read_reserved_row);
  model.quotas = read_rows<QuotaRow>(ctx, value, path, "quotas", read_quota_row);
  model.lifecycle = read_rows<LifecycleRow>(ctx, value, path, "lifecycle", read_lifecycle_row);
  if (const json* capacity = JsonReader::member(value, "mu_capacity")) {
    model.mu_capacity = read_mu_capacity(ctx, *capacity, child_path(path, "mu_capacity"));
  }
  if (const json* burndown = JsonReader::member(value, "output_burndown")) {
    const std::string burndown_path = child_path(path, "output_burndown");
    ctx.reader.expect_object(*burndown, burndown_path, {"value", "source", "as_of", "note"});
    model.output_burndown = Figure{*ctx.reader.decimal(*burndown, burndown_path, "value", true),
                                   read_provenance(ctx, *burndown, burndown_path)};
  }
  if (!ctx.overlay && model.on_demand.empty() && model.provisioned.empty()) {
    ctx.reader.fail(path,
                    fmt::format("model '{}' has neither on_demand nor provisioned prices", util::excerpt(model.id)));
  }
  return model;
}

void read_sources(const Context& ctx, const json& document, Catalog& catalog) {
  const json* sources = JsonReader::member(document, "sources");
  if (sources == nullptr) {
    return;
  }
  if (!sources->is_object()) {
    ctx.reader.fail("/sources", "expected an object of source label -> description");
  }
  for (const auto& [label, info] : sources->items()) {
    const std::string path = child_path("/sources", label);
    ctx.reader.expect_object(info, path, {"reference", "as_of", "kind"});
    catalog.sources[label] = SourceInfo{*ctx.reader.string(info, path, "reference", true),
                                        ctx.reader.string(info, path, "as_of", false).value_or(""),
                                        ctx.reader.string(info, path, "kind", false).value_or("")};
  }
}

} // namespace

ParsedFile parse_file(const json& document, const JsonReader& reader) {
  reader.expect_object(document, "", {"schema_version", "kind", "as_of", "source", "sources", "models"});
  ParsedFile parsed;
  parsed.is_overlay = reader.choice(document, "", "kind", {"catalog", "overlay"}) == "overlay";
  const Context ctx{reader, parsed.is_overlay};
  const json* version = JsonReader::member(document, "schema_version");
  if (version == nullptr) {
    reader.fail("/schema_version", "missing required number (this format is schema_version 1)");
  }
  if (!version->is_number_integer() || version->get<std::int64_t>() != 1) {
    reader.fail("/schema_version",
                fmt::format("unsupported schema_version {} (this build reads 1)", util::excerpt(version->dump())));
  }
  parsed.catalog.as_of = reader.date(document, "", "as_of", !parsed.is_overlay).value_or("");
  parsed.catalog.source = reader.string(document, "", "source", !parsed.is_overlay).value_or("");
  parsed.catalog.origin = reader.source();
  read_sources(ctx, document, parsed.catalog);
  const json* models = JsonReader::member(document, "models");
  if (models == nullptr) {
    reader.fail("/models", "missing required array of models");
  }
  reader.expect_array(*models, "/models");
  for (std::size_t i = 0; i < models->size(); ++i) {
    const std::string path = child_path("/models", i);
    parsed.catalog.models.push_back(read_model(ctx, (*models)[i], path));
    parsed.model_paths.push_back(path);
  }
  return parsed;
}

} // namespace bedrock_cost::catalog::detail
