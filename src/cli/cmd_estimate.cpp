#include "commands.hpp"

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/engine/budget.hpp>
#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/report/result_file.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/usage/workloads.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace bedrock_cost::cli {

namespace {

// Up to a billion tokens (or requests) a minute: far above any Bedrock quota, and countable in milli-tokens.
const auto k_non_negative = number_between(0.0, 1e9, "0", "1e9");
// The most tokens one period of a constant rate can carry (9 x 10^15 milli-tokens).
constexpr double k_max_tokens_per_period = 9e12;
const auto k_share = number_between(0.0, 1.0, "0", "1");

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

workload::TrafficRate rate_from_flags(const EstimateCliOptions& o, bool input_share_given) {
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
  if (!o.tpm && input_share_given) {
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

// A positive decimal flag (MU capacity, prices), exact to 9 places.
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

std::vector<workload::WorkloadSpec> workloads_from_flags(const EstimateCliOptions& o, const CLI::App& command) {
  workload::WorkloadSpec spec;
  spec.model = o.model;
  spec.name = o.model;
  spec.region = o.region;
  spec.rate = rate_from_flags(o, command.count("--input-share") > 0);
  spec.batch_share = o.batch_share;
  spec.cache_read_share = o.cache_read_share;
  spec.cache_write_share = o.cache_write_share;
  spec.shape = shape_from_flags(o);
  spec.capacity = capacity_from_flags(o);
  spec.quota = quota_from_flags(o);
  spec.region_given = command.count("--region") > 0;
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

// Flags that describe a single workload and so cannot be combined with --workload.
void reject_flags_with_workload_file(const CLI::App& command) {
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
    if (command.count(flag) > 0) {
      throw UsageError(fmt::format("estimate: {} describes one workload; with --workload, put it in the file (or the "
                                   "quote in a --prices overlay)",
                                   flag));
    }
  }
}

} // namespace

CLI::App* add_estimate(CLI::App& app, EstimateCliOptions& o) {
  CLI::App* cmd = app.add_subcommand("estimate", "Estimate the monthly cost of Bedrock traffic");
  cmd->add_option("--model,-m", o.model, "Model ID, inference profile ID (us.…, global.…) or ARN");
  cmd->add_option("--region,-r", o.region, "AWS Region of the requests")->capture_default_str();
  CLI::Option* usage_files =
      cmd->add_option("--usage,-u", o.usage_files,
                      "Price real traffic: CloudWatch metrics (with their query file), model invocation logs, a "
                      "filter-log-events export or a per-minute CSV (files or folders; - reads stdin)")
          ->type_name("USAGE...");
  add_usage_read_options(*cmd, o.usage_read);
  for (const char* name : {"--usage-format", "--skip-invalid", "--metric-period", "--model-for", "--period", "--since",
                           "--until", "--to-month", "--mixed-sources"}) {
    cmd->get_option(name)->needs(usage_files); // they say how usage files are read
  }
  cmd->add_option("--fields", o.output.fields,
                  "Only these CSV columns, in this order (also as a table); e.g. workload,strategy,term,monthly_usd")
      ->delimiter(',')
      ->type_name("COLUMN,...");
  cmd->add_option("--compare-to", o.compare_to,
                  "Print what changed against an earlier 'estimate --format json' result instead of the estimate")
      ->type_name("BASE.json");
  cmd->add_option("--fail-if-increase", o.fail_if_increase,
                  "With --compare-to: exit 3 when the recommended total rises by more than USD or PCT%")
      ->type_name("USD|PCT%");
  cmd->add_option("--fail-if-over", o.fail_if_over,
                  "Budget gate: write the report, then exit 3 if the monthly total is over USD")
      ->type_name("USD");
  cmd->add_flag("--allow-unpriced", o.allow_unpriced,
                "Let --fail-if-over and --fail-if-increase judge totals that leave out usage the catalog cannot "
                "price (by default an error)");
  cmd->add_option("--fail-on", o.fail_on, "Which total --fail-if-over checks")
      ->check(CLI::IsMember({"recommended", "on_demand", "provisioned", "blended", "reserved"}))
      ->capture_default_str();
  cmd->add_option("--workload,-w", o.workload_file, "JSON file with several workloads (see docs/workload-format.md)")
      ->type_name("FILE");
  cmd->add_option("--tpm", o.tpm, "Average tokens per minute (input + output)")->check(k_non_negative);
  cmd->add_option("--input-share", o.input_share, "Share of --tpm that is input tokens")
      ->check(k_share)
      ->capture_default_str();
  cmd->add_option("--input-tpm", o.input_tpm, "Average input tokens per minute")->check(k_non_negative);
  cmd->add_option("--output-tpm", o.output_tpm, "Average output tokens per minute")->check(k_non_negative);
  cmd->add_option("--requests-per-minute,--rpm", o.requests_per_minute, "Average requests per minute")
      ->check(k_non_negative);
  cmd->add_option("--requests-per-day", o.requests_per_day, "Average requests per day")->check(k_non_negative);
  cmd->add_option("--input-tokens", o.input_tokens, "Input tokens per request")->check(k_non_negative);
  cmd->add_option("--output-tokens", o.output_tokens, "Output tokens per request")->check(k_non_negative);
  cmd->add_option("--batch-share", o.batch_share, "Share of tokens sent as batch inference (batch prices)")
      ->check(k_share);
  cmd->add_option("--cache-read-share", o.cache_read_share,
                  "Share of real-time input tokens read from the prompt cache")
      ->check(k_share);
  cmd->add_option("--cache-write-share", o.cache_write_share,
                  "Share of real-time input tokens written to the prompt cache")
      ->check(k_share);
  cmd->add_option("--hours-per-month", o.hours_per_month, "Hours in a month [default: 730]")
      ->check(number_between(1.0, 744.0, "1", "744"));
  cmd->add_option("--peak-tpm", o.peak_tpm, "Tokens per minute in the busiest minute (shapes the traffic)")
      ->check(k_non_negative);
  cmd->add_option("--shape", o.shape, "How the rate varies over the week [default with --peak-tpm: diurnal]")
      ->check(CLI::IsMember({"flat", "diurnal", "business-hours"}));
  cmd->add_option("--headroom", o.headroom_percent, "Percent above the peak to size provisioned MUs for")
      ->check(number_between(0.0, 1000.0, "0", "1000"))
      ->capture_default_str();
  cmd->add_option("--model-units", o.model_units, "Buy this many MUs instead of sizing to the peak")
      ->transform(whole_number_between(1, 1'000'000));
  cmd->add_option("--term", o.terms, "Only these commitment terms (no_commitment, 1_month, 6_month, ...)")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& term) -> std::string {
            return catalog::is_term_name(term) ? std::string()
                                               : fmt::format("unknown term '{}' (expected no_commitment, 1_month, "
                                                             "6_month, or <n>_month / <n>_year up to 10 years)",
                                                             util::excerpt(term));
          },
          "TERM"));
  cmd->add_option("--mu-input-tpm", o.mu_input_tpm, "Input tokens per minute one model unit serves (from your quote)");
  cmd->add_option("--mu-output-tpm", o.mu_output_tpm, "Output tokens per minute one model unit serves");
  cmd->add_option("--mu-tpm", o.mu_tpm, "Tokens per minute one model unit serves, input and output combined");
  cmd->add_option("--reserved-input-price", o.reserved_input_price, "Reserved tier: USD per 1,000 input TPM per month");
  cmd->add_option("--reserved-output-price", o.reserved_output_price,
                  "Reserved tier: USD per 1,000 output TPM per month");
  cmd->add_option("--quota-tpm", o.quota_tpm,
                  "Your on-demand tokens-per-minute quota for the model and Region (replaces the default)")
      ->type_name("N");
  cmd->add_option("--quota-rpm", o.quota_rpm,
                  "Your on-demand requests-per-minute quota for the model and Region (replaces the default)")
      ->type_name("N");
  cmd->add_option("--reserved-term", o.reserved_term, "Term of the Reserved prices given")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& term) -> std::string {
            return catalog::is_term_name(term) && term != "no_commitment"
                       ? std::string()
                       : fmt::format("expected <n>_month or <n>_year, got '{}'", util::excerpt(term));
          },
          "TERM"));
  add_catalog_options(*cmd, o.catalog);
  add_output_options(*cmd, o.output, true);
  cmd->add_option("--charge-period", o.charge_period,
                  "--format focus: the month the charges fall in [default: the month the --usage lies in, else the "
                  "month after the catalog's date]")
      ->type_name("YYYY-MM");
  cmd->add_option("--chart", o.chart_file,
                  "Also write the charts of --format html (traffic, model units, cost by MUs, options) to FILE.svg")
      ->type_name("FILE.svg");
  return cmd;
}

