#include "commands.hpp"

#include <bedrock_cost/engine/diff.hpp>
#include <bedrock_cost/error.hpp>

#include <fmt/format.h>

namespace bedrock_cost::cli {

CLI::App* add_diff(CLI::App& app, DiffCliOptions& o) {
  CLI::App* cmd =
      app.add_subcommand("diff", "Compare two estimate results (JSON): what changed per workload and in total");
  cmd->add_option("base", o.base, "The earlier result: bedrock-cost estimate --format json")
      ->required()
      ->type_name("BASE.json");
  cmd->add_option("head", o.head, "The later result")->required()->type_name("HEAD.json");
  cmd->add_option("--fail-if-increase", o.fail_if_increase,
                  "Exit 3 when the recommended total rises by more than USD, or by more than PCT% (e.g. 10%)")
      ->type_name("USD|PCT%");
  add_output_options(*cmd, o.output);
  return cmd;
}

int run_diff(const DiffCliOptions& o, Io& io) {
  // The threshold first: a typo must not cost a whole comparison.
  std::optional<util::Fixed9> usd;
  std::optional<util::Fixed9> percent;
  if (o.fail_if_increase) {
    const std::string& text = *o.fail_if_increase;
    try {
      if (text.ends_with('%')) {
        percent = util::Fixed9::parse(std::string_view(text).substr(0, text.size() - 1));
      } else {
        usd = util::Fixed9::parse(text);
      }
    } catch (const std::invalid_argument& e) {
      throw UsageError(fmt::format("diff: --fail-if-increase: expected USD or PCT%, got '{}' ({})", text, e.what()));
    }
    if ((usd && usd->units() < 0) || (percent && percent->units() < 0)) {
      throw UsageError(fmt::format("diff: --fail-if-increase: must not be negative, got '{}'", text));
    }
  }
  InputFile base(o.base);
  InputFile head(o.head);
  const engine::ScenarioDiff diff = engine::diff_results(base.stream(), base.name(), head.stream(), head.name());
  emit(o.output, io, [&](report::OutputFormat format, const report::RenderOptions& render_options, std::ostream& out) {
    report::render(diff, format, render_options, out);
  });
  const util::Money change = diff.change();
  bool breach = false;
  if (usd) {
    breach = change > util::Money::from_usd(*usd);
  } else if (percent) {
    // change > base x pct / 100, exactly
    breach = change.atto() * 100 * util::Fixed9::k_scale > diff.base_total.atto() * percent->units();
  }
  if (breach) {
    io.err << fmt::format("bedrock-cost: over budget: the recommended total rises by {}/month ({} -> {}), more than "
                          "--fail-if-increase {}\n",
                          fmt::format("${}", util::format_usd_cents(change)),
                          fmt::format("${}", util::format_usd_cents(diff.base_total)),
                          fmt::format("${}", util::format_usd_cents(diff.head_total)), *o.fail_if_increase);
    return static_cast<int>(ExitCode::over_budget);
  }
  return static_cast<int>(ExitCode::ok);
}

} // namespace bedrock_cost::cli
