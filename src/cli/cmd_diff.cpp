#include "commands.hpp"

#include <bedrock_cost/engine/diff.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/report/result_file.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

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
  cmd->add_flag("--allow-unpriced", o.allow_unpriced,
                "Let --fail-if-increase judge totals that leave out usage the catalog could not price (by default an "
                "error)");
  add_output_options(*cmd, o.output);
  return cmd;
}

IncreaseLimit parse_increase_limit(const std::optional<std::string>& text, std::string_view command) {
  IncreaseLimit limit;
  if (!text) {
    return limit;
  }
  try {
    if (text->ends_with('%')) {
      limit.percent = util::Fixed9::parse(std::string_view(*text).substr(0, text->size() - 1));
    } else {
      limit.usd = util::Fixed9::parse(*text);
    }
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("{}: --fail-if-increase: expected USD or PCT%, got '{}' ({})", command,
                                 util::excerpt(*text), e.what()));
  }
  if ((limit.usd && limit.usd->units() < 0) || (limit.percent && limit.percent->units() < 0)) {
    throw UsageError(
        fmt::format("{}: --fail-if-increase: must not be negative, got '{}'", command, util::excerpt(*text)));
  }
  limit.text = *text;
  return limit;
}

void check_priced_for_gate(std::string_view gate,
                           const std::vector<std::pair<std::string, std::vector<std::string>>>& sides, bool allowed) {
  std::vector<std::string> left_out;
  for (const auto& [side, unpriced] : sides) {
    for (const std::string& usage : unpriced) {
      left_out.push_back(sides.size() > 1 ? fmt::format("{} ({})", usage, side) : usage);
    }
  }
  if (allowed || left_out.empty()) {
    return;
  }
  constexpr std::size_t k_named = 5;
  const std::size_t more = left_out.size() > k_named ? left_out.size() - k_named : 0;
  left_out.resize(std::min(left_out.size(), k_named));
  throw InputError(fmt::format("{}: the total leaves out usage the catalog could not price ({}{}), so the gate cannot "
                               "pass on it: price it (a --prices overlay) or accept the gap with --allow-unpriced",
                               gate, fmt::join(left_out, "; "), more > 0 ? fmt::format("; {} more", more) : ""));
}

int report_diff(const engine::ScenarioDiff& diff, const OutputOptions& output, const IncreaseLimit& limit, Io& io) {
  emit(output, io, [&](report::OutputFormat format, const report::RenderOptions& render_options, std::ostream& out) {
    report::render(diff, format, render_options, out);
  });
  if (limit.usd || limit.percent) {
    check_priced_for_gate("--fail-if-increase",
                          {{diff.base_name, diff.base_unpriced}, {diff.head_name, diff.head_unpriced}},
                          limit.allow_unpriced);
  }
  const util::Money change = diff.change();
  bool breach = false;
  if (limit.usd) {
    breach = change > util::Money::from_usd(*limit.usd);
  } else if (limit.percent) {
    breach = engine::rises_by_more_than(diff, *limit.percent);
  }
  if (breach) {
    io.err << fmt::format("bedrock-cost: over budget: the recommended total rises by {}/month ({} -> {}), more than "
                          "--fail-if-increase {}\n",
                          fmt::format("${}", util::format_usd_cents(change)),
                          fmt::format("${}", util::format_usd_cents(diff.base_total)),
                          fmt::format("${}", util::format_usd_cents(diff.head_total)), util::excerpt(limit.text));
    return static_cast<int>(ExitCode::over_budget);
  }
  return static_cast<int>(ExitCode::ok);
}

int run_diff(const DiffCliOptions& o, Io& io) {
  IncreaseLimit limit = parse_increase_limit(o.fail_if_increase, "diff"); // before reading anything
  limit.allow_unpriced = o.allow_unpriced;
  check_outputs("diff", {{"--output", o.output.output_file}}, {{"BASE.json", o.base}, {"HEAD.json", o.head}});
  InputFile base(o.base);
  InputFile head(o.head);
  const engine::ResultSummary base_result = report::read_result(base.stream(), base.name());
  const engine::ResultSummary head_result = report::read_result(head.stream(), head.name());
  const engine::ScenarioDiff diff = engine::diff(base_result, base.name(), head_result, head.name());
  return report_diff(diff, o.output, limit, io);
}

} // namespace bedrock_cost::cli
