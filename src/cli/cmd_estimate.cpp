#include "commands.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace bedrock_cost::cli {

namespace {

// A number in [low, high], with a message in words. (CLI::Range lets NaN through, since every comparison
// with NaN is false, and prints its bounds as "0.000000".)
CLI::Validator number_between(double low, double high, std::string_view low_text, std::string_view high_text) {
  return CLI::Validator(
      [=](std::string& input) -> std::string {
        char* end = nullptr;
        const double value = std::strtod(input.c_str(), &end);
        if (end == input.c_str() || *end != '\0' || !std::isfinite(value)) {
          return fmt::format("expected a number, got '{}'", input);
        }
        if (value < low || value > high) {
          return fmt::format("must be between {} and {}, got {}", low_text, high_text, input);
        }
        return {};
      },
      fmt::format("{}..{}", low_text, high_text));
}

// Up to a billion tokens (or requests) a minute: far above any Bedrock quota, and countable in milli-tokens.
const auto k_non_negative = number_between(0.0, 1e9, "0", "1e9");
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
  if (o.requests_per_minute) {
    return workload::rate_from_requests(*o.requests_per_minute, *o.input_tokens, *o.output_tokens, 1);
  }
  return workload::rate_from_requests(*o.requests_per_day, *o.input_tokens, *o.output_tokens, 1440);
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
  for (const char* flag : {"--model", "--tpm", "--input-tpm", "--output-tpm", "--requests-per-minute",
                           "--requests-per-day", "--input-tokens", "--output-tokens", "--input-share", "--batch-share",
                           "--cache-read-share", "--cache-write-share"}) {
    if (command.count(flag) > 0) {
      throw UsageError(fmt::format("estimate: {} describes one workload; with --workload, put it in the file", flag));
    }
  }
}

} // namespace

CLI::App* add_estimate(CLI::App& app, EstimateCliOptions& o) {
  CLI::App* cmd = app.add_subcommand("estimate", "Estimate the monthly cost of Bedrock traffic");
  cmd->add_option("--model,-m", o.model, "Model ID, inference profile ID (us.…, global.…) or ARN");
  cmd->add_option("--region,-r", o.region, "AWS Region of the requests")->capture_default_str();
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
  add_catalog_options(*cmd, o.catalog);
  add_output_options(*cmd, o.output);
  return cmd;
}

int run_estimate(const EstimateCliOptions& o, CLI::App& command, Io& io) {
  std::vector<workload::WorkloadSpec> workloads;
  engine::EstimateOptions options;
  if (!o.workload_file.empty()) {
    reject_flags_with_workload_file(command);
    InputFile file(o.workload_file);
    workload::WorkloadFile parsed = workload::load_workload_file(file.stream(), file.name(), o.region);
    workloads = std::move(parsed.workloads);
    if (parsed.hours_per_month) {
      options.hours_per_month = *parsed.hours_per_month;
    }
  } else {
    if (o.model.empty()) {
      throw UsageError("estimate: give --model MODEL_ID (or --workload FILE); 'bedrock-cost models' lists the IDs");
    }
    workloads = workloads_from_flags(o, command);
  }
  if (o.hours_per_month) {
    options.hours_per_month = util::Fixed9::from_double(*o.hours_per_month);
  }
  const catalog::Catalog catalog = load_catalog(o.catalog);
  const engine::CostReport result = engine::estimate(catalog, workloads, options);
  for (const auto& workload : result.workloads) {
    for (const auto& warning : workload.warnings) {
      io.err << "bedrock-cost: warning: " << warning << '\n';
    }
  }
  emit(o.output, io, [&](report::OutputFormat format, const report::RenderOptions& render_options, std::ostream& out) {
    report::render(result, format, render_options, out);
  });
  return static_cast<int>(ExitCode::ok);
}

} // namespace bedrock_cost::cli
