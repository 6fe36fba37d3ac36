// `bedrock-cost estimate`: its flags (add_estimate), and run_estimate, which reads the options, prices the
// workloads (estimate_input.cpp, then the engine) and writes the report.

#include "estimate.hpp"

#include <bedrock_cost/engine/budget.hpp>
#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/report/result_file.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bedrock_cost::cli {

namespace {

// Up to a billion tokens (or requests) a minute: far above any Bedrock quota, and countable in milli-tokens.
const auto k_non_negative = number_between(0.0, 1e9, "0", "1e9");
const auto k_share = number_between(0.0, 1.0, "0", "1");

// --model and --region, or --usage and how usage files are read.
void add_input_options(CLI::App& cmd, EstimateCliOptions& o) {
  cmd.add_option("--model,-m", o.model, "Model ID, inference profile ID (us.…, global.…) or ARN");
  cmd.add_option("--region,-r", o.region, "AWS Region of the requests")->capture_default_str();
  CLI::Option* usage_files =
      cmd.add_option("--usage,-u", o.usage_files,
                     "Price real traffic: CloudWatch metrics (with their query file), model invocation logs, a "
                     "filter-log-events export or a per-minute CSV (files or folders; - reads stdin)")
          ->type_name("USAGE...");
  add_usage_read_options(cmd, o.usage_read);
  for (const char* name : {"--usage-format", "--skip-invalid", "--metric-period", "--model-for", "--period", "--since",
                           "--until", "--to-month", "--mixed-sources"}) {
    cmd.get_option(name)->needs(usage_files); // they say how usage files are read
  }
}

// --fields, --compare-to and the budget gates: --fail-on needs --fail-if-over, --fail-if-increase --compare-to.
void add_report_options(CLI::App& cmd, EstimateCliOptions& o) {
  cmd.add_option("--fields", o.output.fields,
                 "Only these CSV columns, in this order (also as a table); e.g. workload,strategy,term,monthly_usd")
      ->delimiter(',')
      ->type_name("COLUMN,...");
  CLI::Option* compare_to =
      cmd.add_option("--compare-to", o.compare_to,
                     "Print what changed against an earlier 'estimate --format json' result instead of the estimate")
          ->type_name("BASE.json");
  cmd.add_option("--fail-if-increase", o.fail_if_increase,
                 "With --compare-to: exit 3 when the recommended total rises by more than USD or PCT%")
      ->type_name("USD|PCT%")
      ->needs(compare_to);
  CLI::Option* fail_if_over =
      cmd.add_option("--fail-if-over", o.fail_if_over,
                     "Budget gate: write the report, then exit 3 if the monthly total is over USD")
          ->type_name("USD");
  cmd.add_flag("--allow-unpriced", o.allow_unpriced,
               "Let --fail-if-over and --fail-if-increase judge totals that leave out usage the catalog cannot "
               "price (by default an error)");
  cmd.add_option("--fail-on", o.fail_on, "Which total --fail-if-over checks")
      ->check(CLI::IsMember({"recommended", "on_demand", "provisioned", "blended", "reserved"}))
      ->capture_default_str()
      ->needs(fail_if_over);
}

// The traffic of one workload: its rate (one of four forms), its shares, and its shape over the week.
void add_traffic_options(CLI::App& cmd, EstimateCliOptions& o) {
  cmd.add_option("--tpm", o.tpm, "Average tokens per minute (input + output)")->check(k_non_negative);
  cmd.add_option("--input-share", o.input_share, "Share of --tpm that is input tokens")
      ->check(k_share)
      ->capture_default_str();
  cmd.add_option("--input-tpm", o.input_tpm, "Average input tokens per minute")->check(k_non_negative);
  cmd.add_option("--output-tpm", o.output_tpm, "Average output tokens per minute")->check(k_non_negative);
  cmd.add_option("--requests-per-minute,--rpm", o.requests_per_minute, "Average requests per minute")
      ->check(k_non_negative);
  cmd.add_option("--requests-per-day", o.requests_per_day, "Average requests per day")->check(k_non_negative);
  cmd.add_option("--input-tokens", o.input_tokens, "Input tokens per request")->check(k_non_negative);
  cmd.add_option("--output-tokens", o.output_tokens, "Output tokens per request")->check(k_non_negative);
  cmd.add_option("--batch-share", o.batch_share, "Share of tokens sent as batch inference (batch prices)")
      ->check(k_share);
  cmd.add_option("--cache-read-share", o.cache_read_share, "Share of real-time input tokens read from the prompt cache")
      ->check(k_share);
  cmd.add_option("--cache-write-share", o.cache_write_share,
                 "Share of real-time input tokens written to the prompt cache")
      ->check(k_share);
  cmd.add_option("--hours-per-month", o.hours_per_month, "Hours in a month [default: 730]")
      ->check(number_between(1.0, 744.0, "1", "744"));
  cmd.add_option("--date", o.date,
                 "The day the estimate is for: a model's lifecycle (Legacy, extended access, end of life) is judged "
                 "on it [default: today, or BEDROCK_COST_TODAY]")
      ->type_name("YYYY-MM-DD")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return text.size() == 10 && util::is_valid_date(text)
                       ? std::string()
                       : fmt::format("expected a date YYYY-MM-DD, got '{}'", util::excerpt(text));
          },
          "DATE"));
  cmd.add_option("--peak-tpm", o.peak_tpm, "Tokens per minute in the busiest minute (shapes the traffic)")
      ->check(k_non_negative);
  cmd.add_option("--shape", o.shape, "How the rate varies over the week [default with --peak-tpm: diurnal]")
      ->check(CLI::IsMember({"flat", "diurnal", "business-hours"}));
  cmd.add_option("--headroom", o.headroom_percent, "Percent above the peak to size provisioned MUs for")
      ->check(number_between(0.0, 1000.0, "0", "1000"))
      ->capture_default_str();
}