namespace {

// The month the usage of the workloads lies in, as "YYYY-MM": the month of the middle minute of the period the usage
// covers (so usage across two months falls in the one that holds most of it, the later one on a tie); none when
// no workload prices imported usage.
std::optional<std::string> usage_month(const std::vector<workload::WorkloadSpec>& workloads) {
  for (const auto& spec : workloads) {
    if (spec.series && spec.series->start_epoch_minute) {
      const std::int64_t middle = *spec.series->start_epoch_minute + spec.series->span_minutes() / 2;
      return usage::format_timestamp(middle * 60).substr(0, 7);
    }
  }
  return std::nullopt;
}

// The FOCUS charge period: --charge-period YYYY-MM; else the month the imported usage lies in (usage_month()); else
// the month after the catalog's date (deterministic).
report::FocusPeriod focus_period(const std::optional<std::string>& given, const std::string& catalog_date,
                                 const std::optional<std::string>& usage) {
  int year = 0;
  int month = 0;
  const std::string text =
      given.value_or(usage.value_or(catalog_date.substr(0, std::min<std::size_t>(7, catalog_date.size()))));
  const auto field = [&text](std::size_t from, std::size_t count, int& value) { // the whole field is a number
    const std::string_view digits = std::string_view(text).substr(from, count);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return error == std::errc() && end == digits.data() + digits.size(); // (a '-' sign fails the range checks)
  };
  if (text.size() != 7 || text[4] != '-' || !field(0, 4, year) || !field(5, 2, month) || month < 1 || month > 12 ||
      (given && year < 2000)) { // (usage may be older: timestamps from 1970 are valid)
    throw UsageError(fmt::format("estimate: --charge-period: expected YYYY-MM, got '{}'", util::excerpt(text)));
  }
  if (!given && !usage) { // the month after the catalog's
    month = month % 12 + 1;
    year += month == 1 ? 1 : 0;
  }
  const int next_month = month % 12 + 1;
  const int next_year = year + (next_month == 1 ? 1 : 0);
  return {fmt::format("{:04}-{:02}-01T00:00:00Z", year, month),
          fmt::format("{:04}-{:02}-01T00:00:00Z", next_year, next_month)};
}

// Every model (and Region) found in the usage becomes a workload with its measured per-minute profile; --model
// keeps only the usage of that model.
usage::UsageWorkloads workloads_from_usage(const EstimateCliOptions& o, const CLI::App& command,
                                           const catalog::Catalog& catalog, engine::EstimateOptions& estimate, Io& io) {
  for (const char* flag : {"--workload", "--tpm", "--input-tpm", "--output-tpm", "--requests-per-minute",
                           "--requests-per-day", "--input-tokens", "--output-tokens", "--input-share", "--batch-share",
                           "--cache-read-share", "--cache-write-share", "--peak-tpm", "--shape"}) {
    if (command.count(flag) > 0) {
      throw UsageError(fmt::format("estimate: {} describes traffic; with --usage the traffic is the usage", flag));
    }
  }
  const std::optional<std::string> model = o.model.empty() ? std::nullopt : std::optional<std::string>(o.model);
  usage::WorkloadOptions options = workload_options(o.usage_read);
  if (model) {
    const catalog::ResolveResult found = catalog::resolve_model(catalog, *model, o.region);
    if (!found.match) {
      throw InputError(fmt::format("--model: {}", catalog::unknown_model_message(*model, found.suggestions)));
    }
    options.keep = [&catalog, wanted = found.match->model->id](const usage::ModelUsage& series) {
      const catalog::ResolveResult match = catalog::resolve_model(catalog, series.model(), series.region());
      return match.match && match.match->model->id == wanted;
    };
  }
  const usage::UsageSet usage = import_usage(o.usage_files, o.usage_read, model, o.region, io);
  print_import_messages(usage, io); // now, and in the report's warnings and notes
  estimate.read_warnings = usage.warnings;
  estimate.read_notes = usage.notes;
  usage::UsageWorkloads result = usage::workloads(usage, options);
  if (result.workloads.empty()) {
    throw InputError(model ? fmt::format("--model: no usage of '{}' in the files read", util::excerpt(*model))
                           : fmt::format("{}: the usage files hold no traffic", fmt::join(o.usage_files, ", ")));
  }
  const workload::CapacitySettings capacity = capacity_from_flags(o);
  const bool capacity_given =
      capacity.model_units || capacity.mu_tpm || capacity.mu_input_tpm || !capacity.reserved.empty();
  if (capacity_given && result.workloads.size() > 1) {
    throw UsageError(fmt::format("estimate: the usage holds {} models; MU capacity, --model-units and Reserved prices "
                                 "given as flags apply to one: pick it with --model, or put the quote in a --prices "
                                 "overlay",
                                 result.workloads.size()));
  }
  const workload::QuotaSettings quota = quota_from_flags(o);
  if ((quota.tpm || quota.rpm) && result.workloads.size() > 1) {
    throw UsageError(
        fmt::format("estimate: the usage holds {} workloads; --quota-tpm and --quota-rpm apply to one: "
                    "pick its model with --model, or put your quotas (per model and Region) in a --prices overlay",
                    result.workloads.size()));
  }
  for (auto& spec : result.workloads) {
    spec.capacity = capacity;
    spec.quota = quota;
  }
  return result;
}

// engine::estimate, with a workload the catalog cannot price told in the words of the input it came from.
engine::CostReport estimate_worded(const catalog::Catalog& catalog,
                                   const std::vector<workload::WorkloadSpec>& workloads,
                                   const engine::EstimateOptions& options) {
  try {
    return engine::estimate(catalog, workloads, options);
  } catch (const engine::UnpricedWorkload& e) {
    throw UnpricedError(report::gap_message(e.gap()));
  }
}

// Refuses --output and --chart naming the same file, or a file (or folder) the run reads.
void check_estimate_outputs(const EstimateCliOptions& o) {
  std::vector<NamedFile> inputs = catalog_inputs(o.catalog);
  inputs.push_back({"--workload", o.workload_file});
  inputs.push_back({"--compare-to", o.compare_to});
  for (NamedFile& usage : named_files("--usage", o.usage_files)) {
    inputs.push_back(std::move(usage));
  }
  check_outputs("estimate", {{"--output", o.output.output_file}, {"--chart", o.chart_file}}, inputs);
}

} // namespace

