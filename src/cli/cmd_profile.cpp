#include "commands.hpp"

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/summary.hpp>
#include <bedrock_cost/usage/workloads.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bedrock_cost::cli {

CLI::App* add_profile(CLI::App& app, ProfileCliOptions& o) {
  CLI::App* cmd = app.add_subcommand("profile", "Summarise imported usage per model: totals, TPM percentiles, peaks");
  cmd->add_option("usage", o.files,
                  "CloudWatch get-metric-data / get-metric-statistics output (with its query file), model "
                  "invocation logs (.jsonl, .json.gz, folders), a filter-log-events export, or a per-minute CSV; "
                  "- reads stdin")
      ->required()
      ->type_name("USAGE...");
  cmd->add_option("--model,-m", o.model, "The model of CloudWatch series that do not name one (and only that model)");
  cmd->add_option("--region,-r", o.region, "Region of usage that does not name one")->capture_default_str();
  add_usage_read_options(*cmd, o.usage_read);
  add_output_options(*cmd, o.output);
  return cmd;
}

int run_profile(const ProfileCliOptions& o, Io& io) {
  check_outputs("profile", {{"--output", o.output.output_file}}, named_files("USAGE", o.files));
  usage::UsageSet usage = import_usage(o.files, o.usage_read, o.model, o.region, io);
  print_import_messages(usage, io);
  if (o.model) {
    // Only that model (as written, or with its cross-Region profile prefix).
    const std::string wanted = usage::normalise_model(*o.model).first;
    std::erase_if(usage.models, [&](const auto& entry) {
      const std::string& model = entry.second.model();
      return model != wanted && !model.ends_with("." + wanted) && !wanted.ends_with("." + model);
    });
    if (usage.models.empty()) {
      throw InputError(fmt::format("--model: no usage of '{}' in the files read", util::excerpt(*o.model)));
    }
  }
  if (usage.models.empty()) {
    throw InputError(fmt::format("{}: the usage files hold no traffic{}", fmt::join(o.files, ", "),
                                 usage.stats.outside_window > 0 ? " in the window of --since/--until" : ""));
  }
  // What estimate --usage would price: the same checks (two kinds of source on the same minutes, a period too short
  // or uneven for a month) and each model's coverage.
  const usage::UsageWorkloads priced = usage::workloads(usage, workload_options(o.usage_read));
  usage::UsageReport report = usage::summarise(usage);
  for (const workload::WorkloadSpec& spec : priced.workloads) {
    for (usage::UsageSummary& summary : report.models) {
      if (summary.model == spec.model && summary.region == spec.region && spec.coverage && spec.series) {
        summary.coverage = spec.coverage;
        const auto [numerator, denominator] = workload::month_fraction(*spec.series, report.hours_per_month);
        summary.month_factor = static_cast<double>(numerator) / static_cast<double>(denominator);
      }
    }
  }
  // The import's warnings and notes were printed as it ended; the report keeps them, then those of the period and
  // of each model, printed now.
  std::vector<std::string> warnings = priced.warnings;
  for (const workload::WorkloadSpec& spec : priced.workloads) {
    warnings.insert(warnings.end(), spec.warnings.begin(), spec.warnings.end());
  }
  print_and_keep(io, warnings, report.warnings, "warning");
  print_and_keep(io, priced.notes, report.notes, "note");
  emit(o.output, io, [&](report::OutputFormat format, const report::RenderOptions& render_options, std::ostream& out) {
    report::render(report, format, render_options, out);
  });
  return static_cast<int>(ExitCode::ok);
}

} // namespace bedrock_cost::cli
