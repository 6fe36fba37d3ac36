// estimate_input (estimate.hpp): the workloads an estimate prices and the engine's options, from the flags of one
// workload, a workload file or usage files.

#include "estimate.hpp"

#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

namespace bedrock_cost::cli {

namespace {

// The most tokens one period of a constant rate can carry (9 x 10^15 milli-tokens).
constexpr double k_max_tokens_per_period = 9e12;

bool given(const EstimateCliOptions& o, std::string_view flag) { return o.given.contains(flag); }

// The rate flags given, as "--tpm"-style names, in flag order.
std::vector<std::string> rate_forms(const EstimateCliOptions& o) {
  std::vector<std::string> forms;
  if (o.tpm) {
    forms.emplace_back("--tpm");
  }
  if (o.input_tpm || o.output_tpm) {
    forms.emplace_back("--input-tpm/--output-tpm");
  }
  if (o.requests_per_minute) {
    forms.emplace_back("--requests-per-minute");
  }
  if (o.requests_per_day) {
    forms.emplace_back("--requests-per-day");
  }
  return forms;
}

workload::TrafficRate rate_from_flags(const EstimateCliOptions& o) {
  const auto forms = rate_forms(o);
  if (forms.empty()) {
    throw UsageError("estimate: give the traffic: --tpm N (with --input-share), --input-tpm and --output-tpm, or "
                     "--requests-per-minute/--requests-per-day with --input-tokens and --output-tokens");
  }
  if (forms.size() > 1) {
    throw UsageError(fmt::format("estimate: give the traffic one way only, not {} and {}", forms[0], forms[1]));
  }
  const bool per_request = o.requests_per_minute || o.requests_per_day;
  if (!per_request && (o.input_tokens || o.output_tokens)) {
    throw UsageError(
        "estimate: --input-tokens and --output-tokens go with --requests-per-minute or --requests-per-day");
  }
  if (!o.tpm && given(o, "--input-share")) {
    throw UsageError("estimate: --input-share goes with --tpm");
  }
  if (o.tpm) {
    return workload::rate_from_tpm(*o.tpm, o.input_share);
  }
  if (o.input_tpm || o.output_tpm) {
    if (!o.input_tpm || !o.output_tpm) {
      throw UsageError("estimate: --input-tpm and --output-tpm go together (use 0 for none)");
    }
    return workload::TrafficRate{*o.input_tpm, *o.output_tpm, std::nullopt, 1};
  }
  if (!o.input_tokens || !o.output_tokens) {
    throw UsageError("estimate: a request rate needs --input-tokens and --output-tokens per request");
  }
  // Each flag is at most 1e9, but their product is the tokens of a minute (or a day), counted in milli-tokens.
  const char* const rate_flag = o.requests_per_minute ? "--requests-per-minute" : "--requests-per-day";
  const double requests = o.requests_per_minute ? *o.requests_per_minute : *o.requests_per_day;
  for (const auto& [flag, tokens] :
       {std::pair{"--input-tokens", *o.input_tokens}, std::pair{"--output-tokens", *o.output_tokens}}) {
    if (requests * tokens > k_max_tokens_per_period) {
      throw UsageError(fmt::format("estimate: {} x {} is {:g} tokens a {}, more than bedrock-cost counts ({:g})",
                                   rate_flag, flag, requests * tokens, o.requests_per_minute ? "minute" : "day",
                                   k_max_tokens_per_period));
    }
  }
  if (o.requests_per_minute) {
    return workload::rate_from_requests(*o.requests_per_minute, *o.input_tokens, *o.output_tokens, 1);
  }
  return workload::rate_from_requests(*o.requests_per_day, *o.input_tokens, *o.output_tokens, 1440);
}

std::optional<workload::ShapeKind> shape_from_name(std::string_view name) {
  for (const auto kind :
       {workload::ShapeKind::flat, workload::ShapeKind::diurnal, workload::ShapeKind::business_hours}) {
    if (workload::to_string(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

// --peak-tpm and --shape: a peak alone takes the diurnal shape; a shape other than flat needs a peak.
std::optional<workload::TrafficShape> shape_from_flags(const EstimateCliOptions& o) {
  if (!o.peak_tpm && !o.shape) {
    return std::nullopt;
  }
  const workload::ShapeKind kind = o.shape ? shape_from_name(*o.shape).value() : workload::ShapeKind::diurnal;
  if (!o.peak_tpm && kind != workload::ShapeKind::flat) {
    throw UsageError(fmt::format("estimate: --shape {} needs --peak-tpm (the busiest minute's tokens per minute)",
                                 workload::to_string(kind)));
  }
  if (!o.peak_tpm) {
    return std::nullopt; // flat: the constant rate
  }
  return workload::TrafficShape{kind, *o.peak_tpm, {}, "--peak-tpm"};
}

// MU capacity and Reserved prices given as flags.
workload::CapacitySettings capacity_from_flags(const EstimateCliOptions& o) {
  workload::CapacitySettings settings;
  settings.model_units = o.model_units;
  if (o.mu_tpm && (o.mu_input_tpm || o.mu_output_tpm)) {
    throw UsageError("estimate: give --mu-tpm (one combined limit) or --mu-input-tpm and --mu-output-tpm, not both");
  }
  if (o.mu_input_tpm.has_value() != o.mu_output_tpm.has_value()) {
    throw UsageError("estimate: --mu-input-tpm and --mu-output-tpm go together");
  }
  if (o.mu_tpm) {
    settings.mu_tpm = decimal_flag(*o.mu_tpm, "--mu-tpm", true);
    settings.mu_origin = "--mu-tpm";
  } else if (o.mu_input_tpm) {
    settings.mu_input_tpm = decimal_flag(*o.mu_input_tpm, "--mu-input-tpm", true);
    settings.mu_output_tpm = decimal_flag(*o.mu_output_tpm, "--mu-output-tpm", true);
    settings.mu_origin = "--mu-input-tpm/--mu-output-tpm";
  }
  if (!o.reserved_input_price && !o.reserved_output_price && o.reserved_term != "1_month") {
    throw UsageError("estimate: --reserved-term goes with --reserved-input-price and --reserved-output-price");
  }
  if (o.reserved_input_price.has_value() != o.reserved_output_price.has_value()) {
    throw UsageError("estimate: --reserved-input-price and --reserved-output-price go together");
  }
  if (o.reserved_input_price) {
    settings.reserved[o.reserved_term] = workload::CapacitySettings::ReservedQuote{
        decimal_flag(*o.reserved_input_price, "--reserved-input-price", false),
        decimal_flag(*o.reserved_output_price, "--reserved-output-price", false)};
    settings.reserved_origin = "--reserved-input-price/--reserved-output-price";
  }
  return settings;
}

// The account's own quotas given as flags.
workload::QuotaSettings quota_from_flags(const EstimateCliOptions& o) {
  workload::QuotaSettings quota;
  if (o.quota_tpm) {
    quota.tpm = decimal_flag(*o.quota_tpm, "--quota-tpm", true);
  }
  if (o.quota_rpm) {
    quota.rpm = decimal_flag(*o.quota_rpm, "--quota-rpm", true);
  }
  quota.tpm_origin = "--quota-tpm";
  quota.rpm_origin = "--quota-rpm";
  return quota;
}

// Flags that describe a single workload and so cannot be combined with --workload.
void reject_flags_with_workload_file(const EstimateCliOptions& o) {
  for (const char* flag : {"--model",
                           "--tpm",
                           "--input-tpm",
                           "--output-tpm",
                           "--requests-per-minute",
                           "--requests-per-day",
                           "--input-tokens",
                           "--output-tokens",
                           "--input-share",
                           "--batch-share",
                           "--cache-read-share",
                           "--cache-write-share",
                           "--peak-tpm",
                           "--shape",
                           "--model-units",
                           "--mu-input-tpm",
                           "--mu-output-tpm",
                           "--mu-tpm",
                           "--reserved-input-price",
                           "--reserved-output-price",
                           "--reserved-term",
                           "--quota-tpm",
                           "--quota-rpm"}) {
    if (given(o, flag)) {
      throw UsageError(fmt::format("estimate: {} describes one workload; with --workload, put it in the file (or the "
                                   "quote in a --prices overlay)",
                                   flag));
    }
  }
}

// The one workload of --model and the traffic flags.
std::vector<workload::WorkloadSpec> workloads_from_flags(const EstimateCliOptions& o) {
  if (o.model.empty()) {
    throw UsageError("estimate: give --model MODEL_ID (or --workload FILE); 'bedrock-cost models' lists the IDs");
  }
  workload::WorkloadSpec spec;
  spec.model = o.model;
  spec.name = o.model;
  spec.region = o.region;
  spec.rate = rate_from_flags(o);
  spec.batch_share = o.batch_share;
  spec.cache_read_share = o.cache_read_share;
  spec.cache_write_share = o.cache_write_share;
  spec.shape = shape_from_flags(o);
  spec.capacity = capacity_from_flags(o);
  spec.quota = quota_from_flags(o);
  spec.region_given = given(o, "--region");
  spec.origin = "--model";
  spec.model_origin = "--model";
  spec.region_origin = spec.region_given ? "--region" : "--model";
  try {
    workload::check_shares(spec.batch_share, spec.cache_read_share, spec.cache_write_share);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("estimate: {}", e.what()));
  }
  return {spec};
}

// The workloads of a --workload file.
workload::WorkloadFile workloads_from_file(const EstimateCliOptions& o) {
  reject_flags_with_workload_file(o);
  InputFile file(o.workload_file);
  return workload::load_workload_file(file.stream(), file.name(), o.region);
}

// Flags that describe traffic, which usage replaces.
void reject_traffic_flags_with_usage(const EstimateCliOptions& o) {
  for (const char* flag : {"--workload", "--tpm", "--input-tpm", "--output-tpm", "--requests-per-minute",
                           "--requests-per-day", "--input-tokens", "--output-tokens", "--input-share", "--batch-share",
                           "--cache-read-share", "--cache-write-share", "--peak-tpm", "--shape"}) {
    if (given(o, flag)) {
      throw UsageError(fmt::format("estimate: {} describes traffic; with --usage the traffic is the usage", flag));
    }
  }
}

// --model with usage: keeps only the usage of that model (in any of its IDs: inference profiles, ARNs).
usage::WorkloadOptions usage_filter(const EstimateCliOptions& o, const catalog::Catalog& catalog) {
  usage::WorkloadOptions options = workload_options(o.usage_read);
  if (!o.model.empty()) {
    const catalog::ResolveResult found = catalog::resolve_model(catalog, o.model, o.region);
    if (!found.match) {
      throw InputError(fmt::format("--model: {}", catalog::unknown_model_message(o.model, found.suggestions)));
    }
    options.keep = [&catalog, wanted = found.match->model->id](const usage::ModelUsage& series) {
      const catalog::ResolveResult match = catalog::resolve_model(catalog, series.model(), series.region());
      return match.match && match.match->model->id == wanted;
    };
  }
  return options;
}

// MU capacity, Reserved prices and quotas given as flags, which describe one workload: on every workload of the
// usage, if it holds only one.
void apply_capacity_flags(const EstimateCliOptions& o, std::vector<workload::WorkloadSpec>& workloads) {
  const workload::CapacitySettings capacity = capacity_from_flags(o);
  const bool capacity_given =
      capacity.model_units || capacity.mu_tpm || capacity.mu_input_tpm || !capacity.reserved.empty();
  if (capacity_given && workloads.size() > 1) {
    throw UsageError(fmt::format("estimate: the usage holds {} models; MU capacity, --model-units and Reserved prices "
                                 "given as flags apply to one: pick it with --model, or put the quote in a --prices "
                                 "overlay",
                                 workloads.size()));
  }
  const workload::QuotaSettings quota = quota_from_flags(o);
  if ((quota.tpm || quota.rpm) && workloads.size() > 1) {
    throw UsageError(
        fmt::format("estimate: the usage holds {} workloads; --quota-tpm and --quota-rpm apply to one: "
                    "pick its model with --model, or put your quotas (per model and Region) in a --prices overlay",
                    workloads.size()));
  }
  for (auto& spec : workloads) {
    spec.capacity = capacity;
    spec.quota = quota;
  }
}

// Every model (and Region) found in the usage becomes a workload with its measured per-minute profile; --model
// keeps only the usage of that model.
// The import's warnings and notes are printed as it ends and kept, first, in the report's (`estimate`).
usage::UsageWorkloads workloads_from_usage(const EstimateCliOptions& o, const catalog::Catalog& catalog,
                                           engine::EstimateOptions& estimate, Io& io) {
  reject_traffic_flags_with_usage(o);
  const usage::WorkloadOptions options = usage_filter(o, catalog);
  const std::optional<std::string> model = o.model.empty() ? std::nullopt : std::optional<std::string>(o.model);
  const usage::UsageSet usage = import_usage(o.usage_files, o.usage_read, model, o.region, io);
  print_import_messages(usage, io);
  estimate.read_warnings = usage.warnings;
  estimate.read_notes = usage.notes;
  usage::UsageWorkloads result = usage::workloads(usage, options);
  if (result.workloads.empty()) {
    throw InputError(model ? fmt::format("--model: no usage of '{}' in the files read", util::excerpt(*model))
                           : fmt::format("{}: the usage files hold no traffic", fmt::join(o.usage_files, ", ")));
  }
  apply_capacity_flags(o, result.workloads);
  return result;
}

// --hours-per-month, --headroom and --term, and the charts that --format html and --chart draw.
void pricing_options(const EstimateCliOptions& o, engine::EstimateOptions& options) {
  const auto exact = [](double value, std::string_view flag) {
    try {
      return util::Fixed9::from_double(value);
    } catch (const std::invalid_argument& e) {
      throw UsageError(fmt::format("estimate: {}: {}", flag, e.what()));
    }
  };
  if (o.hours_per_month) {
    options.hours_per_month = exact(*o.hours_per_month, "--hours-per-month");
  }
  const util::Fixed9 headroom_percent = exact(o.headroom_percent, "--headroom");
  if (headroom_percent.units() % 100 != 0) {
    throw UsageError(fmt::format("estimate: --headroom: at most 7 decimal places of a percent, got {}",
                                 headroom_percent.to_string()));
  }
  options.headroom = util::Fixed9::from_units(headroom_percent.units() / 100);
  options.terms = o.terms;
  options.today = o.date ? *o.date : today();
  options.charts = output_format(o.output) == report::OutputFormat::html || !o.chart_file.empty();
}

} // namespace

EstimateInput estimate_input(const EstimateCliOptions& o, const catalog::Catalog& catalog, Io& io) {
  EstimateInput input;
  if (!o.usage_files.empty()) {
    usage::UsageWorkloads from_usage = workloads_from_usage(o, catalog, input.options, io);
    input.workloads = std::move(from_usage.workloads);
    input.options.input_warnings = std::move(from_usage.warnings);
    input.options.input_notes = std::move(from_usage.notes);
    input.options.list_unpriced = true;
    input.options.input_form = engine::InputForm::usage;
  } else if (!o.workload_file.empty()) {
    workload::WorkloadFile file = workloads_from_file(o);
    input.workloads = std::move(file.workloads);
    input.options.input_form = engine::InputForm::workload_file;
    if (file.hours_per_month) {
      input.options.hours_per_month = *file.hours_per_month;
    }
  } else {
    input.workloads = workloads_from_flags(o);
  }
  pricing_options(o, input.options);
  return input;
}

util::Fixed9 decimal_flag(const std::string& text, std::string_view flag, bool positive) {
  util::Fixed9 value;
  try {
    value = util::Fixed9::parse(text);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("estimate: {}: {}", flag, e.what())); // the message quotes the text
  }
  if (value.units() < 0 || (positive && value.units() == 0)) {
    throw UsageError(fmt::format("estimate: {}: {} (got '{}')", flag,
                                 positive ? "must be more than 0" : "must not be negative", util::excerpt(text)));
  }
  return value;
}

} // namespace bedrock_cost::cli