int run_estimate(const EstimateCliOptions& o, CLI::App& command, Io& io) {
  check_estimate_outputs(o);
  std::vector<workload::WorkloadSpec> workloads;
  engine::EstimateOptions options;
  const catalog::Catalog catalog = load_catalog(o.catalog);
  if (!o.usage_files.empty()) {
    usage::UsageWorkloads from_usage = workloads_from_usage(o, command, catalog, options, io);
    workloads = std::move(from_usage.workloads);
    options.input_warnings = std::move(from_usage.warnings);
    options.input_notes = std::move(from_usage.notes);
    options.list_unpriced = true;
    options.input_form = engine::InputForm::usage;
  } else if (!o.workload_file.empty()) {
    reject_flags_with_workload_file(command);
    InputFile file(o.workload_file);
    workload::WorkloadFile parsed = workload::load_workload_file(file.stream(), file.name(), o.region);
    workloads = std::move(parsed.workloads);
    options.input_form = engine::InputForm::workload_file;
    if (parsed.hours_per_month) {
      options.hours_per_month = *parsed.hours_per_month;
    }
  } else {
    if (o.model.empty()) {
      throw UsageError("estimate: give --model MODEL_ID (or --workload FILE); 'bedrock-cost models' lists the IDs");
    }
    workloads = workloads_from_flags(o, command);
  }
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
  options.charts = o.output.format == "html" || !o.chart_file.empty();
  if (!o.output.fields.empty()) {
    if (o.output.format != "csv" && o.output.format != "table") {
      throw UsageError("estimate: --fields goes with --format csv or table");
    }
    if (const auto unknown = report::unknown_fields(o.output.fields, report::estimate_fields()); !unknown.empty()) {
      throw UsageError(fmt::format("estimate: --fields: unknown column '{}' (columns: {})",
                                   util::excerpt(unknown.front()), fmt::join(report::estimate_fields(), ", ")));
    }
  }
  std::optional<util::Money> limit;
  if (o.fail_if_over) {
    limit = util::Money::from_usd(decimal_flag(*o.fail_if_over, "--fail-if-over", false));
  } else if (command.count("--fail-on") > 0) {
    throw UsageError("estimate: --fail-on goes with --fail-if-over USD");
  }
  if (o.fail_if_increase && o.compare_to.empty()) {
    throw UsageError("estimate: --fail-if-increase goes with --compare-to BASE.json");
  }
  IncreaseLimit increase = parse_increase_limit(o.fail_if_increase, "estimate");
  increase.allow_unpriced = o.allow_unpriced;
  const engine::CostReport result = estimate_worded(catalog, workloads, options);
  for (const auto& u : result.unpriced) {
    warn(io,
         fmt::format("usage not priced: {} in {} ({} input + {} output tokens{}): {}", util::excerpt(u.model),
                     util::excerpt(u.region), util::format_count(static_cast<double>(u.input_tokens)),
                     util::format_count(static_cast<double>(u.output_tokens)),
                     u.requests ? fmt::format(", {} request{}", util::format_count(static_cast<double>(*u.requests)),
                                              *u.requests == 1 ? "" : "s")
                                : "",
                     report::gap_reason(u.reason)));
  }
  // The reader's warnings and notes, first in the report, were printed as it ended.
  for (std::size_t i = options.read_warnings.size(); i < result.warnings.size(); ++i) {
    warn(io, result.warnings[i]);
  }
  for (std::size_t i = options.read_notes.size(); i < result.notes.size(); ++i) {
    warn(io, result.notes[i], "note");
  }
  for (const auto& workload : result.workloads) {
    for (const auto& warning : workload.warnings) {
      warn(io, warning);
    }
  }
  // The chart is written before the report and put in place after it: a failure of either leaves neither.
  std::optional<OutputFile> chart;
  if (!o.chart_file.empty()) {
    std::ostringstream svg;
    report::svg::render(result, svg);
    chart.emplace(o.chart_file, svg.str());
  }
  if (!o.compare_to.empty()) {
    // The diff against the earlier result, as `bedrock-cost diff BASE.json <this result>` would print it, from the
    // report itself (exact money, no JSON in between).
    InputFile base(o.compare_to);
    const engine::ResultSummary earlier = report::read_result(base.stream(), base.name());
    const engine::ScenarioDiff diff = engine::diff(earlier, base.name(), engine::summarize(result), "this estimate");
    const int code = report_diff(diff, o.output, increase, io);
    if (code != static_cast<int>(ExitCode::ok)) {
      if (chart) {
        chart->commit(); // the gate failed, but the charts of the run are whole, like the report
      }
      return code;
    }
  } else if (o.output.format == "html") {
    emit(o.output, io,
         [&](report::OutputFormat /*format*/, const report::RenderOptions& /*options*/, std::ostream& out) {
           report::html::render(result, out);
         });
  } else if (o.output.format == "focus") {
    const report::FocusPeriod period = focus_period(o.charge_period, catalog.as_of, usage_month(workloads));
    emit(o.output, io,
         [&](report::OutputFormat /*format*/, const report::RenderOptions& /*options*/, std::ostream& out) {
           report::focus::render(result, period, out);
         });
  } else {
    emit(o.output, io,
         [&](report::OutputFormat format, const report::RenderOptions& render_options, std::ostream& out) {
           report::render(result, format, render_options, out);
         });
  }
  if (chart) {
    chart->commit();
  }
  // The gate runs after the whole report is written, so CI keeps the report of a failing run.
  if (limit) {
    check_priced_for_gate("--fail-if-over", {{"this estimate", engine::summarize(result).unpriced}}, o.allow_unpriced);
    const auto basis = engine::budget_basis(o.fail_on).value();
    const util::Money total = engine::budget_total(result, basis);
    if (total > *limit) {
      io.err << fmt::format("bedrock-cost: over budget: {} is ${}/month, over the limit of ${} (--fail-if-over)\n",
                            engine::describe(basis), util::format_usd_cents(total), util::format_usd_cents(*limit));
      return static_cast<int>(ExitCode::over_budget);
    }
  }
  return static_cast<int>(ExitCode::ok);
}

} // namespace bedrock_cost::cli
