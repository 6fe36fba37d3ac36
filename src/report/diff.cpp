// `bedrock-cost diff`: the change between two estimate results, in every format.

#include "grid.hpp"
#include "numbers.hpp"

#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_writer.hpp>
#include <bedrock_cost/util/printable.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>

namespace bedrock_cost::report {

namespace {

using engine::WorkloadSummary;
using nlohmann::ordered_json;
using Side = std::optional<WorkloadSummary>;

// Per side (base_…, head_…), the commitment of the recommendation, in CSV and JSON.
constexpr std::array<std::string_view, 6> k_side_fields = {
    "strategy", "term", "model_units", "reserved_input_tpm", "reserved_output_tpm", "committed_usd"};

std::optional<util::Money> monthly(const Side& side) {
  return side ? std::optional<util::Money>(side->monthly) : std::nullopt;
}

// The amount rounded to micro-dollars, and the sign of the amount rounded to cents, for any amount.
double micros(util::Money amount) {
  return static_cast<double>(util::divide_rounded(amount.atto(), util::Money::k_atto_per_micro));
}
int cents_sign(util::Money amount) {
  constexpr util::Int128 k_atto_per_cent = util::Int128{util::Money::k_atto_per_micro} * 10'000;
  const util::Int128 cents = util::divide_rounded(amount.atto(), k_atto_per_cent);
  return cents > 0 ? 1 : (cents < 0 ? -1 : 0);
}

// The change as a share of the base (both rounded to micro-dollars, as printed); none without a base.
std::optional<double> share(std::optional<util::Money> base, std::optional<util::Money> head) {
  if (!base || !head || micros(*base) == 0) {
    return std::nullopt;
  }
  return micros(*head - *base) / micros(*base);
}

std::string signed_usd(util::Money amount) {
  const std::string text = detail::usd(amount);
  return cents_sign(amount) > 0 ? fmt::format("+{}", text) : text;
}

std::string signed_percent(std::optional<double> value) {
  if (!value) {
    return "-";
  }
  return fmt::format("{}{}", *value > 0 ? "+" : "", detail::percent(*value));
}

// "on_demand", "blended, 6_month, 2 MU" or "reserved, 3_month, 20,001 in + 23,001 out TPM".
std::string choice(const WorkloadSummary& s) {
  std::string text(engine::to_string(s.strategy));
  if (s.term) {
    text += ", " + *s.term;
  }
  if (s.model_units) {
    text += fmt::format(", {} MU", *s.model_units);
  }
  if (s.reserved_input_tpm || s.reserved_output_tpm) {
    text += fmt::format(", {} in + {} out TPM", util::format_decimal(s.reserved_input_tpm.value_or(0)),
                        util::format_decimal(s.reserved_output_tpm.value_or(0)));
  }
  return text;
}

std::string choice_text(const Side& side, std::string_view absent) {
  return side ? choice(*side) : std::string(absent);
}

std::vector<std::string> side_cells(const Side& s) {
  if (!s) {
    return std::vector<std::string>(k_side_fields.size());
  }
  const auto tpm = [](const std::optional<double>& value) { return value ? detail::plain(*value) : ""; };
  return {std::string(engine::to_string(s->strategy)),
          s->term.value_or(""),
          s->model_units ? std::to_string(*s->model_units) : "",
          tpm(s->reserved_input_tpm),
          tpm(s->reserved_output_tpm),
          detail::usd_plain(s->committed)};
}

template <typename T> ordered_json or_null(const std::optional<T>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

std::vector<ordered_json> side_values(const Side& s) {
  if (!s) {
    return std::vector<ordered_json>(k_side_fields.size());
  }
  return {engine::to_string(s->strategy),  or_null(s->term),
          or_null(s->model_units),         or_null(s->reserved_input_tpm),
          or_null(s->reserved_output_tpm), s->committed.to_double_micros()};
}

detail::Grid people_grid(const engine::ScenarioDiff& diff) {
  detail::Grid grid;
  grid.columns = {{"Workload"},
                  {"Model"},
                  {"Region"},
                  {"Base $/mo", detail::Align::right},
                  {"Head $/mo", detail::Align::right},
                  {"Change $/mo", detail::Align::right},
                  {"Change", detail::Align::right},
                  {"Base choice"},
                  {"Base committed $/mo", detail::Align::right},
                  {"Head choice"},
                  {"Head committed $/mo", detail::Align::right}};
  const auto usd = [](const std::optional<util::Money>& m) { return m ? detail::usd(*m) : "-"; };
  const auto committed = [](const Side& s) { return s ? detail::usd(s->committed) : "-"; };
  for (const auto& row : diff.rows) {
    const std::string change =
        row.base ? (row.head ? signed_percent(share(monthly(row.base), monthly(row.head))) : "removed") : "added";
    grid.rows.push_back({row.name, row.model, row.region, usd(monthly(row.base)), usd(monthly(row.head)),
                         signed_usd(row.change()), change, choice_text(row.base, "-"), committed(row.base),
                         choice_text(row.head, "-"), committed(row.head)});
  }
  grid.rows.push_back({"Total", "", "", usd(diff.base_total), usd(diff.head_total), signed_usd(diff.change()),
                       signed_percent(share(diff.base_total, diff.head_total)), "", "", "", ""});
  return grid;
}

detail::Grid machine_grid(const engine::ScenarioDiff& diff) {
  detail::Grid grid;
  detail::add_columns(grid, detail::Content::text, {"workload", "model", "region"});
  detail::add_columns(grid, detail::Content::number,
                      {"base_monthly_usd", "head_monthly_usd", "change_usd", "change_share"});
  detail::add_columns(grid, detail::Content::text, {"base_choice", "head_choice"});
  for (const std::string_view side : {"base", "head"}) {
    for (const std::string_view field : k_side_fields) {
      const bool text = field == "strategy" || field == "term";
      grid.columns.push_back({fmt::format("{}_{}", side, field)});
      grid.columns.back().content = text ? detail::Content::text : detail::Content::number;
    }
  }
  detail::add_columns(grid, detail::Content::number, {"committed_change_usd"});
  const auto usd = [](const std::optional<util::Money>& m) { return m ? detail::usd_plain(*m) : ""; };
  const auto ratio_text = [](const std::optional<double>& ratio) { return ratio ? detail::plain(*ratio, 6) : ""; };
  for (const auto& row : diff.rows) {
    std::vector<std::string> cells = {row.name,
                                      row.model,
                                      row.region,
                                      usd(monthly(row.base)),
                                      usd(monthly(row.head)),
                                      detail::usd_plain(row.change()),
                                      ratio_text(share(monthly(row.base), monthly(row.head))),
                                      choice_text(row.base, ""),
                                      choice_text(row.head, "")};
    for (const Side* side : {&row.base, &row.head}) {
      const auto more = side_cells(*side);
      cells.insert(cells.end(), more.begin(), more.end());
    }
    cells.push_back(detail::usd_plain(row.committed_change()));
    grid.rows.push_back(std::move(cells));
  }
  std::vector<std::string> total = {"(total)",
                                    "",
                                    "",
                                    usd(diff.base_total),
                                    usd(diff.head_total),
                                    detail::usd_plain(diff.change()),
                                    ratio_text(share(diff.base_total, diff.head_total))};
  total.resize(grid.columns.size());
  grid.rows.push_back(std::move(total));
  return grid;
}

ordered_json row_json(const engine::DiffRow& row) {
  const auto money = [](const std::optional<util::Money>& m) {
    return m ? ordered_json(m->to_double_micros()) : ordered_json(nullptr);
  };
  ordered_json out{{"name", row.name},
                   {"model", row.model},
                   {"region", row.region},
                   {"base_monthly_usd", money(monthly(row.base))},
                   {"head_monthly_usd", money(monthly(row.head))},
                   {"change_usd", row.change().to_double_micros()},
                   {"change_share", or_null(share(monthly(row.base), monthly(row.head)))},
                   {"base_choice", row.base ? ordered_json(choice(*row.base)) : ordered_json(nullptr)},
                   {"head_choice", row.head ? ordered_json(choice(*row.head)) : ordered_json(nullptr)}};
  for (const auto& [side, values] : {std::pair{"base", side_values(row.base)}, {"head", side_values(row.head)}}) {
    for (std::size_t i = 0; i < k_side_fields.size(); ++i) {
      out[fmt::format("{}_{}", side, k_side_fields.at(i))] = values.at(i);
    }
  }
  out["committed_change_usd"] = row.committed_change().to_double_micros();
  return out;
}

void write_json(const engine::ScenarioDiff& diff, std::ostream& out) {
  ordered_json rows = ordered_json::array();
  for (const auto& row : diff.rows) {
    rows.push_back(row_json(row));
  }
  const ordered_json document{{"schema_version", k_json_schema_version},
                              {"generated_by", fmt::format("bedrock-cost {}", k_version)},
                              {"base", diff.base_name},
                              {"head", diff.head_name},
                              {"workloads", rows},
                              {"total",
                               {{"base_monthly_usd", diff.base_total.to_double_micros()},
                                {"head_monthly_usd", diff.head_total.to_double_micros()},
                                {"change_usd", diff.change().to_double_micros()},
                                {"change_share", or_null(share(diff.base_total, diff.head_total))}}}};
  out << util::dump_json(document, 2) << '\n';
}

std::string summary(const engine::ScenarioDiff& diff) {
  const int cents = cents_sign(diff.change());
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
  case OutputFormat::focus: // estimate --compare-to with an estimate's own formats: the diff as a table
  case OutputFormat::html:
    detail::write_text(people_grid(diff), options.color, out);
    out << '\n' << util::printable(summary(diff)) << '\n';
    return;
  case OutputFormat::markdown:
    out << "## Bedrock cost change\n\n" << util::printable(summary(diff)) << "\n\n";
    detail::write_markdown(people_grid(diff), out);
    return;
  case OutputFormat::csv: detail::write_csv(machine_grid(diff), out); return;
  case OutputFormat::json: write_json(diff, out); return;
  }
}

} // namespace bedrock_cost::report
