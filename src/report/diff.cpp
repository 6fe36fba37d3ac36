// `bedrock-cost diff`: the change between two estimate results, in every format.

#include "grid.hpp"
#include "numbers.hpp"

#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/util/json_writer.hpp>
#include <bedrock_cost/util/printable.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace bedrock_cost::report {

namespace {

using nlohmann::ordered_json;

std::optional<double> share(std::optional<util::Money> base, std::optional<util::Money> head) {
  if (!base || !head || base->round_micros() == 0) {
    return std::nullopt;
  }
  return static_cast<double>((*head - *base).round_micros()) / static_cast<double>(base->round_micros());
}

std::string signed_usd(util::Money amount) {
  const std::string text = detail::usd(amount);
  return amount.round_cents() > 0 ? fmt::format("+{}", text) : text;
}

std::string signed_percent(std::optional<double> value) {
  if (!value) {
    return "-";
  }
  return fmt::format("{}{}", *value > 0 ? "+" : "", detail::percent(*value));
}

detail::Grid diff_grid(const engine::ScenarioDiff& diff, bool people) {
  detail::Grid grid;
  if (people) {
    grid.columns = {{"Workload"},
                    {"Model"},
                    {"Region"},
                    {"Base $/mo", detail::Align::right},
                    {"Head $/mo", detail::Align::right},
                    {"Change $/mo", detail::Align::right},
                    {"Change", detail::Align::right},
                    {"Base choice"},
                    {"Head choice"}};
  } else {
    detail::add_columns(grid, detail::Content::text, {"workload", "model", "region"});
    detail::add_columns(grid, detail::Content::number,
                        {"base_monthly_usd", "head_monthly_usd", "change_usd", "change_share"});
    detail::add_columns(grid, detail::Content::text, {"base_choice", "head_choice"});
  }
  const auto money = [&](const std::optional<util::Money>& m) {
    return m ? (people ? detail::usd(*m) : detail::usd_plain(*m)) : (people ? "-" : "");
  };
  for (const auto& row : diff.rows) {
    const util::Money change = row.head.value_or(util::Money{}) - row.base.value_or(util::Money{});
    const auto ratio = share(row.base, row.head);
    grid.rows.push_back({row.name, row.model, row.region, money(row.base), money(row.head),
                         people ? signed_usd(change) : detail::usd_plain(change),
                         people ? (row.base ? (row.head ? signed_percent(ratio) : "removed") : "added")
                                : (ratio ? detail::plain(*ratio, 6) : ""),
                         row.base ? row.base_choice : (people ? "-" : ""),
                         row.head ? row.head_choice : (people ? "-" : "")});
  }
  const auto total_ratio = share(diff.base_total, diff.head_total);
  grid.rows.push_back({people ? "Total" : "(total)", "", "", money(diff.base_total), money(diff.head_total),
                       people ? signed_usd(diff.change()) : detail::usd_plain(diff.change()),
                       people ? signed_percent(total_ratio) : (total_ratio ? detail::plain(*total_ratio, 6) : ""), "",
                       ""});
  return grid;
}

std::string summary(const engine::ScenarioDiff& diff) {
  const auto cents = diff.change().round_cents();
  const std::string verb = cents > 0 ? "rises" : cents < 0 ? "falls" : "is unchanged";
  return fmt::format("The recommended monthly cost {}{}: {} ({}) -> {} ({}).", verb,
                     cents == 0 ? ""
                                : fmt::format(" by {} ({})",
                                              detail::usd(cents > 0 ? diff.change() : util::Money{} - diff.change()),
                                              signed_percent(share(diff.base_total, diff.head_total))),
                     detail::usd(diff.base_total), diff.base_name, detail::usd(diff.head_total), diff.head_name);
}

} // namespace

void render(const engine::ScenarioDiff& diff, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  switch (format) {
  case OutputFormat::table:
    detail::write_text(diff_grid(diff, true), options.color, out);
    out << '\n' << util::printable(summary(diff)) << '\n';
    return;
  case OutputFormat::markdown:
    out << "## Bedrock cost change\n\n" << util::printable(summary(diff)) << "\n\n";
    detail::write_markdown(diff_grid(diff, true), out);
    return;
  case OutputFormat::csv: detail::write_csv(diff_grid(diff, false), out); return;
  case OutputFormat::json: {
    ordered_json rows = ordered_json::array();
    const auto money = [](const std::optional<util::Money>& m) {
      return m ? ordered_json(m->to_double_micros()) : ordered_json(nullptr);
    };
    for (const auto& row : diff.rows) {
      const auto ratio = share(row.base, row.head);
      rows.push_back(
          {{"name", row.name},
           {"model", row.model},
           {"region", row.region},
           {"base_monthly_usd", money(row.base)},
           {"head_monthly_usd", money(row.head)},
           {"change_usd", (row.head.value_or(util::Money{}) - row.base.value_or(util::Money{})).to_double_micros()},
           {"change_share", ratio ? ordered_json(*ratio) : ordered_json(nullptr)},
           {"base_choice", row.base ? ordered_json(row.base_choice) : ordered_json(nullptr)},
           {"head_choice", row.head ? ordered_json(row.head_choice) : ordered_json(nullptr)}});
    }
    const auto total_ratio = share(diff.base_total, diff.head_total);
    const ordered_json document{{"schema_version", k_json_schema_version},
                                {"generated_by", fmt::format("bedrock-cost {}", k_version)},
                                {"base", diff.base_name},
                                {"head", diff.head_name},
                                {"workloads", rows},
                                {"total",
                                 {{"base_monthly_usd", diff.base_total.to_double_micros()},
                                  {"head_monthly_usd", diff.head_total.to_double_micros()},
                                  {"change_usd", diff.change().to_double_micros()},
                                  {"change_share", total_ratio ? ordered_json(*total_ratio) : ordered_json(nullptr)}}}};
    out << util::dump_json(document, 2) << '\n';
    return;
  }
  }
}

} // namespace bedrock_cost::report