// Model units, commitment terms, the MU capacity and Reserved prices of a quote, and the account's quotas.
void add_capacity_options(CLI::App& cmd, EstimateCliOptions& o) {
  cmd.add_option("--model-units", o.model_units, "Buy this many MUs instead of sizing to the peak")
      ->transform(whole_number_between(1, 1'000'000));
  cmd.add_option("--term", o.terms, "Only these commitment terms (no_commitment, 1_month, 6_month, ...)")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& term) -> std::string {
            return catalog::is_term_name(term) ? std::string()
                                               : fmt::format("unknown term '{}' (expected no_commitment, 1_month, "
                                                             "6_month, or <n>_month / <n>_year up to 10 years)",
                                                             util::excerpt(term));
          },
          "TERM"));
  cmd.add_option("--mu-input-tpm", o.mu_input_tpm, "Input tokens per minute one model unit serves (from your quote)");
  cmd.add_option("--mu-output-tpm", o.mu_output_tpm, "Output tokens per minute one model unit serves");
  cmd.add_option("--mu-tpm", o.mu_tpm, "Tokens per minute one model unit serves, input and output combined");
  cmd.add_option("--reserved-input-price", o.reserved_input_price, "Reserved tier: USD per 1,000 input TPM per month");
  cmd.add_option("--reserved-output-price", o.reserved_output_price,
                 "Reserved tier: USD per 1,000 output TPM per month");
  cmd.add_option("--quota-tpm", o.quota_tpm,
                 "Your on-demand tokens-per-minute quota for the model and Region (replaces the default)")
      ->type_name("N");
  cmd.add_option("--quota-rpm", o.quota_rpm,
                 "Your on-demand requests-per-minute quota for the model and Region (replaces the default)")
      ->type_name("N");
  cmd.add_option("--reserved-term", o.reserved_term, "Term of the Reserved prices given")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& term) -> std::string {
            return catalog::is_term_name(term) && term != "no_commitment"
                       ? std::string()
                       : fmt::format("expected <n>_month or <n>_year, got '{}'", util::excerpt(term));
          },
          "TERM"));
}

} // namespace

CLI::App* add_estimate(CLI::App& app, EstimateCliOptions& o) {
  CLI::App* cmd = app.add_subcommand("estimate", "Estimate the monthly cost of Bedrock traffic");
  add_input_options(*cmd, o);
  add_report_options(*cmd, o);
  cmd->add_option("--workload,-w", o.workload_file, "JSON file with several workloads (see docs/workload-format.md)")
      ->type_name("FILE");
  add_traffic_options(*cmd, o);
  add_capacity_options(*cmd, o);
  add_catalog_options(*cmd, o.catalog);
  add_output_options(*cmd, o.output, true);
  cmd->add_option("--charge-period", o.charge_period,
                  "--format focus: the month the charges fall in [default: the month the --usage lies in, else the "
                  "month after the catalog's date]")
      ->type_name("YYYY-MM");
  cmd->add_option("--chart", o.chart_file,
                  "Also write the charts of --format html (traffic, model units, cost by MUs, options) to FILE.svg")
      ->type_name("FILE.svg");
  cmd->final_callback([cmd, &o] { o.given = given_flags(*cmd); }); // for the rules CLI11 cannot declare
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

// What to do with the report once it is computed: the renderer and its options, the files, and the gates.
struct EstimateOutput {
  OutputOptions files; // --format, --output and --fields as given (the diff of --compare-to prints through them)
  report::OutputFormat format = report::OutputFormat::table;
  report::RenderOptions render;
  std::string chart_file;           // --chart
  std::string compare_to;           // --compare-to: the diff against this earlier result instead of the report
  std::optional<util::Money> limit; // --fail-if-over
  engine::BudgetBasis basis;        // --fail-on
  IncreaseLimit increase;           // --fail-if-increase
  bool allow_unpriced = false;      // --allow-unpriced: both gates may judge totals that leave usage out
};

// --fields names columns of the CSV layout, printed as CSV or as a table.
void check_fields(const std::vector<std::string>& fields, report::OutputFormat format) {
  if (fields.empty()) {
    return;
  }
  if (format != report::OutputFormat::csv && format != report::OutputFormat::table) {
    throw UsageError("estimate: --fields goes with --format csv or table");
  }
  if (const auto unknown = report::unknown_fields(fields, report::estimate_fields()); !unknown.empty()) {
    throw UsageError(fmt::format("estimate: --fields: unknown column '{}' (columns: {})",
                                 util::excerpt(unknown.front()), fmt::join(report::estimate_fields(), ", ")));
  }
}

// The output settings of the flags; the FOCUS charge period comes from --charge-period, the usage or the catalog.
EstimateOutput estimate_output(const EstimateCliOptions& o, const std::string& catalog_date,
                               const std::vector<workload::WorkloadSpec>& workloads, const Io& io) {
  EstimateOutput output;
  output.files = o.output;
  output.format = output_format(o.output);
  check_fields(o.output.fields, output.format);
  output.render = render_options(o.output, io);
  output.chart_file = o.chart_file;
  output.compare_to = o.compare_to;
  if (o.fail_if_over) {
    output.limit = util::Money::from_usd(decimal_flag(*o.fail_if_over, "--fail-if-over", false));
  }
  output.basis = engine::budget_basis(o.fail_on).value(); // CLI11 lets only the names through
  if (o.fail_if_increase && o.compare_to.empty()) {       // --compare-to '': given, so CLI11's needs() passes
    throw UsageError("estimate: --fail-if-increase goes with --compare-to BASE.json");
  }
  output.allow_unpriced = o.allow_unpriced;
  output.increase = parse_increase_limit(o.fail_if_increase, "estimate");
  output.increase.allow_unpriced = o.allow_unpriced;
  if (output.format == report::OutputFormat::focus && o.compare_to.empty()) { // (a diff has no charge period)
    output.render.charge_period = focus_period(o.charge_period, catalog_date, usage_month(workloads));
  }
  return output;
}

// engine::estimate, with a workload the catalog cannot price told in the words of the input it came from.
engine::CostReport estimate_worded(const catalog::Catalog& catalog, const EstimateInput& input) {
  try {
    return engine::estimate(catalog, input.workloads, input.options);
  } catch (const engine::UnpricedWorkload& e) {
    throw UnpricedError(report::gap_message(e.gap()));
  }
}

// Warnings and notes on stderr: usage the catalog cannot price, then those of the estimate and of each workload.
// The import's own, first in the report's lists, were printed as it ended.
void print_diagnostics(const engine::CostReport& result, const engine::EstimateOptions& options, Io& io) {
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
}

// --compare-to: the diff against the earlier result, as `bedrock-cost diff BASE.json <this result>` would print it,
// from the report itself (exact money, no JSON in between); 3 (over_budget) when --fail-if-increase fails.
int print_diff(const engine::CostReport& result, const EstimateOutput& output, Io& io) {
  InputFile base(output.compare_to);
  const engine::ResultSummary earlier = report::read_result(base.stream(), base.name());
  const engine::ScenarioDiff diff = engine::diff(earlier, base.name(), engine::summarize(result), "this estimate");
  return report_diff(diff, output.files, output.increase, io);
}

// --fail-if-over, judged after the whole report is written, so CI keeps the report of a failing run: 3
// (over_budget) when the --fail-on total is over the limit.
int check_budget(const engine::CostReport& result, const EstimateOutput& output, Io& io) {
  if (!output.limit) {
    return static_cast<int>(ExitCode::ok);
  }
  check_priced_for_gate("--fail-if-over", {{"this estimate", engine::summarize(result).unpriced}},
                        output.allow_unpriced);
  const util::Money total = engine::budget_total(result, output.basis);
  if (total > *output.limit) {
    io.err << fmt::format("bedrock-cost: over budget: {} is ${}/month, over the limit of ${} (--fail-if-over)\n",
                          engine::describe(output.basis), util::format_usd_cents(total),
                          util::format_usd_cents(*output.limit));
    return static_cast<int>(ExitCode::over_budget);
  }
  return static_cast<int>(ExitCode::ok);
}

// Writes the report in its format (or the diff of --compare-to) and the --chart file, then judges the gates.
int write_estimate(const engine::CostReport& result, const EstimateOutput& output, Io& io) {
  // The chart is written before the report and put in place after it: a failure of either leaves neither.
  std::optional<OutputFile> chart;
  if (!output.chart_file.empty()) {
    std::ostringstream svg;
    report::svg::render(result, svg);
    chart.emplace(output.chart_file, svg.str());
  }
  int code = static_cast<int>(ExitCode::ok);
  if (output.compare_to.empty()) {
    std::ostringstream text;
    report::render(result, output.format, output.render, text);
    write_report(output.files, io, text.str());
  } else {
    code = print_diff(result, output, io);
  }
  if (chart) {
    chart->commit(); // also when the diff's gate failed: the charts of the run are whole, like the report
  }
  return code != static_cast<int>(ExitCode::ok) ? code : check_budget(result, output, io);
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

int run_estimate(const EstimateCliOptions& o, Io& io) {
  check_estimate_outputs(o);
  const catalog::Catalog catalog = load_catalog(o.catalog);
  const EstimateInput input = estimate_input(o, catalog, io);
  const EstimateOutput output = estimate_output(o, catalog.as_of, input.workloads, io);
  const engine::CostReport result = estimate_worded(catalog, input);
  print_diagnostics(result, input.options, io);
  return write_estimate(result, output, io);
}

} // namespace bedrock_cost::cli
